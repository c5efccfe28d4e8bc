"""The Label Studio bridge: one client, clear errors, the few calls the review stages need.

Contract:
- the server is found from --url/--token, else MEDSEGQA_LS_URL/MEDSEGQA_LS_TOKEN, else the credentials file
  `medsegqa review serve` wrote in the workspace; the token is never logged nor put in a message;
- every failure is one ReviewToolError line: a refused token says so once; a server that is down or restarts
  says that a rerun resumes without duplicates; any other HTTP error names the call and the status;
- writes are never retried by the client (a retried import could duplicate tasks); reruns reconcile instead.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

from medseg_qa.errors import ConfigError, MedsegQAError, require

log = logging.getLogger(__name__)
T = TypeVar("T")
CREDENTIALS_FILE = Path("labelstudio") / "serve.json"
_NO_RETRY = {"max_retries": 0}


class ReviewToolError(MedsegQAError):
    """Label Studio refused a call (`status` holds its HTTP status) or could not be reached (`status` None)."""

    def __init__(self, message: str, status: Optional[int] = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Connection:
    url: str
    token: str = field(repr=False)


def credentials_path(workspace_root: Path) -> Path:
    return workspace_root / CREDENTIALS_FILE


def resolve_connection(url: Optional[str], token: Optional[str], workspace_root: Optional[Path]) -> Connection:
    """Options, then environment, then the workspace's `review serve` credentials."""
    saved: dict[str, str] = {}
    if workspace_root is not None and credentials_path(workspace_root).exists():
        saved = json.loads(credentials_path(workspace_root).read_text())
    url = url or os.environ.get("MEDSEGQA_LS_URL") or saved.get("url")
    token = token or os.environ.get("MEDSEGQA_LS_TOKEN") or saved.get("token")
    if not url or not token:
        raise ConfigError("no Label Studio to talk to: start one with `medsegqa review serve`, or give --url and "
                          "--token (or MEDSEGQA_LS_URL and MEDSEGQA_LS_TOKEN) of a running server")
    return Connection(url.rstrip("/"), token)


