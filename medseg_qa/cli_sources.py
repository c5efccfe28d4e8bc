"""CLI commands over the dataset registry: `medsegqa sources list|show` and `medsegqa pull NAME`.

Wired into `medseg_qa.cli` with `app.add_typer(sources_app, name="sources")` and
`app.command("pull")(pull_command)`; kept apart so the main CLI module stays small.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from medseg_qa.errors import MedsegQAError

sources_app = typer.Typer(help="The dataset registry: public image-mask sets by name.", no_args_is_help=True,
                          add_completion=False, pretty_exceptions_enable=False)

RegistryOpt = typer.Option(None, "--registry", help="extra registry YAML laid over the built-in one "
                           "(also MEDSEGQA_REGISTRY)")
CacheOpt = typer.Option(None, "--cache-dir", help="pull cache (default MEDSEGQA_CACHE or ~/.cache/medseg-qa)")


def _fail(exc: MedsegQAError, code: int = 2) -> None:
    typer.secho(f"error: {exc}", fg="red", err=True)
    raise typer.Exit(code)


def _download_kind(entry) -> str:
    if entry.download.manual:
        return "manual"
    return "hub" if entry.download.hf_repo else "url"


@sources_app.command("list")
def list_sources(registry: Optional[Path] = RegistryOpt, cache_dir: Optional[Path] = CacheOpt,
                 modality: Optional[str] = typer.Option(None, help="only this modality, e.g. CT")) -> None:
    """Every registry dataset with its modality, labels, licence, download kind and local copy."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from medseg_qa.pull_cache import cached_path
    from medseg_qa.registry import load_registry

    try:
        reg = load_registry(registry)
    except MedsegQAError as exc:
        _fail(exc)
    t = Table(title="registry (get: url, hub or manual; + = pulled)", box=box.SIMPLE_HEAD, pad_edge=False,
              padding=(0, 1), collapse_padding=True)
    t.add_column("name", no_wrap=True)
    t.add_column("modality", no_wrap=True)
    t.add_column("labels", ratio=1, min_width=14)
    t.add_column("licence", overflow="fold", max_width=13)
    t.add_column("get", no_wrap=True)
    t.add_column("pairs", no_wrap=True, justify="right")
    for name, e in sorted(reg.items()):
        if modality and e.modality.lower() != modality.lower():
            continue
        labels = ", ".join(e.labels[:3]) + (f" +{len(e.labels) - 3}" if len(e.labels) > 3 else "")
        pulled = "+" if cached_path(name, cache_dir) else ""
        t.add_row(name, e.modality, labels, e.licence, _download_kind(e) + pulled,
                  f"{e.expected_pairs:,}" if e.expected_pairs else "?")
    Console().print(t)


@sources_app.command("show")
def show_source(name: str = typer.Argument(..., help="registry name, e.g. kvasir-seg"),
                registry: Optional[Path] = RegistryOpt, cache_dir: Optional[Path] = CacheOpt) -> None:
    """One dataset: licence, citation, labels, download and the ingest options it uses."""
    import yaml

    from medseg_qa.pull_cache import cached_path, dataset_dir
    from medseg_qa.registry import get_entry, template_options

    try:
        e = get_entry(name, registry)
    except MedsegQAError as exc:
        _fail(exc)
    dl = e.download
    local = cached_path(e.name, cache_dir)
    lines = [
        f"{e.name}: {e.title}",
        f"  modality: {e.modality}   body region: {e.body_region}",
        f"  labels: {', '.join(e.labels)}",
        f"  licence: {e.licence}" + (f" ({e.licence_note})" if e.licence_note else ""),
        f"  citation: {e.citation}",
        f"  homepage: {e.homepage}",
    ]
    if e.expected_pairs:
        lines.append(f"  expected image-mask pairs: ~{e.expected_pairs}")
    if dl.hf_repo:
        lines.append(f"  hub mirror: {dl.hf_repo}" + (f"@{dl.hf_revision}" if dl.hf_revision else ""))
    for f in dl.files:
        sha = f"sha256 {f.sha256}" if f.sha256 else "no published checksum"
        lines.append(f"  file: {f.url or f.filename} ({f.archive}, {sha})")
    if dl.size_note:
        lines.append(f"  download size: {dl.size_note}")
    if dl.manual:
        lines.append(f"  manual download: {dl.manual_note}")
    if e.notes:
        lines.append(f"  notes: {e.notes}")
    target = dataset_dir(e.name, cache_dir)
    lines.append(f"  local copy: {local}" if local else f"  local copy: none (pull target {target})")
    lines.append(f"  get it: medsegqa pull {e.name}" + (" --archive FILE" if dl.manual else ""))
    if e.source is None:
        lines.append("  source: none built in yet (see notes)")
        typer.echo("\n".join(lines))
        return
    lines.append(f"  ingest: medsegqa ingest --dataset {e.name}" + ("" if local else " --path DIR"))
    lines.append(f"  source ({e.source.type}):")
    typer.echo("\n".join(lines))
    typer.echo("    " + yaml.safe_dump(template_options(e), sort_keys=False, allow_unicode=True)
               .strip().replace("\n", "\n    "))


def pull_command(name: str = typer.Argument(..., help="registry name, e.g. kvasir-seg"),
                 cache_dir: Optional[Path] = CacheOpt,
                 dest: Optional[Path] = typer.Option(None, "--dest", help="folder to pull into instead of the "
                                                     "cache, e.g. data/kvasir-seg"),
                 archive: Optional[List[Path]] = typer.Option(None, "--archive", help="an already downloaded "
                                                               "archive to unpack (manual sets); repeatable"),
                 force: bool = typer.Option(False, "--force", help="pull again over a complete copy"),
                 timeout: float = typer.Option(30.0, help="seconds before a stalled network call fails"),
                 retries: int = typer.Option(3, help="tries per file (each resumes the partial file)"),
                 keep_archives: bool = typer.Option(False, "--keep-archives", help="keep downloaded archives"),
                 registry: Optional[Path] = RegistryOpt,
                 no_progress: bool = typer.Option(False, "--no-progress", help="hide progress bars")) -> None:
    """Download a registry dataset (hub mirror or direct URL, resumable, checksummed) for ingest."""
    from medseg_qa.errors import ManualDownloadRequired
    from medseg_qa.pull import pull

    try:
        result = pull(name, dest=dest, cache_dir=cache_dir, registry=registry, archives=archive or (),
                      force=force, timeout=timeout, retries=retries, progress=not no_progress,
                      keep_archives=keep_archives)
    except ManualDownloadRequired as exc:
        _fail(exc, code=3)
    except MedsegQAError as exc:
        _fail(exc)
    if result.method == "cache":
        typer.echo(f"{result.name} is already in {result.path} (use --force to pull again)")
    else:
        typer.echo(f"pulled {result.name} into {result.path}")
    hint = "" if dest is None else f" --path {result.path}"
    typer.echo(f"next: medsegqa ingest --dataset {result.name}{hint}")
