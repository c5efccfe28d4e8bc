"""The workspace writer lock names its holder even when the refused process arrives in the instant
between the holder taking the lock and writing its name (a race seen once in CI)."""
from __future__ import annotations

import fcntl
import threading
import time

import pytest

from medseg_qa.errors import WorkspaceError
from medseg_qa.workspace import Workspace
from medseg_qa.writer_lock import LOCK_FILE


def _hold(path):
    fh = open(path, "a+")
    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fh


def test_refusal_waits_for_the_holders_name(tmp_path):
    with Workspace(tmp_path / "ws") as ws:
        fh = _hold(ws.root / LOCK_FILE)  # locked, but the name is not written yet

        def name_later():
            time.sleep(0.2)
            fh.write("pid 4242, export, since 12:00:00")
            fh.flush()

        t = threading.Thread(target=name_later)
        t.start()
        with pytest.raises(WorkspaceError, match=r"in use by another medsegqa process \(pid 4242, export"):
            with ws.writer("export"):
                pass
        t.join()
        fh.close()


def test_a_lock_let_go_while_waiting_is_taken(tmp_path):
    with Workspace(tmp_path / "ws") as ws:
        fh = _hold(ws.root / LOCK_FILE)  # a holder that is releasing: name already cleared
        threading.Timer(0.2, fh.close).start()
        with ws.writer("generate"):
            assert "generate" in (ws.root / LOCK_FILE).read_text()
        assert (ws.root / LOCK_FILE).read_text() == ""


class _LockedFor:
    """A catalog connection whose WAL switch answers 'database is locked' `n` times (as SQLite does at once, without
    its busy timeout, while another process is creating the same catalog)."""

    def __init__(self, n: int):
        self.n, self.calls = n, 0

    def execute(self, sql, *args):
        self.calls += 1
        if self.calls <= self.n:
            import sqlite3

            raise sqlite3.OperationalError("database is locked")


def test_opening_a_catalog_another_process_is_creating_waits_for_it(tmp_path):
    """Two `generate`s on a new workspace (CI's race test) once failed with a raw 'database is locked' traceback from
    `PRAGMA journal_mode=WAL`: the switch is retried, and a lock that never clears is a one-line WorkspaceError."""
    with Workspace(tmp_path / "ws") as ws:
        real, ws.db = ws.db, _LockedFor(3)
        ws._journal_wal()
        assert ws.db.calls == 4
        ws.db = _LockedFor(10 ** 6)
        with pytest.raises(WorkspaceError, match=r"stayed locked .* wait for the other medsegqa process"):
            ws._journal_wal(wait_s=0.2)
        ws.db = real