class Bridge:
    """A Label Studio client whose errors are ReviewToolError lines."""

    def __init__(self, conn: Connection, timeout: float = 120.0) -> None:
        require("label_studio_sdk", "review")
        from label_studio_sdk.client import LabelStudio

        self.conn = conn
        self.client = LabelStudio(base_url=conn.url, api_key=conn.token, timeout=timeout)

    # -- errors ------------------------------------------------------------------------------------
    def call(self, what: str, fn: Callable[..., T], *args, **kwargs) -> T:
        import httpx
        from label_studio_sdk.core.api_error import ApiError

        try:
            return fn(*args, **kwargs)
        except ApiError as exc:
            if exc.status_code in (401, 403):
                raise self._token_error(what, exc.status_code) from None
            body = str(exc.body)[:200].replace("\n", " ")
            raise ReviewToolError(f"Label Studio at {self.conn.url} answered HTTP {exc.status_code} while {what}: "
                                  f"{body}", exc.status_code) from None
        except (httpx.TransportError, ConnectionError) as exc:
            raise ReviewToolError(f"Label Studio at {self.conn.url} is not reachable while {what} "
                                  f"({type(exc).__name__}); start it (`medsegqa review serve`) and rerun the same "
                                  "command: what was done is kept and nothing is duplicated") from None

    def _token_error(self, what: str, status: int) -> ReviewToolError:
        return ReviewToolError(f"Label Studio at {self.conn.url} refused the token (HTTP {status}) while {what}; "
                               "set MEDSEGQA_LS_TOKEN (or --token) to the access token of your Label Studio account",
                               status)

    # -- calls -------------------------------------------------------------------------------------
    def whoami(self) -> Any:
        return self.call("checking the account", self.client.users.whoami)

    def user_emails(self) -> dict[int, str]:
        users = self.call("listing users", self.client.users.list)
        return {u.id: (u.email or u.username or str(u.id)) for u in users}

    def find_project(self, title: str) -> Optional[tuple[int, int]]:
        """(id, task count) of the project with this title, or None."""
        pager = self.call("finding the project", self.client.projects.list, title=title, page_size=100)
        for project in self.call("finding the project", list, pager):
            if project.title == title:
                return project.id, int(project.task_number or 0)
        return None

    def ensure_project(self, title: str, label_config: str, guide_html: str, overlap: int) -> tuple[int, int]:
        """(id, task count) of the project with this title, created or brought up to date (config, guide,
        overlap)."""
        settings = dict(label_config=label_config, expert_instruction=guide_html, show_instruction=True,
                        maximum_annotations=overlap, overlap_cohort_percentage=100, sampling="Sequential sampling",
                        show_skip_button=False, show_collab_predictions=True)
        found = self.find_project(title)
        if found is None:
            created = self.call("creating the project", self.client.projects.create, title=title, **settings)
            return created.id, 0
        self.call("updating the project", self.client.projects.update, found[0], **settings)
        return found

    def ensure_local_storage(self, project_id: int, path: Path) -> bool:
        """A Local Files import storage on `path`; False when the server refuses it (not its document root)."""
        existing = self.call("listing storages", self.client.import_storage.local.list, project=project_id)
        if any(Path(s.path or "") == path for s in existing):
            return True
        try:
            self.call("adding the blob storage", self.client.import_storage.local.create, project=project_id,
                      path=str(path), title="workspace blobs", use_blob_urls=False)
        except ReviewToolError as exc:
            if exc.status in (None, 401, 403):
                raise
            log.warning("Label Studio refused a local-files storage on %s (HTTP %s)", path, exc.status)
            return False
        return True

    def task_conversations(self, project_id: int) -> list[tuple[int, str]]:
        """(task id, conversation_id) of every task in the project, in id order."""
        pager = self.call("listing tasks", self.client.tasks.list, project=project_id, page_size=500,
                          fields="task_only", include="id,data")
        out = []
        for task in self.call("listing tasks", list, pager):
            data = task.data or {}
            if isinstance(data.get("conversation_id"), str):
                out.append((task.id, data["conversation_id"]))
        return sorted(out)

    def import_tasks(self, project_id: int, tasks: list[dict]) -> list[int]:
        """Import one batch (never retried by the client); the new task ids in the batch's order."""
        resp = self.call("importing tasks", self.client.projects.import_tasks, project_id, request=tasks,
                         return_task_ids=True, request_options=_NO_RETRY)
        ids = list(resp.task_ids or [])
        if len(ids) != len(tasks):
            raise ReviewToolError(f"Label Studio at {self.conn.url} returned {len(ids)} task ids for {len(tasks)} "
                                  "imported tasks; rerun push: it reconciles by conversation id")
        return ids

    def snapshot(self, project_id: int, timeout: float = 600.0) -> list[dict]:
        """Every task with its annotations and full predictions (a snapshot export)."""
        exports = self.client.projects.exports
        export = self.call("exporting annotations", exports.create, project_id, title=f"medsegqa pull {time.time():.0f}",
                           serialization_options={"predictions": {"only_id": False}})
        deadline = time.monotonic() + timeout
        while getattr(export, "status", "completed") not in ("completed", "failed"):
            if time.monotonic() > deadline:
                raise ReviewToolError(f"the Label Studio export {export.id} did not finish in {timeout:.0f} s; "
                                      "rerun pull")
            time.sleep(0.5)
            export = self.call("waiting for the export", exports.get, project_id, export.id)
        if export.status == "failed":
            raise ReviewToolError(f"Label Studio export {export.id} of project {project_id} failed; see its "
                                  "server log, then rerun pull")
        raw = self.call("downloading the export", lambda: b"".join(exports.download(project_id, export.id,
                                                                                       export_type="JSON")))
        try:
            self.client.projects.exports.delete(project_id, export.id)
        except Exception:  # best effort: an export left behind costs disk on the server only
            log.info("could not delete export %s of project %s", export.id, project_id)
        return json.loads(raw)
