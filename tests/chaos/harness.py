"""Run real `medsegqa` processes, SIGKILL them at seeded random moments, and read what they left.

Every process is the installed CLI (`python -m medseg_qa`) in its own process group, so a kill reaches
nothing else; the catalog is read with plain sqlite3 after the process is gone."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("MEDSEGQA_CHAOS_SEED", "1313"))


def env(**extra: str) -> dict:
    e = {**os.environ, "MEDSEGQA_NO_PROGRESS": "1", "COLUMNS": "200"}
    e.pop("OPENAI_API_KEY", None)
    return {**e, **extra}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "medseg_qa", *args]


def start(args: list[str], cwd: Path, **extra_env: str) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=cwd, env=env(**extra_env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def run(args: list[str], cwd: Path, timeout: float = 300, **extra_env: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env(**extra_env), capture_output=True, text=True, timeout=timeout)


def kill_after(proc: subprocess.Popen, delay: float) -> bool:
    """SIGKILL `proc` after `delay` seconds; False when it had already finished by then."""
    try:
        proc.wait(timeout=delay)
        proc.communicate()
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return True


def demo_recipe(path: Path, base_url: str, *, cases: int = 2, slices: int = 2) -> Path:
    """The demo recipe trimmed to a few cases, generating through the OpenAI-compatible server at `base_url`."""
    recipe = yaml.safe_load((ROOT / "pipelines" / "demo.yaml").read_text())
    recipe["sources"][0]["options"].update(cases=cases, slices_per_case=slices)
    recipe["generation"].update(backend="openai", base_url=base_url, model="fault-model", structured="auto",
                                concurrency=2, qc_retries=0, user_turns=2)
    recipe["export"]["output"] = "exports"
    path.write_text(yaml.safe_dump(recipe))
    return path


@dataclass
class Catalog:
    """What a workspace's catalog holds, read after every process on it has ended."""

    integrity: str
    records: list[str]
    conversations: dict[str, str]        # id -> state
    usage_rows: int                      # usage-ledger rows: responses received and stored
    usage_keys: int                      # distinct request keys among them
    chat_cached: int
    reviews: dict[str, str] = field(default_factory=dict)
    tasks: dict[str, int] = field(default_factory=dict)   # conversation id -> Label Studio task id

    @classmethod
    def read(cls, ws: Path) -> "Catalog":
        con = sqlite3.connect(ws / "catalog.sqlite")
        try:
            q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
            usage = [k for (k,) in q("SELECT key FROM llm_cache WHERE key LIKE 'usage:%'")]
            return cls(integrity=q("PRAGMA integrity_check")[0][0],
                       records=[r for (r,) in q("SELECT record_id FROM records")],
                       conversations=dict(q("SELECT conversation_id, state FROM conversations")),
                       usage_rows=len(usage), usage_keys=len({k.rsplit(":", 1)[0] for k in usage}),
                       chat_cached=q("SELECT COUNT(*) FROM llm_cache WHERE key LIKE 'chat:%'")[0][0],
                       reviews=dict(q("SELECT conversation_id, body FROM reviews")),
                       tasks={c: t for c, t in q("SELECT conversation_id, task_id FROM review_tasks")})
        finally:
            con.close()


def phase(ws: Path, expected_records: int, expected_conversations: int) -> str:
    """Where a kill landed, judged by what the catalog held after it."""
    if not (ws / "catalog.sqlite").exists():
        return "startup/ingest"
    con = sqlite3.connect(ws / "catalog.sqlite")
    try:
        tables = {t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "records" not in tables:
            return "startup/ingest"
        n_rec = con.execute("SELECT COUNT(*) FROM records").fetchone()[0]
        n_conv = con.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
    finally:
        con.close()
    if n_rec < expected_records:
        return "ingest" if n_rec else "startup/ingest"  # ingest commits in batches (this recipe: one)
    return "llm" if n_conv < expected_conversations else "qc/catalog"


def manifest(export_root: Path) -> dict:
    found = sorted(export_root.glob("*/*/manifest.json"))
    assert len(found) == 1, found
    return json.loads(found[0].read_text())


def rng() -> random.Random:
    return random.Random(SEED)


def export_state(ws: Path, recipe: Path) -> str:
    """The `state_hash` an export of this workspace would carry (what it fingerprints: every exported
    row's content and the settings that shape it), computed without writing the export."""
    from medseg_qa.config import load_recipe
    from medseg_qa.pipelines.export import plan_rows, state_hash
    from medseg_qa.workspace import Workspace

    config = load_recipe(recipe).export
    with Workspace(ws) as w:
        return state_hash(plan_rows(w, config).by_split, config)


def served_since(srv, before) -> dict:
    """Valid answers the fault server delivered since the `before` snapshot of its counters, by request."""
    now = dict(srv.stats.valid_by_key)
    return {k: n - before.get(k, 0) for k, n in now.items() if n > before.get(k, 0)}


def copy_setup(src: Path, dest: Path) -> Path:
    """A copy of a folder holding `r.yaml` and a finished workspace `ws` (no export in it yet)."""
    import shutil

    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("exports"))
    return dest


def export_folder_state(d: Path) -> tuple[dict, list[str], list[str]]:
    """(manifest, leftover half-built folders, export rows in the catalog) after exports under `d`."""
    leftovers = [p.name for p in (d / "exports").glob("*/.*building*")]
    con = sqlite3.connect(d / "ws" / "catalog.sqlite")
    try:
        versions = [v for (v,) in con.execute("SELECT version FROM exports")]
    finally:
        con.close()
    return manifest(d / "exports"), leftovers, versions


EXPORT = ("export", "--recipe", "r.yaml", "--version", "0.1.0", "-w", "ws")
LOCKED = re.compile(r"is in use by another medsegqa process \(pid \d+, [\w ]+, since")


def race(args: list[str], cwd) -> tuple[int, int]:
    """Start two identical processes at once; (finished, refused by the lock). Anything else fails."""
    procs = [start(args, cwd) for _ in range(2)]
    finished = refused = 0
    for p in procs:
        _, err = p.communicate(timeout=300)
        if p.returncode == 0:
            finished += 1
        else:
            assert LOCKED.search(" ".join(err.split())), err[-2000:]
            assert len([ln for ln in err.splitlines() if ln.strip()]) <= 3, err  # a short error, no traceback
            refused += 1
    return finished, refused
