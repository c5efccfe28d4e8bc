"""The `medsegqa` command line. Heavy imports live inside the commands so `--help` is instant."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

import typer

from medseg_qa.errors import MedsegQAError

app = typer.Typer(help="Build medical image reasoning-segmentation datasets (MedSeg-QA style).",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

WorkspaceOpt = typer.Option(None, "--workspace", "-w", envvar="MEDSEGQA_WORKSPACE",
                            help="workspace folder (default ./medsegqa-data)")
NoProgress = typer.Option(False, "--no-progress", help="hide progress bars")
KnowledgeOpt = typer.Option(None, "--knowledge", help="knowledge file or folder that extends or overrides the "
                            "built-in entries (repeatable; added to the recipe's `knowledge:`)")


def _console():
    from rich.console import Console

    return Console()


def _fail(exc: MedsegQAError) -> None:
    typer.secho(f"error: {exc}", fg="red", err=True)
    raise typer.Exit(2)


def _open(workspace: Optional[Path]):
    from medseg_qa.workspace import Workspace, resolve_workspace

    return Workspace(resolve_workspace(workspace))


def _setup_logging(workspace_root: Path) -> None:
    """Warnings to stderr, everything to <workspace>/medsegqa.log (never secrets: nothing logs them)."""
    root = logging.getLogger()
    if any(getattr(h, "_medsegqa", False) for h in root.handlers):
        return
    handler = logging.FileHandler(workspace_root / "medsegqa.log")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._medsegqa = True
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _print_ingest(summary) -> None:
    from rich.table import Table

    t = Table(title="ingest")
    for col in ("items", "records added", "already there", "duplicates", "quarantined"):
        t.add_column(col, justify="right")
    t.add_row(str(summary.items), str(summary.added), str(summary.unchanged), str(summary.duplicates),
              str(sum(summary.quarantined.values())))
    _console().print(t)
    if summary.cross_source or summary.rederived or summary.retired:
        typer.echo(f"provenance: {summary.cross_source} record(s) also seen from another dataset "
                   f"({summary.licence_conflicts} with another licence); {summary.rederived} re-derived after a "
                   f"metadata change ({summary.invalidated} conversation(s) to regenerate); {summary.retired} retired")
    _warn_quarantine(summary.quarantined)


def _warn_quarantine(counts) -> None:
    n = sum(counts.values())
    if n:
        reasons = ", ".join(f"{code}: {c}" for code, c in sorted(counts.items()))
        typer.secho(f"warning: {n} item(s) quarantined ({reasons}); see `medsegqa status`", fg="yellow", err=True)


@app.command()
def ingest(recipe: Optional[Path] = typer.Argument(None, help="recipe YAML (all its sources)"),
           dataset: Optional[str] = typer.Option(None, "--dataset", help="a registry dataset (see "
                                                 "`medsegqa sources list`) instead of a recipe"),
           path: Optional[Path] = typer.Option(None, "--path", help="where that dataset lies (default: the "
                                               "`medsegqa pull` cache)"),
           workspace: Optional[Path] = WorkspaceOpt, no_progress: bool = NoProgress,
           knowledge: Optional[list[Path]] = KnowledgeOpt) -> None:
    """Ingest a recipe's sources, or one registry dataset, into the workspace (a rerun adds nothing)."""
    from medseg_qa.config import load_recipe
    from medseg_qa.knowledge import use_knowledge
    from medseg_qa.pipelines.ingest import ingest as run_ingest
    from medseg_qa.pipelines.ingest import ingest_source

    try:
        if (recipe is None) == (dataset is None):
            raise MedsegQAError("give a recipe YAML or --dataset NAME, e.g. `medsegqa ingest pipelines/demo.yaml` "
                                "or `medsegqa ingest --dataset kvasir-seg --path data/kvasir-seg`")
        if dataset:
            from medseg_qa.registry import source_spec_for
            from medseg_qa.sources import build_source

            type_, options = source_spec_for(dataset, path)
            source = build_source(type_, options)
        else:
            rec = load_recipe(recipe)
        use_knowledge([*(rec.knowledge if recipe else []), *map(str, knowledge or [])])
        with _open(workspace) as ws:
            _setup_logging(ws.root)
            summary = (ingest_source(ws, source, progress=not no_progress) if dataset
                       else run_ingest(ws, rec, progress=not no_progress))
            _print_ingest(summary)
    except MedsegQAError as exc:
        _fail(exc)


