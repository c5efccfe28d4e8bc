"""A full disk under the workspace (a real tmpfs of a few hundred KB mounted on it, so the kernel answers
ENOSPC and SQLite SQLITE_FULL; nothing is monkeypatched): `medsegqa generate` stops with one `error:` line
naming the workspace and what to do, no traceback; the catalog passes `PRAGMA integrity_check` and every
blob it references exists with the bytes its name hashes to; no temp file is left. With the disk grown
(remount), the rerun completes with the records, conversations and states of a run on a free disk."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# "ingest": a 256 KB disk fills up while ingest writes blobs; "generate": ingest runs on a larger disk, then a
# ballast file leaves 64 KB free (room to open the catalog, not to write the conversations), so the disk fills up while generate writes conversations (independent of
# how many pages the catalog and its WAL happen to take)
PHASES = ("ingest", "generate")


def medsegqa(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MEDSEGQA_NO_PROGRESS": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "medseg_qa", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def mount(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        if os.geteuid() != 0 or "permission denied" in done.stderr.lower():
            pytest.skip(f"mounting a tmpfs needs CAP_SYS_ADMIN here: {done.stderr.strip()}")
        raise AssertionError(done.stderr)


def referenced_blobs_are_whole(ws: Path) -> list[str]:
    """Problems: catalog damage, a referenced blob missing or not hashing to its name, a temp file left."""
    problems = [str(p) for p in (ws / "blobs").rglob(".tmp-*")]
    if not (ws / "catalog.sqlite").exists():
        return problems
    con = sqlite3.connect(f"file:{ws / 'catalog.sqlite'}?mode=ro", uri=True)
    try:
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        bodies = [b for t in ("records", "provenance") if t in tables for (b,) in con.execute(f"SELECT body FROM {t}")]
    finally:
        con.close()
    if check != "ok":
        problems.append(f"integrity_check: {check}")
    for body in bodies:
        rec = json.loads(body)
        for digest in (rec["image_blob"], rec["mask_blob"]):
            path = ws / "blobs" / digest[:2] / f"{digest}.png"
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                problems.append(f"{rec['record_id']}: blob {digest} missing or half-written")
    return problems


def catalog(ws: Path) -> tuple[list[str], dict[str, str]]:
    con = sqlite3.connect(ws / "catalog.sqlite")
    try:
        return (sorted(r for (r,) in con.execute("SELECT record_id FROM records")),
                dict(con.execute("SELECT conversation_id, state FROM conversations")))
    finally:
        con.close()


def fill(disk: Path, leave: int) -> Path:
    """A ballast file that leaves `leave` bytes free on `disk`."""
    ballast = disk / "ballast"
    st = os.statvfs(disk)
    with open(ballast, "wb") as fh:
        fh.write(b"\0" * max(0, st.f_bavail * st.f_frsize - leave))
    return ballast


@pytest.mark.parametrize("phase", PHASES)
def test_full_disk_stops_with_one_line_and_references_no_broken_blob(tmp_path, phase):
    recipe = yaml.safe_load((ROOT / "pipelines" / "demo.yaml").read_text())
    recipe["sources"][0]["options"].update(cases=2, slices_per_case=2)
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(recipe))
    disk = tmp_path / "disk"
    disk.mkdir()
    mount(["mount", "-t", "tmpfs", "-o", f"size={'256k' if phase == 'ingest' else '8m'}", "tmpfs", str(disk)])
    try:
        if phase == "generate":
            ingested = medsegqa("ingest", "r.yaml", "-w", str(disk / "ws"), cwd=tmp_path)
            assert ingested.returncode == 0, ingested.stderr[-3000:]
            ballast = fill(disk, 64 << 10)
        full = medsegqa("generate", "r.yaml", "-w", str(disk / "ws"), cwd=tmp_path)
        errors = [ln for ln in full.stderr.splitlines() if ln.strip()]
        assert full.returncode == 2, full.stdout[-1000:] + full.stderr[-3000:]
        assert len(errors) == 1 and errors[0].startswith("error: no space left on the disk holding workspace "
                                                         f"{disk / 'ws'}"), full.stderr[-3000:]
        if phase == "generate":
            ballast.unlink()     # SQLite needs a little space even to read a WAL catalog (its -shm index)
            records, convs = catalog(disk / "ws")
            assert len(records) == 28 and len(convs) < len(records)   # it stopped while writing conversations
        assert referenced_blobs_are_whole(disk / "ws") == []
        if phase == "ingest":
            mount(["mount", "-o", "remount,size=8m", str(disk)])
        done = medsegqa("generate", "r.yaml", "-w", str(disk / "ws"), cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-3000:]
        assert referenced_blobs_are_whole(disk / "ws") == []
        free = medsegqa("generate", "r.yaml", "-w", str(tmp_path / "free"), cwd=tmp_path)
        assert free.returncode == 0, free.stderr[-3000:]
        after, unconstrained = catalog(disk / "ws"), catalog(tmp_path / "free")
        assert after == unconstrained and len(after[1]) > 0  # same records, conversations and states
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
