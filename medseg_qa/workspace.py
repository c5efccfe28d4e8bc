"""The workspace: one folder holding a SQLite catalog and content-addressed blobs.

Contract:
- blobs live at `blobs/ab/abcdef….png`, named by the sha256 of their bytes, written atomically
  (temp file + rename) and never rewritten;
- the catalog (`catalog.sqlite`, WAL) holds records, conversations, quarantine entries, reviews,
  exports and the LLM cache as JSON of the `schemas` models, keyed by content-derived ids, so inserting
  the same item twice is a no-op;
- the schema is versioned; `medseg_qa.migrations` are applied in order on open.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from medseg_qa.disk import CatalogConnection, full_error, is_full
from medseg_qa.errors import WorkspaceError
from medseg_qa.migrations import MIGRATIONS, SCHEMA_VERSION, _statements  # noqa: F401 (re-exported)
from medseg_qa.schemas import Conversation, SourceRecord
from medseg_qa.writer_lock import release_writer_lock, take_writer_lock

DEFAULT_WORKSPACE = "medsegqa-data"

CONVERSATION_STATES = ("passed", "flagged", "failed", "stale")
# "stale": superseded (its record was re-derived or retired, or the inputs of its id changed); kept, never
# exported, and regenerated under its new id by the next `generate`
LIVE_STATES = ("passed", "flagged", "failed")


def resolve_workspace(path: Optional[str | Path]) -> Path:
    """--workspace, else MEDSEGQA_WORKSPACE, else ./medsegqa-data."""
    return Path(path or os.environ.get("MEDSEGQA_WORKSPACE") or DEFAULT_WORKSPACE)


class Workspace:
    """Open (creating if needed) a workspace folder. Use as a context manager or call close()."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        try:
            (self.root / "blobs").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(f"cannot create workspace folder {self.root}: {exc.strerror}; "
                                 "choose another --workspace") from exc
        self._lock_depth = 0
        self.db_path = self.root / "catalog.sqlite"
        self.db = sqlite3.connect(self.db_path, timeout=30, isolation_level=None, factory=CatalogConnection)
        self.db.workspace_root = self.root
        self._journal_wal()
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def _journal_wal(self, wait_s: float = 30.0) -> None:
        """Switch the catalog to WAL. While another process is creating or recovering the same catalog, SQLite
        answers this pragma with 'database is locked' at once, without waiting on the busy timeout; two processes
        opening a new workspace together would then fail with a raw traceback (seen in CI's race test), so the
        switch is retried for up to `wait_s` seconds."""
        deadline = time.monotonic() + wait_s
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    raise WorkspaceError(f"catalog {self.db_path} stayed locked for {wait_s:.0f} s while opening it; "
                                         "wait for the other medsegqa process to finish, then rerun") from exc
                time.sleep(0.05)

    # -- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        """Apply pending migrations; the version is read under the write lock, so two processes opening
        a new workspace at once cannot both apply the same migration."""
        for _ in range(len(MIGRATIONS) + 1):
            if self.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                return
            self.db.execute("BEGIN IMMEDIATE")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                self.db.execute("ROLLBACK")
                raise WorkspaceError(f"workspace {self.root} has catalog schema v{version}, newer than this "
                                     f"medseg-qa (v{SCHEMA_VERSION}); upgrade medseg-qa")
            if version == SCHEMA_VERSION:
                self.db.execute("ROLLBACK")
                return
            try:
                for statement in _statements(MIGRATIONS[version]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={version + 1}")
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                self.db.execute("ROLLBACK")
                raise WorkspaceError(f"migrating {self.db_path} to v{version + 1} failed: {exc}; "
                                     "restore the workspace from a backup") from exc

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction per batch: all of it lands or none of it does."""
        if self.db.in_transaction:
            yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.in_transaction:  # SQLite may already have rolled back (e.g. a full disk)
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- one writer at a time ------------------------------------------------------------------------
    @contextmanager
    def writer(self, stage: str) -> Iterator[None]:
        """Hold the workspace's advisory writer lock (`writer.lock`, flock) for a writing stage.

        A second process gets one WorkspaceError naming the holder's pid and stage at once, so two
        `generate` runs can never both pay for the same requests. Re-entrant within this object; the
        kernel drops the lock when the process dies, so a crash leaves nothing to clean up."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        fh = take_writer_lock(self.root, stage)
        self._lock_depth = 1
        try:
            yield
        finally:
            self._lock_depth = 0
            release_writer_lock(fh)

    # -- blobs -----------------------------------------------------------------------------------
    def blob_path(self, digest: str, suffix: str = ".png") -> Path:
        return self.root / "blobs" / digest[:2] / f"{digest}{suffix}"

    def put_blob(self, data: bytes, suffix: str = ".png") -> str:
        """Store bytes under their sha256; atomic, and a no-op when the blob exists."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.blob_path(digest, suffix)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException as exc:
                Path(tmp).unlink(missing_ok=True)
                if is_full(exc):
                    raise full_error(self.root, "a blob") from None
                raise
        return digest

    def get_blob(self, digest: str, suffix: str = ".png") -> bytes:
        path = self.blob_path(digest, suffix)
        try:
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise WorkspaceError(f"blob {digest} is missing from {self.root / 'blobs'}; the workspace "
                                 "is damaged: re-run ingest to restore it") from exc

    # -- records ---------------------------------------------------------------------------------
    def add_record(self, rec: SourceRecord) -> bool:
        """Insert a record (and its provenance row); False (and no change) when its id is already there."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO records VALUES (?,?,?,?,?,?,1)",
            (rec.record_id, rec.dataset, rec.target, rec.patient_id, rec.model_dump_json(), time.time()))
        if cur.rowcount == 1:
            self.put_provenance(rec)
        return cur.rowcount == 1

    def records(self, dataset: Optional[str] = None) -> Iterator[SourceRecord]:
        """Active records (those some source still yields), in record-id order."""
        sql, args = "SELECT body FROM records WHERE active=1", ()
        if dataset:
            sql, args = sql + " AND dataset=?", (dataset,)
        for (body,) in self.db.execute(sql + " ORDER BY record_id", args).fetchall():
            yield SourceRecord.model_validate_json(body)

    def record(self, record_id: str) -> SourceRecord:
        row = self.db.execute("SELECT body FROM records WHERE record_id=?", (record_id,)).fetchone()
        if row is None:
            raise WorkspaceError(f"record {record_id} is not in {self.db_path}")
        return SourceRecord.model_validate_json(row[0])

    # -- provenance: every (dataset, origin) that yielded a record ----------------------------------
    def provenance_row(self, record_id: str, dataset: str, origin: str) -> Optional[SourceRecord]:
        row = self.db.execute("SELECT body FROM provenance WHERE record_id=? AND dataset=? AND origin=?",
                              (record_id, dataset, origin)).fetchone()
        return SourceRecord.model_validate_json(row[0]) if row else None

    def put_provenance(self, rec: SourceRecord) -> None:
        """Insert or update (re-activating) the row of this record as seen from rec.dataset at rec.origin."""
        now = time.time()
        self.db.execute(
            "INSERT INTO provenance VALUES (?,?,?,?,?,?,?,?,1,?,?) ON CONFLICT(record_id, dataset, origin) DO "
            "UPDATE SET source=excluded.source, licence=excluded.licence, patient_id=excluded.patient_id, "
            "orientation=excluded.orientation, body=excluded.body, active=1, updated_at=excluded.updated_at",
            (rec.record_id, rec.dataset, rec.origin, rec.source, rec.licence, rec.patient_id, rec.orientation,
             rec.model_dump_json(), now, now))

    def origin_records(self, dataset: str, origin: str) -> set[str]:
        """Ids of the records this (dataset, origin) yielded last time (active rows)."""
        return {r for (r,) in self.db.execute("SELECT record_id FROM provenance WHERE dataset=? AND origin=? "
                                              "AND active=1", (dataset, origin))}

    def retire_provenance(self, record_id: str, dataset: str, origin: str) -> bool:
        """Mark one provenance row inactive; when the record has no active row left it is retired too
        (kept, no longer planned or exported) and its unreviewed conversations go stale. True if retired."""
        self.db.execute("UPDATE provenance SET active=0, updated_at=? WHERE record_id=? AND dataset=? AND origin=?",
                        (time.time(), record_id, dataset, origin))
        if self.db.execute("SELECT 1 FROM provenance WHERE record_id=? AND active=1", (record_id,)).fetchone():
            return False
        self.db.execute("UPDATE records SET active=0 WHERE record_id=?", (record_id,))
        self.stale_conversations(record_id)
        return True

    def record_state(self, record_id: str) -> Optional[tuple[str, bool]]:
        """(primary dataset, active) of a stored record, or None when it is not stored."""
        row = self.db.execute("SELECT dataset, active FROM records WHERE record_id=?", (record_id,)).fetchone()
        return (row[0], bool(row[1])) if row else None

    def clear_stale_quarantine(self, stage: str, since: float, prefix: str = "") -> int:
        """Drop the entries of `stage` (keys starting with `prefix`) not refreshed since `since`: after a
        complete pass, an item that did not fail again was fixed, whatever key its error named."""
        cur = self.db.execute("DELETE FROM quarantine WHERE stage=? AND created_at<? AND substr(item_key, 1, ?)=?",
                              (stage, since, len(prefix), prefix))
        return cur.rowcount

    def update_record(self, rec: SourceRecord) -> None:
        """Replace a record's body (re-derived facts and metadata) and re-activate it."""
        self.db.execute("UPDATE records SET dataset=?, target=?, patient_id=?, body=?, active=1 WHERE record_id=?",
                        (rec.dataset, rec.target, rec.patient_id, rec.model_dump_json(), rec.record_id))

    def provenance(self, record_id: Optional[str] = None) -> list[dict]:
        """Active provenance rows (record_id, dataset, origin, source, licence, patient_id, orientation)."""
        sql = ("SELECT record_id, dataset, origin, source, licence, patient_id, orientation FROM provenance "
               "WHERE active=1")
        args: tuple = ()
        if record_id:
            sql, args = sql + " AND record_id=?", (record_id,)
        cols = ("record_id", "dataset", "origin", "source", "licence", "patient_id", "orientation")
        return [dict(zip(cols, row)) for row in self.db.execute(sql + " ORDER BY record_id, dataset, origin", args)]

    def cross_source(self) -> dict:
        """Records seen from more than one dataset, and those among them whose sources disagree on the
        licence: {"duplicates": n, "licence_conflicts": n, "examples": [(record_id, [(dataset, licence)])]}."""
        rows = self.db.execute(
            "SELECT record_id, group_concat(DISTINCT dataset || '|' || licence) FROM provenance WHERE active=1 "
            "GROUP BY record_id HAVING COUNT(DISTINCT dataset) > 1 ORDER BY record_id").fetchall()
        conflicts = []
        for rid, pairs in rows:
            seen = sorted(tuple(p.split("|", 1)) for p in pairs.split(","))
            if len({lic for _, lic in seen}) > 1:
                conflicts.append((rid, seen))
        return {"duplicates": len(rows), "licence_conflicts": len(conflicts), "examples": conflicts[:5]}

    # -- conversations ---------------------------------------------------------------------------
    def has_conversation(self, conversation_id: str) -> bool:
        """True when the conversation exists and is live (a stale one is regenerated)."""
        return self.db.execute("SELECT 1 FROM conversations WHERE conversation_id=? AND state!='stale'",
                               (conversation_id,)).fetchone() is not None

    def stale_conversations(self, record_id: str) -> int:
        """Mark the unreviewed live conversations of a record stale; the count."""
        ids = [c for (c,) in self.db.execute(
            "SELECT conversation_id FROM conversations WHERE record_id=? AND state!='stale' AND conversation_id "
            "NOT IN (SELECT conversation_id FROM reviews)", (record_id,))]
        self.db.executemany("UPDATE conversations SET state='stale', updated_at=? WHERE conversation_id=?",
                            [(time.time(), c) for c in ids])
        return len(ids)

    def put_conversation(self, conv: Conversation, state: str) -> None:
        """Insert or update a conversation; a reviewed conversation is never overwritten."""
        if state not in CONVERSATION_STATES:
            raise WorkspaceError(f"unknown conversation state {state!r}; use one of {CONVERSATION_STATES}")
        if self.review(conv.conversation_id) is not None:
            return
        now = time.time()
        self.db.execute(
            "INSERT INTO conversations VALUES (?,?,?,?,?,?) ON CONFLICT(conversation_id) DO UPDATE "
            "SET state=excluded.state, body=excluded.body, updated_at=excluded.updated_at",
            (conv.conversation_id, conv.record_id, state, conv.model_dump_json(), now, now))

    def conversation(self, conversation_id: str) -> Optional[tuple[Conversation, str]]:
        row = self.db.execute("SELECT body, state FROM conversations WHERE conversation_id=?",
                              (conversation_id,)).fetchone()
        return (Conversation.model_validate_json(row[0]), row[1]) if row else None

    def conversations(self, states: tuple[str, ...] = LIVE_STATES) -> Iterator[tuple[Conversation, str]]:
        marks = ",".join("?" * len(states))
        rows = self.db.execute(f"SELECT body, state FROM conversations WHERE state IN ({marks}) "
                               "ORDER BY conversation_id", states).fetchall()
        for body, state in rows:
            yield Conversation.model_validate_json(body), state

    # -- reviews (filled by the review bridge) -----------------------------------------------------
    def review(self, conversation_id: str) -> Optional[dict]:
        """The review the release applies to this conversation (see `pipelines.review`)."""
        row = self.db.execute("SELECT body FROM reviews WHERE conversation_id=?", (conversation_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_review(self, conversation_id: str, body_json: str) -> None:
        self.db.execute("INSERT INTO reviews VALUES (?,?,?) ON CONFLICT(conversation_id) DO UPDATE "
                        "SET body=excluded.body, updated_at=excluded.updated_at",
                        (conversation_id, body_json, time.time()))

    def reviewer_review(self, conversation_id: str, reviewer: str) -> Optional[tuple[float, dict]]:
        """(submitted_at epoch, body) of one reviewer's stored review."""
        row = self.db.execute("SELECT submitted_at, body FROM reviewer_reviews WHERE conversation_id=? AND "
                              "reviewer=?", (conversation_id, reviewer)).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def put_reviewer_review(self, conversation_id: str, reviewer: str, submitted_at: float, body_json: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO reviewer_reviews VALUES (?,?,?,?,?)",
                        (conversation_id, reviewer, submitted_at, body_json, time.time()))

    def reviewer_reviews(self, conversation_id: Optional[str] = None) -> list[dict]:
        """Every reviewer's stored review (of one conversation), latest submitted first."""
        sql, args = "SELECT body FROM reviewer_reviews", ()
        if conversation_id:
            sql, args = sql + " WHERE conversation_id=?", (conversation_id,)
        return [json.loads(b) for (b,) in self.db.execute(sql + " ORDER BY submitted_at DESC, reviewer", args)]

    def review_tasks(self, project: str) -> dict[str, tuple[int, str]]:
        """conversation_id -> (Label Studio task id, state) for one review project."""
        rows = self.db.execute("SELECT conversation_id, task_id, state FROM review_tasks WHERE project=?", (project,))
        return {c: (t, s) for c, t, s in rows}

    def review_task_states(self) -> list[tuple[str, str]]:
        """(conversation_id, state) of every pushed task, all projects."""
        return self.db.execute("SELECT conversation_id, state FROM review_tasks").fetchall()

    def map_review_tasks(self, project: str, pairs: list[tuple[str, int]], state: str = "open") -> int:
        """Record conversation -> task ids (one transaction); a conversation or task already mapped keeps its
        first mapping. Returns how many were new."""
        now = time.time()
        with self.transaction() as db:
            before = db.total_changes
            db.executemany("INSERT OR IGNORE INTO review_tasks VALUES (?,?,?,?,?)",
                           [(project, c, t, state, now) for c, t in pairs])
            return db.total_changes - before

    def set_review_task_state(self, project: str, task_ids: list[int], state: str) -> None:
        self.db.executemany("UPDATE review_tasks SET state=? WHERE project=? AND task_id=?",
                            [(state, project, t) for t in task_ids])

    # -- quarantine ------------------------------------------------------------------------------
    def quarantine(self, stage: str, item_key: str, code: str, message: str) -> None:
        """Record a bad item with its one-line reason; re-quarantining the same item updates it."""
        self.db.execute("INSERT OR REPLACE INTO quarantine VALUES (?,?,?,?,?)",
                        (item_key, stage, code, message.replace("\n", " "), time.time()))

    def clear_quarantine(self, stage: str, item_key: str) -> None:
        self.db.execute("DELETE FROM quarantine WHERE stage=? AND item_key=?", (stage, item_key))

    def quarantined(self) -> list[tuple[str, str, str, str]]:
        """(stage, item_key, code, message) rows."""
        return self.db.execute("SELECT stage, item_key, code, message FROM quarantine "
                               "ORDER BY stage, code, item_key").fetchall()

    # -- de-identification audit ------------------------------------------------------------------
    def add_audit(self, dataset: str, file_ref: str, body_json: str) -> None:
        """One row per (source dataset, file); a rerun replaces that file's row only."""
        self.db.execute("INSERT OR REPLACE INTO audit (dataset, file_ref, body, created_at) VALUES (?,?,?,?)",
                        (dataset, file_ref, body_json, time.time()))

    def audit_entries(self) -> list[dict]:
        return [json.loads(b) for (b,) in self.db.execute("SELECT body FROM audit ORDER BY dataset, file_ref")]

    # -- summaries -------------------------------------------------------------------------------
    def counts(self) -> dict:
        """Counts per stage and state, and quarantine counts per (stage, code)."""
        q = self.db.execute
        return {
            "records": q("SELECT COUNT(*) FROM records WHERE active=1").fetchone()[0],
            "records_retired": q("SELECT COUNT(*) FROM records WHERE active=0").fetchone()[0],
            "records_by_target": dict(q("SELECT target, COUNT(*) FROM records WHERE active=1 GROUP BY target "
                                        "ORDER BY target")),
            "cross_source": self.cross_source(),
            "conversations_by_state": dict(q("SELECT state, COUNT(*) FROM conversations GROUP BY state")),
            "quarantine": {f"{s}:{c}": n for s, c, n in
                           q("SELECT stage, code, COUNT(*) FROM quarantine GROUP BY stage, code")},
            "exports": q("SELECT version, path FROM exports ORDER BY created_at").fetchall(),
        }

    # -- exports ---------------------------------------------------------------------------------
    def export_entry(self, version: str) -> Optional[tuple[str, str]]:
        return self.db.execute("SELECT state_hash, path FROM exports WHERE version=?", (version,)).fetchone()

    def split_history(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT node, split FROM split_history"))

    def record_splits(self, version: str, assignment: dict[str, str]) -> None:
        """Remember the split of every released node; the first release of a node wins."""
        now = time.time()
        self.db.executemany("INSERT OR IGNORE INTO split_history VALUES (?,?,?,?)",
                            [(node, split, version, now) for node, split in assignment.items()])

    def add_export(self, version: str, state_hash: str, path: str) -> None:
        self.db.execute("INSERT INTO exports VALUES (?,?,?,?)", (version, state_hash, path, time.time()))

    def exports(self) -> list[tuple[str, str, str]]:
        """(version, state_hash, path) of every export, oldest first."""
        return self.db.execute("SELECT version, state_hash, path FROM exports ORDER BY created_at").fetchall()

    def review_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]

    # -- hub pushes ------------------------------------------------------------------------------
    def add_push(self, version: str, repo_id: str, *, tag: Optional[str], commit_url: Optional[str],
                 private: bool, state_hash: str) -> None:
        """Record a successful push (a re-push of the same version to the same repo updates it)."""
        self.db.execute("INSERT OR REPLACE INTO pushes VALUES (?,?,?,?,?,?,?)",
                        (version, repo_id, tag, commit_url, int(private), state_hash, time.time()))

    def pushes(self) -> list[tuple[str, str, Optional[str], Optional[str], bool]]:
        """(version, repo_id, tag, commit_url, private) of every successful push, oldest first."""
        return [(v, r, t, u, bool(p)) for v, r, t, u, p in self.db.execute(
            "SELECT version, repo_id, tag, commit_url, private FROM pushes ORDER BY pushed_at")]