@app.command()
def generate(recipe: Path = typer.Argument(..., help="recipe YAML"),
             workspace: Optional[Path] = WorkspaceOpt, no_progress: bool = NoProgress,
             seed: Optional[int] = typer.Option(None, help="override generation.seed"),
             dry_run: bool = typer.Option(False, "--dry-run", help="print the planned requests, estimated "
                                          "tokens and cost; call no LLM"),
             batch: bool = typer.Option(False, "--batch", help="submit the pending requests as OpenAI Batch "
                                        "API jobs (backend openai)"),
             collect: bool = typer.Option(False, "--collect", help="collect finished Batch API jobs into "
                                          "conversations (idempotent)"),
             knowledge: Optional[list[Path]] = KnowledgeOpt,
             allow_draft_knowledge: bool = typer.Option(False, "--allow-draft-knowledge", help="use knowledge "
                                                        "entries still marked `status: draft` (rows are marked)"),
             retry_failed: bool = typer.Option(False, "--retry-failed", help="generate again the "
                                               "conversations stored as failed")) -> None:
    """Ingest the recipe's sources, generate conversations for every record, and run QC."""
    from medseg_qa.config import load_recipe
    from medseg_qa.knowledge import use_knowledge
    from medseg_qa.pipelines import batch_stage
    from medseg_qa.pipelines.generate import generate as run_generate
    from medseg_qa.pipelines.ingest import ingest as run_ingest

    try:
        if dry_run + batch + collect > 1:
            raise MedsegQAError("use only one of --dry-run, --batch and --collect")
        rec = load_recipe(recipe, {"generation.seed": seed} if seed is not None else None)
        rec = rec.model_copy(update={"knowledge": [*rec.knowledge, *map(str, knowledge or [])]})
        use_knowledge(rec.knowledge)
        if batch or collect:
            batch_stage.require_openai(rec.generation)
        with _open(workspace) as ws:
            _setup_logging(ws.root)
            backend = None
            if not dry_run:  # fail fast (missing key, unreachable server) before any work
                from medseg_qa.llm import build_backend

                backend = build_backend(rec.generation, workspace=ws)
                if hasattr(backend, "preflight"):
                    backend.preflight()
            if collect:
                return _print_batch(batch_stage.collect_batches(ws, rec, backend=backend))
            _print_ingest(run_ingest(ws, rec, progress=not no_progress))
            if dry_run:
                return _print_plan(batch_stage.dry_run(ws, rec))
            if batch:
                return _print_batch(batch_stage.submit_batches(ws, rec, backend=backend))
            summary = run_generate(ws, rec, backend=backend, progress=not no_progress,
                                   allow_draft_knowledge=allow_draft_knowledge, retry_failed=retry_failed)
            _print_generate(summary)
    except MedsegQAError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        typer.secho("interrupted: finished conversations are saved; rerun the same command to resume",
                    fg="yellow", err=True)
        raise typer.Exit(130) from None


def _print_plan(plan) -> None:
    cost = "unknown (no generation.prices entry for this model)" if plan.cost_usd is None else f"${plan.cost_usd:.4f}"
    typer.echo(f"dry run ({plan.backend} {plan.model}): {plan.planned} planned, {plan.existing} already there, "
               f"{plan.no_knowledge} without a knowledge entry, {plan.pending} requests to send")
    typer.echo(f"estimated tokens: prompt {plan.prompt_tokens}, completion {plan.completion_tokens}; "
               f"estimated cost: {cost} (before repairs and QC regenerations)")


def _print_batch(summary) -> None:
    if summary.submitted or summary.requests or summary.from_cache or summary.already_open:
        typer.echo(f"batch submit: {summary.requests} request(s) in {len(summary.submitted)} new batch(es) "
                   f"{', '.join(summary.submitted)}; {summary.from_cache} answered from the cache; "
                   f"{summary.already_open} already in open batches")
    if summary.collected or summary.waiting:
        typer.echo(f"batch collect: {len(summary.collected)} batch(es) collected, {len(summary.waiting)} not "
                   f"finished ({', '.join(summary.waiting) or '-'}); {summary.left_pending} item(s) left for the "
                   "next --batch")
    if summary.states:
        typer.echo("stored: " + ", ".join(f"{k}: {v}" for k, v in sorted(summary.states.items())) +
                   f"; tokens {summary.prompt_tokens}+{summary.completion_tokens}, cost ${summary.cost_usd:.4f}")
    if not (summary.submitted or summary.from_cache or summary.collected or summary.waiting):
        typer.echo("batch: nothing to do")


