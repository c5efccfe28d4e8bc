"""The `knowledge` commands: draft missing entries with an LLM, check and list them, show one, sign one off."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from medseg_qa.errors import MedsegQAError

knowledge_app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                            help="The knowledge base: draft, check, show and sign off entries.")

RecipeOpt = typer.Option(None, "--recipe", "-r", help="recipe whose `knowledge:` files to use")
KnowledgeOpt = typer.Option(None, "--knowledge", help="knowledge file or folder (repeatable)")


def _fail(exc: MedsegQAError) -> None:
    typer.secho(f"error: {exc}", fg="red", err=True)
    raise typer.Exit(2)


def _paths(recipe: Optional[Path], knowledge: Optional[list[Path]]) -> list[str]:
    from medseg_qa.config import load_recipe

    return [*(load_recipe(recipe).knowledge if recipe else []), *map(str, knowledge or [])]


def _draft_dir(recipe_path: Path, paths: list[str]) -> Path:
    """The first folder among the recipe's knowledge paths, else `<recipe folder>/knowledge`."""
    for p in map(Path, paths):
        if p.is_dir() or (not p.exists() and p.suffix not in (".yaml", ".yml")):
            return p
    return recipe_path.parent / "knowledge"


@knowledge_app.command("draft")
def draft(recipe: Path = typer.Argument(..., help="recipe YAML (its sources are ingested first)"),
          out: Optional[Path] = typer.Option(None, "--out", help="folder for the drafts (default: the first "
                                             "folder in the recipe's `knowledge:`, else <recipe folder>/knowledge)"),
          target: Optional[list[str]] = typer.Option(None, "--target", help="draft only these labels (repeatable)"),
          base_url: Optional[str] = typer.Option(None, "--base-url", help="override generation.base_url"),
          model: Optional[str] = typer.Option(None, "--model", help="override generation.model"),
          knowledge: Optional[list[Path]] = KnowledgeOpt,
          workspace: Optional[Path] = typer.Option(None, "--workspace", "-w", envvar="MEDSEGQA_WORKSPACE"),
          no_progress: bool = typer.Option(False, "--no-progress")) -> None:
    """Have the recipe's OpenAI-compatible LLM draft an entry for every target without one."""
    from medseg_qa.cli import _open, _print_ingest, _setup_logging
    from medseg_qa.config import load_recipe
    from medseg_qa.knowledge import use_knowledge
    from medseg_qa.knowledge_draft import draft_missing
    from medseg_qa.pipelines.ingest import ingest as run_ingest

    try:
        overrides = {k: v for k, v in {"generation.base_url": base_url, "generation.model": model,
                                       "generation.backend": "openai" if base_url else None}.items() if v}
        rec = load_recipe(recipe, overrides)
        rec = rec.model_copy(update={"knowledge": [*rec.knowledge, *map(str, knowledge or [])]})
        out_dir = out or _draft_dir(recipe, rec.knowledge)
        use_knowledge(rec.knowledge)
        with _open(workspace) as ws:
            _setup_logging(ws.root)
            _print_ingest(run_ingest(ws, rec, progress=not no_progress))
            s = draft_missing(ws, rec, out_dir, only=target or None, progress=not no_progress)
        typer.echo(f"drafted {len(s.written)}, rejected {len(s.rejected)} (kept raw), {s.already} already had an "
                   f"entry, {len(s.failed)} failed; tokens {s.prompt_tokens}+{s.completion_tokens}")
        for p in s.written:
            typer.echo(f"  draft: {p}")
        for p in s.rejected:
            typer.echo(f"  rejected: {p}")
        for line in s.failed:
            typer.echo(f"  failed: {line}")
        for name, terms in s.dropped.items():
            typer.echo(f"  {name}: left out synonyms that name other structures: {', '.join(terms)}")
        if str(out_dir.resolve()) not in {str(Path(p).resolve()) for p in rec.knowledge}:
            typer.secho(f"add the folder to the recipe so generate uses it: knowledge: [{out_dir}]", fg="yellow")
        if s.written:
            typer.echo("check each draft, then `medsegqa knowledge sign-off NAME --by WHO`; generate refuses "
                       "drafts unless --allow-draft-knowledge")
    except MedsegQAError as exc:
        _fail(exc)


