"""A full disk under the workspace: one clear WorkspaceError instead of a traceback, nothing half-written.

Contract:
- `is_full(exc)` is true for an OSError with errno ENOSPC/EDQUOT and for SQLite's SQLITE_FULL
  ("database or disk is full");
- `full_error(root, what)` is the one-line WorkspaceError a command prints: what was being written, where,
  and how to go on (free space or move the workspace, then rerun; committed work is kept);
- `CatalogConnection` is the catalog's sqlite3 connection class: every execute translates a full disk
  into that error. Blobs are written by temp file + rename (`Workspace.put_blob`), catalog batches are
  transactions, and a row referring to a blob is written after the blob: a full disk leaves no catalog
  row pointing at a missing or half-written blob, and no temp file.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from medseg_qa.errors import WorkspaceError

FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


NEARLY_FULL = 1 << 20   # bytes: an I/O error on a disk with less free space than this is a full disk


def is_full(exc: BaseException, root: Path | None = None) -> bool:
    """ENOSPC/EDQUOT, SQLITE_FULL, or (given the workspace root) an SQLite I/O error on a disk that has
    next to no space left: SQLite reports a full disk as a plain "disk I/O error" when it cannot create or
    grow the WAL index (-shm) file, e.g. on opening the catalog."""
    if isinstance(exc, sqlite3.Error):
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(exc):
            return True
        return root is not None and "disk i/o error" in str(exc).lower() and _free(root) < NEARLY_FULL
    return isinstance(exc, OSError) and exc.errno in FULL_ERRNOS


def _free(root: Path) -> int:
    try:
        st = os.statvfs(root)
    except OSError:
        return NEARLY_FULL
    return st.f_bavail * st.f_frsize


def full_error(root: Path, what: str) -> WorkspaceError:
    return WorkspaceError(f"no space left on the disk holding workspace {root} (writing {what}); free space "
                          "or move the workspace (--workspace), then rerun: what was committed is kept and the "
                          "unfinished batch was rolled back")


class CatalogConnection(sqlite3.Connection):
    """sqlite3.Connection whose writes turn a full disk into `full_error` (set `workspace_root`)."""

    workspace_root: Path = Path(".")

    def _guarded(self, method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            if is_full(exc, self.workspace_root):
                raise full_error(self.workspace_root, "the catalog") from None
            raise

    def execute(self, *args, **kwargs):
        return self._guarded(super().execute, *args, **kwargs)

    def executemany(self, *args, **kwargs):
        return self._guarded(super().executemany, *args, **kwargs)
