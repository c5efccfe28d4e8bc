"""`medsegqa review serve|push|pull|status|install`: physician review in Label Studio.

`serve` runs a local Label Studio for this workspace; every other command talks to any Label Studio given its
URL and token (options, MEDSEGQA_LS_URL / MEDSEGQA_LS_TOKEN, or the credentials `serve` saved).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Optional

import typer

from medseg_qa.cli import NoProgress, WorkspaceOpt, _console, _fail, _open, _setup_logging
from medseg_qa.errors import MedsegQAError

review_app = typer.Typer(help="Physician review in Label Studio: serve, push, pull, status.", no_args_is_help=True)

UrlOpt = typer.Option(None, "--url", help="Label Studio URL (default: MEDSEGQA_LS_URL, else `review serve`'s)")
TokenOpt = typer.Option(None, "--token", help="API token (default: MEDSEGQA_LS_TOKEN, else `review serve`'s); "
                        "prefer the variable: options show in the process list")
ProjectOpt = typer.Option("medseg-qa review", "--project", help="Label Studio project title")


def _bridge(url: Optional[str], token: Optional[str], ws):
    from medseg_qa.review_ui.bridge import Bridge, resolve_connection

    return Bridge(resolve_connection(url, token, ws.root))


def _ensure_server_venv():
    from medseg_qa.review_ui.server import LS_VERSION, default_venv, ensure_venv, installed_version

    if installed_version() != LS_VERSION:
        typer.echo(f"installing label-studio=={LS_VERSION} into {default_venv()} (first use; about a minute) ...")
    return ensure_venv()


def _credentials(root: Path) -> dict[str, str]:
    """Reviewer account for `serve`: environment first, else what an earlier `serve` saved, else new secrets."""
    from medseg_qa.review_ui.bridge import credentials_path

    path = credentials_path(root)
    saved = json.loads(path.read_text()) if path.exists() else {}
    return {
        "user": os.environ.get("MEDSEGQA_LS_USER") or saved.get("user") or "reviewer@medseg-qa.local",
        "password": os.environ.get("MEDSEGQA_LS_PASSWORD") or saved.get("password") or secrets.token_urlsafe(12),
        "token": os.environ.get("MEDSEGQA_LS_TOKEN") or saved.get("token") or secrets.token_hex(20),
    }


def _save_credentials(root: Path, creds: dict[str, str]) -> Path:
    from medseg_qa.review_ui.bridge import credentials_path

    path = credentials_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(creds, fh, indent=2)
    return path


@review_app.command("install")
def install_command() -> None:
    """Create the Label Studio server venv (pinned label-studio) if it is missing."""
    from medseg_qa.review_ui.server import LS_VERSION

    try:
        venv = _ensure_server_venv()
    except MedsegQAError as exc:
        _fail(exc)
    typer.echo(f"label-studio {LS_VERSION} is installed in {venv}")


@review_app.command("serve")
def serve_command(workspace: Optional[Path] = WorkspaceOpt,
                  port: int = typer.Option(8080, "--port", help="port on 127.0.0.1")) -> None:
    """Run a local Label Studio for this workspace until Ctrl-C (installs it in its own venv on first use)."""
    from medseg_qa.review_ui.server import start_server

    try:
        with _open(workspace) as ws:
            root = ws.root.resolve()
        _setup_logging(root)
        venv = _ensure_server_venv()
        creds = _credentials(root)
        typer.echo(f"starting Label Studio for {root} (the first start migrates its database: ~30 s) ...")
        server = start_server(root / "labelstudio" / "data", root, username=creds["user"],
                              password=creds["password"], token=creds["token"], port=port, venv=venv)
        saved = _save_credentials(root, {**creds, "url": server.url})
    except MedsegQAError as exc:
        _fail(exc)
    typer.echo(f"Label Studio is running at {server.url} (127.0.0.1 only; signup disabled)")
    typer.echo(f"log in as {creds['user']}; password and API token are in {saved} (mode 600), or the ones set "
               "in MEDSEGQA_LS_PASSWORD / MEDSEGQA_LS_TOKEN when this data dir was first created")
    typer.echo("next: `medsegqa review push` in another shell, review in the browser, then `medsegqa review pull`")
    typer.echo("Ctrl-C stops the server")
    try:
        server.process.wait()
    except KeyboardInterrupt:
        typer.echo("stopping Label Studio ...")
    finally:
        server.stop()
    if server.process.returncode not in (0, -15, None):
        typer.secho(f"Label Studio exited with code {server.process.returncode}; its log: {server.log_path}",
                    fg="red", err=True)
        raise typer.Exit(1)


@review_app.command("push")
def push_command(workspace: Optional[Path] = WorkspaceOpt, url: Optional[str] = UrlOpt,
                 token: Optional[str] = TokenOpt, project: str = ProjectOpt,
                 include_flagged: bool = typer.Option(False, "--include-flagged", help="also push QC-flagged "
                                                      "conversations (they go first in the queue)"),
                 overlap: int = typer.Option(1, "--overlap", help="reviewers per task"),
                 batch_size: int = typer.Option(100, "--batch-size", help="tasks per import request"),
                 images: str = typer.Option("auto", "--images", help="auto | local (served from the workspace) | "
                                            "inline (data URIs, for a remote server)"),
                 document_root: Optional[Path] = typer.Option(None, "--document-root", help="the server's "
                                                              "LOCAL_FILES_DOCUMENT_ROOT when it is not this "
                                                              "workspace (a Label Studio you started yourself)"),
                 no_progress: bool = NoProgress) -> None:
    """Create or update the review project and import conversations not yet there (idempotent)."""
    from medseg_qa.pipelines.review import push

    try:
        if images not in ("auto", "local", "inline"):
            raise MedsegQAError(f"--images {images!r}: use auto, local or inline")
        with _open(workspace) as ws:
            _setup_logging(ws.root)
            s = push(ws, _bridge(url, token, ws), project=project, include_flagged=include_flagged,
                     overlap=overlap, batch_size=batch_size, images=images, document_root=document_root,
                     progress=not no_progress)
    except MedsegQAError as exc:
        _fail(exc)
    typer.echo(f"project {s.project_id} at {s.url}/projects/{s.project_id}: {s.pushed} task(s) pushed, "
               f"{s.already_there} already there, of {s.candidates} candidate(s); images {s.images}")
    if s.reconciled or s.deleted_in_tool or s.duplicates_in_tool:
        typer.echo(f"reconciled with Label Studio: {s.reconciled} task(s) found by conversation id, "
                   f"{s.deleted_in_tool} deleted there, {s.duplicates_in_tool} duplicate(s) there")


@review_app.command("pull")
def pull_command(workspace: Optional[Path] = WorkspaceOpt, url: Optional[str] = UrlOpt,
                 token: Optional[str] = TokenOpt, project: str = ProjectOpt, no_progress: bool = NoProgress) -> None:
    """Store every reviewer's latest review (snapshot export); never loses or downgrades a stored review."""
    from medseg_qa.pipelines.review import pull

    try:
        with _open(workspace) as ws:
            _setup_logging(ws.root)
            s = pull(ws, _bridge(url, token, ws), project=project, progress=not no_progress)
    except MedsegQAError as exc:
        _fail(exc)
    typer.echo(f"project {s.project_id}: {s.tasks} task(s), {s.annotations} annotation(s); {s.stored} review(s) "
               f"stored, {s.unchanged} unchanged, {s.older} older than the stored one")
    if s.deleted_in_tool:
        typer.secho(f"warning: {len(s.deleted_in_tool)} task(s) were deleted in Label Studio "
                    f"({', '.join(map(str, s.deleted_in_tool[:10]))}); their local reviews are kept",
                    fg="yellow", err=True)
    if s.quarantined:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(s.quarantined.items()))
        typer.secho(f"warning: {sum(s.quarantined.values())} annotation(s) quarantined ({reasons}); see "
                    "`medsegqa status`", fg="yellow", err=True)


