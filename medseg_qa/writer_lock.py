"""One writing process per workspace: an advisory flock on `writer.lock` that names its holder.

Contract: `take_writer_lock` returns the open, locked file or raises one WorkspaceError naming the holder's
pid and stage (and the fix) at once, so two `generate` runs can never both pay for the same requests. The
kernel drops the lock when the process dies, so a crash leaves nothing to clean up.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import IO

from medseg_qa.errors import WorkspaceError

LOCK_FILE = "writer.lock"
NAME_WAIT_S = 10.0  # how long a refused process waits to read the holder's name


def take_writer_lock(workspace: Path, stage: str) -> IO[str]:
    """Lock the workspace's `writer.lock` for `stage`, writing "pid N, stage, since HH:MM:SS" into it."""
    import fcntl

    fh = open(workspace / LOCK_FILE, "a+")
    # The holder writes its name just after taking the lock and clears it just before letting go, so a
    # refused process polls until it reads the name or finds the lock free; the wait is normally
    # milliseconds, and up to NAME_WAIT_S only when a loaded machine has not yet scheduled the holder.
    deadline = time.monotonic() + NAME_WAIT_S
    while True:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip()
            if holder or time.monotonic() > deadline:
                fh.close()
                raise WorkspaceError(f"workspace {workspace} is in use by another medsegqa process "
                                     f"({holder or 'unknown'}); wait for it to finish, or use another "
                                     "--workspace") from None
            time.sleep(0.02)
    fh.seek(0)
    fh.truncate()
    fh.write(f"pid {os.getpid()}, {stage}, since {time.strftime('%H:%M:%S')}")
    fh.flush()
    return fh


def release_writer_lock(fh: IO[str]) -> None:
    """Clear the holder's name, then unlock and close."""
    import fcntl

    fh.seek(0)
    fh.truncate()
    fcntl.flock(fh, fcntl.LOCK_UN)
    fh.close()