def _print_generate(summary) -> None:
    from rich.table import Table

    t = Table(title="generate + qc")
    for col in ("planned", "already there", "passed", "flagged", "failed", "prompt tok", "completion tok", "cost $"):
        t.add_column(col, justify="right")
    s = summary.states
    t.add_row(str(summary.planned), str(summary.skipped_existing), str(s["passed"]), str(s["flagged"]),
              str(s["failed"]), str(summary.prompt_tokens), str(summary.completion_tokens), f"{summary.cost_usd:.4f}")
    _console().print(t)
    if summary.flags:
        typer.echo("qc flags: " + ", ".join(f"{k}: {v}" for k, v in sorted(summary.flags.items())))
    _warn_quarantine(summary.quarantined)


@app.command()
def qc(workspace: Optional[Path] = WorkspaceOpt) -> None:
    """Re-run the QC checks over every generated conversation."""
    from medseg_qa.pipelines.generate import run_qc

    try:
        with _open(workspace) as ws:
            result = run_qc(ws)
        typer.echo("states: " + ", ".join(f"{k}: {v}" for k, v in sorted(result["states"].items())))
        typer.echo("flags: " + (", ".join(f"{k}: {v}" for k, v in sorted(result["flags"].items())) or "none"))
    except MedsegQAError as exc:
        _fail(exc)


@app.command()
def export(version: str = typer.Option(..., "--version", help="semantic version, e.g. 0.1.0"),
           recipe: Optional[Path] = typer.Option(None, "--recipe", help="recipe whose export section to use"),
           output: Optional[Path] = typer.Option(None, "--output", help="folder for exports"),
           fmt: list[str] = typer.Option([], "--format", help="also write this layout: lisa (ReasonSeg/LISA "
                                          "images + JSON polygons); repeatable"),
           include: Optional[str] = typer.Option(None, "--include", help="auto (default: reviewed rows once "
                                                 "reviews exist), reviewed or all"),
           push_to_hub: Optional[str] = typer.Option(None, "--push-to-hub", help="also push to this Hugging "
                                                     "Face dataset repo, ORG/NAME (token: HF_TOKEN or `hf auth "
                                                     "login`)"),
           private: bool = typer.Option(False, "--private", help="create the hub repo as private"),
           revision_tag: bool = typer.Option(True, "--revision-tag/--no-revision-tag",
                                             help="tag the pushed commit v<version>"),
           override_licence: bool = typer.Option(False, "--override-licence", help="push even though the "
                                                 "licence gate blocks it (you hold the rights); the card says so"),
           hub_timeout: float = typer.Option(300.0, "--hub-timeout", help="seconds each hub call may take"),
           workspace: Optional[Path] = WorkspaceOpt) -> None:
    """Export the workspace as a versioned Hugging Face DatasetDict with a dataset card (and push it)."""
    from medseg_qa.config import ExportConfig, load_recipe
    from medseg_qa.pipelines.export import export_dataset

    try:
        rec = load_recipe(recipe) if recipe else None
        config = rec.export if rec else ExportConfig()
        if rec is not None:  # the card names the knowledge entries behind the rows
            from medseg_qa.knowledge import use_knowledge

            use_knowledge(rec.knowledge)
        updates = {}
        if fmt:
            updates["formats"] = sorted(set(config.formats) | set(fmt))
        if include:
            updates["include"] = include
        if updates:
            config = ExportConfig.model_validate({**config.model_dump(), **updates})
        with _open(workspace) as ws:
            _setup_logging(ws.root)
            result = export_dataset(ws, config, version, recipe_name=rec.name if rec else "adhoc",
                                    out_dir=output)
            typer.echo(result.message)
            _print_dataset_table(Path(result.path))
            if push_to_hub:
                from medseg_qa.pipelines.push import push_release

                pushed = push_release(ws, result.path, push_to_hub, private=private, tag=revision_tag,
                                      override_licence=override_licence, timeout=hub_timeout)
                typer.echo(pushed.message)
    except MedsegQAError as exc:
        _fail(exc)
    except ValueError as exc:  # pydantic ValidationError of the overrides
        _fail(MedsegQAError(f"export options: {exc.errors()[0]['msg'] if hasattr(exc, 'errors') else exc}; "
                            "use --format lisa and --include auto|reviewed|all"))


