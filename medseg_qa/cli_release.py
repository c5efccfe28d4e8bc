"""Release commands: `verify` an export against its manifest, `diff` two versions, `preview` the next export.

(`export`, with `--push-to-hub` and `--format lisa`, lives in cli.py.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from medseg_qa.errors import MedsegQAError


def verify_command(path: Path = typer.Argument(..., help="an export folder (exports/<name>/<version>)")) -> None:
    """Recheck every file's sha256 and the rows' content fingerprint against manifest.json."""
    from medseg_qa.cli import _fail
    from medseg_qa.manifest import verify

    try:
        summary = verify(path)
    except MedsegQAError as exc:
        _fail(exc)
    typer.echo(f"{path}: OK, {summary['files']} files ({summary['bytes']} bytes) match manifest.json; content "
               f"fingerprint {summary['content_fingerprint'][:16]}...; rows "
               + ", ".join(f"{s} {n}" for s, n in summary["rows"].items()))


def diff_command(a: str = typer.Argument(..., help="older export: a folder or a version in the catalog"),
                 b: str = typer.Argument(..., help="newer export: a folder or a version in the catalog"),
                 as_json: bool = typer.Option(False, "--json", help="print the full difference as JSON"),
                 workspace: Optional[Path] = typer.Option(None, "--workspace", "-w", envvar="MEDSEGQA_WORKSPACE",
                                                          help="workspace whose catalog resolves versions")) -> None:
    """Conversations and records added, removed and changed between two exports, and reviews that changed them."""
    import json

    from rich.table import Table

    from medseg_qa.cli import _console, _fail, _open
    from medseg_qa.pipelines.diff import diff_exports

    try:
        with _open(workspace) as ws:
            pa, pb, d = diff_exports(a, b, ws)
    except MedsegQAError as exc:
        _fail(exc)
    if as_json:
        typer.echo(json.dumps(d.as_dict(), indent=2))
        return
    typer.echo(f"{pa} -> {pb}: {d.summary()}")
    if d.per_group:
        t = Table(title="per target and split")
        for col in ("target", "split", "added", "removed", "changed", "moved"):
            t.add_column(col, justify="left" if col in ("target", "split") else "right")
        for (target, split), c in sorted(d.per_group.items()):
            t.add_row(target, split, *(str(c.get(k, 0)) for k in ("added", "removed", "changed", "moved")))
        _console().print(t)
    for cid, before, after in d.reviews:
        typer.echo(f"review changed {cid}: {before} -> {after}")


def preview_command(recipe: Optional[Path] = typer.Option(None, "--recipe", help="recipe whose export section "
                                                          "to use"),
                    output: Path = typer.Option(Path("preview"), "--output", help="folder for index.html"),
                    per_target: int = typer.Option(4, "--per-target", min=1, help="samples per target"),
                    workspace: Optional[Path] = typer.Option(None, "--workspace", "-w", envvar="MEDSEGQA_WORKSPACE",
                                                             help="workspace folder")) -> None:
    """Write a static HTML gallery of what the next export would hold (overlay, conversation, QC, review)."""
    from medseg_qa.cli import _fail, _open
    from medseg_qa.config import ExportConfig, load_recipe
    from medseg_qa.pipelines.preview import build_preview

    try:
        config = load_recipe(recipe).export if recipe else ExportConfig()
        with _open(workspace) as ws:
            result = build_preview(ws, config, output, per_target)
    except MedsegQAError as exc:
        _fail(exc)
    typer.echo(f"wrote {result.path}: {result.samples} samples over {result.targets} targets")


def register_release_commands(app: typer.Typer) -> None:
    app.command("verify")(verify_command)
    app.command("diff")(diff_command)
    app.command("preview")(preview_command)