@knowledge_app.command("check")
def check(paths: Optional[list[Path]] = typer.Argument(None, help="knowledge files or folders"),
          recipe: Optional[Path] = RecipeOpt,
          stats: bool = typer.Option(False, "--stats", help="print the coverage table per body region")) -> None:
    """Validate the built-in base with the given files (schema, duplicates, contradictions) and list the
    entries that are not built in, their status and their problems; rejected drafts too."""
    from rich.console import Console
    from rich.table import Table

    from medseg_qa.knowledge import knowledge_files, mentions, use_knowledge

    try:
        extra = _paths(recipe, paths)
        kb = use_knowledge(extra)
        t = Table(title=f"knowledge: {len(kb.entries)} entries ({len(kb.builtin)} built in)")
        for col in ("entry", "status", "file", "problems"):
            t.add_column(col)
        for name in sorted(set(kb.entries) - kb.builtin):
            e = kb.entries[name]
            leaks = [x for x in [*e.functions, *e.clinical, *e.relations, *e.differentials, e.descriptor or ""]
                     if mentions(x, e.terms())]
            problems = f"{len(leaks)} text(s) name the structure" if leaks else ""
            if not e.functions or not e.clinical:
                problems = "; ".join(filter(None, [problems, "no functions or clinical scenarios"]))
            t.add_row(name, kb.status(name), kb.origin[name], problems or "-")
        for p in extra:
            folder = Path(p) if Path(p).is_dir() else Path(p).parent
            for f in sorted(folder.glob("*.rejected.json")):
                t.add_row(*_rejected(f))
        Console(width=200).print(t)
        counts = {s: sum(kb.status(n) == s for n in kb.entries) for s in ("builtin", "approved", "draft")}
        typer.echo(", ".join(f"{k}: {v}" for k, v in counts.items()) + f"; files: "
                   f"{sum(len(knowledge_files(p)) for p in extra)} extra")
        if stats:
            _print_stats()
    except MedsegQAError as exc:
        _fail(exc)


def _rejected(path: Path) -> tuple[str, str, str, str]:
    """(target, 'rejected', file, reason) of a draft kept raw."""
    import json

    try:
        data = json.loads(path.read_text())
        return str(data.get("target", path.name)), "rejected", str(path), str(data.get("reason", "?"))
    except ValueError:
        return path.name, "rejected", str(path), "unreadable"


def _print_stats() -> None:
    from rich.console import Console
    from rich.table import Table

    from medseg_qa.knowledge_report import coverage

    rows = coverage()
    cols = ["entries", "written", "by rule", "sided variants", "with ontology code", "drafts"]
    t = Table(title="coverage per body region")
    t.add_column("region")
    for c in cols:
        t.add_column(c, justify="right")
    for r in rows:
        t.add_row(r["region"], *(str(r.get(c, 0)) for c in cols))
    t.add_row("total", *(str(sum(r.get(c, 0) for r in rows)) for c in cols))
    Console(width=200).print(t)


@knowledge_app.command("show")
def show(name: str = typer.Argument(..., help="entry name or label, e.g. 'left kidney' or kidney_left"),
         recipe: Optional[Path] = RecipeOpt, knowledge: Optional[list[Path]] = KnowledgeOpt) -> None:
    """Print one entry as it is used (rules expanded), with its file, status and hash."""
    import yaml

    from medseg_qa.knowledge import use_knowledge
    from medseg_qa.knowledge_entry import entry_hash

    try:
        kb = use_knowledge(_paths(recipe, knowledge))
        entry = kb.lookup(name)
        if entry is None:
            typer.secho(f"error: no knowledge entry for '{name}'; `medsegqa knowledge check` lists them, "
                        "`medsegqa knowledge draft RECIPE.yaml` drafts missing ones", fg="red", err=True)
            raise typer.Exit(2)
        typer.echo(f"# {entry.name}: {kb.status(entry.name)}, {kb.origin[entry.name]}, hash {entry_hash(entry)}")
        typer.echo(yaml.safe_dump(entry.model_dump(mode="json", exclude_defaults=True), sort_keys=False, width=110))
    except MedsegQAError as exc:
        _fail(exc)


@knowledge_app.command("sign-off")
def sign_off_cmd(name: str = typer.Argument(..., help="the entry's name"),
                 by: str = typer.Option(..., "--by", help="who checked it"),
                 recipe: Optional[Path] = RecipeOpt, knowledge: Optional[list[Path]] = KnowledgeOpt) -> None:
    """Mark a drafted entry approved (status, reviewed_by, reviewed_at) after checking it."""
    from medseg_qa.knowledge import use_knowledge
    from medseg_qa.knowledge_draft import sign_off

    try:
        paths = _paths(recipe, knowledge)
        path = sign_off(name, by, paths)
        use_knowledge(paths)  # validates the base with the signed entry
        typer.echo(f"signed off '{name}' by {by}: {path}")
    except MedsegQAError as exc:
        _fail(exc)