def _rates(counter) -> list[str]:
    n = sum(counter.values())
    return [str(n)] + [f"{100 * counter.get(k, 0) / n:.0f}%" for k in ("accept", "edit", "reject")]


@review_app.command("status")
def status_command(workspace: Optional[Path] = WorkspaceOpt) -> None:
    """Done/pending per reviewer, decision rates per target and QC flag, agreement, time per task."""
    from rich.table import Table

    from medseg_qa.pipelines.review_status import review_status

    try:
        with _open(workspace) as ws:
            st = review_status(ws)
    except MedsegQAError as exc:
        _fail(exc)
    console = _console()
    typer.echo(f"pushed: {st.pushed} ({st.deleted} deleted in Label Studio), not reviewed by anyone: {st.unreviewed}")
    t = Table(title="reviewers")
    for col in ("reviewer", "done", "pending"):
        t.add_column(col, justify="right" if col != "reviewer" else "left")
    for reviewer, n in st.reviewers.items():
        t.add_row(reviewer, str(n["done"]), str(n["pending"]))
    console.print(t)
    for title, groups in (("per target", st.by_target), ("per QC flag", st.by_flag)):
        t = Table(title=f"decisions {title}")
        for col in ("", "reviews", "accept", "edit", "reject"):
            t.add_column(col, justify="right" if col else "left")
        for name, counter in sorted(groups.items()):
            t.add_row(name, *_rates(counter))
        console.print(t)
    dice = "n/a (no conversation has two reviewers)" if st.dice_mean is None else \
        f"{st.dice_mean:.3f} over {st.dice_pairs} pair(s)"
    typer.echo(f"inter-reviewer mask Dice: {dice}")
    for (a, b), (kappa, n) in st.kappa.items():
        typer.echo(f"Cohen's kappa on decisions, {a} vs {b}: {'n/a' if kappa is None else f'{kappa:.3f}'} ({n} item(s))")
    lead = "n/a" if st.median_lead_time_s is None else f"{st.median_lead_time_s:.1f} s"
    typer.echo(f"median time per task: {lead}")