def _print_dataset_table(path: Path) -> None:
    """Rows per target and split of an exported dataset, with conversation and turn totals."""
    from collections import Counter

    from datasets import load_from_disk
    from rich.table import Table

    dd = load_from_disk(str(path))
    splits = list(dd.keys())
    per = {s: Counter(dd[s]["target"]) for s in splits}
    targets = sorted(set().union(*per.values()))
    t = Table(title=f"dataset {path}")
    t.add_column("target")
    for s in splits:
        t.add_column(s, justify="right")
    t.add_column("total", justify="right")
    for target in targets:
        counts = [per[s][target] for s in splits]
        t.add_row(target, *map(str, counts), str(sum(counts)))
    totals = [dd[s].num_rows for s in splits]
    t.add_row("[bold]all", *map(str, totals), str(sum(totals)))
    _console().print(t)
    turns = sum(len(c) for s in splits for c in dd[s]["conversation"])
    typer.echo(f"conversations: {sum(totals)}, turns: {turns}, patients: "
               f"{len({p for s in splits for p in dd[s]['patient_id']})}")


@app.command()
def status(workspace: Optional[Path] = WorkspaceOpt,
           limit: int = typer.Option(20, help="quarantine messages to list")) -> None:
    """Counts per stage and state, quarantine reasons, and exports."""
    from rich.table import Table

    try:
        from medseg_qa.llm.cache import usage_totals

        with _open(workspace) as ws:
            counts = ws.counts()
            rows = ws.quarantined()
            usage = usage_totals(ws)
            pushes = ws.pushes()
    except MedsegQAError as exc:
        _fail(exc)
    t = Table(title="workspace")
    t.add_column("stage")
    t.add_column("state / reason")
    t.add_column("count", justify="right")
    t.add_row("ingest", "records", str(counts["records"]))
    for target, n in counts["records_by_target"].items():
        t.add_row("", f"  {target}", str(n))
    for state, n in sorted(counts["conversations_by_state"].items()):
        t.add_row("generate", state, str(n))
    if usage["conversations"]:
        t.add_row("generate", "prompt / completion tokens", f"{usage['prompt_tokens']} / {usage['completion_tokens']}")
        t.add_row("generate", "cost (USD)", f"{usage['cost_usd']:.4f}")
    if usage["billed"]["responses"]:
        b = usage["billed"]
        t.add_row("generate", "billed: responses / tokens / USD",
                  f"{b['responses']} / {b['prompt_tokens']}+{b['completion_tokens']} / {b['cost_usd']:.4f}")
    cross = counts["cross_source"]
    if cross["duplicates"] or counts["records_retired"]:
        t.add_row("ingest", "records seen from 2+ datasets", str(cross["duplicates"]))
        t.add_row("ingest", "  with conflicting licences", str(cross["licence_conflicts"]))
        t.add_row("ingest", "retired records (kept, unused)", str(counts["records_retired"]))
    for key, n in sorted(counts["quarantine"].items()):
        t.add_row("quarantine", key, str(n))
    for version, path in counts["exports"]:
        t.add_row("export", version, path)
    for version, repo, tag, url, private in pushes:
        t.add_row("push", f"{version} -> {repo}" + (" (private)" if private else ""), tag or url or "-")
    _console().print(t)
    for rid, seen in cross["examples"]:
        typer.echo(f"licence conflict: record {rid}: " + ", ".join(f"{d} says {lic}" for d, lic in seen))
    for stage, key, code, message in rows[:limit]:
        typer.echo(f"quarantined [{stage}] {code}: {message} ({key})")
    if len(rows) > limit:
        typer.echo(f"... and {len(rows) - limit} more (use --limit)")


@app.command()
def schemas(check: bool = typer.Option(False, "--check", help="fail if the JSON Schema files drifted"),
            write: bool = typer.Option(False, "--write", help="regenerate the JSON Schema files")) -> None:
    """Check or regenerate the JSON Schema files of the record models in schemas/."""
    from medseg_qa.schemas import check_json_schemas, write_json_schemas

    if write:
        for p in write_json_schemas():
            typer.echo(f"wrote {p}")
    drifted = check_json_schemas()
    if drifted:
        typer.secho(f"error: schema files out of date: {', '.join(drifted)}; run `medsegqa schemas --write`",
                    fg="red", err=True)
        raise typer.Exit(1)
    typer.echo("schema files match the models")


def _register_subcommands() -> None:
    from medseg_qa.cli_release import register_release_commands
    from medseg_qa.cli_sources import pull_command, sources_app

    app.add_typer(sources_app, name="sources", help="The registry of public image-mask sets.")
    app.command("pull")(pull_command)
    from medseg_qa.cli_knowledge import knowledge_app

    app.add_typer(knowledge_app, name="knowledge")
    from medseg_qa.cli_review import review_app

    app.add_typer(review_app, name="review")
    register_release_commands(app)
    from medseg_qa.cli_model import register as register_model_commands

    register_model_commands(app)


_register_subcommands()
