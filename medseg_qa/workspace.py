"""The workspace: one folder holding a SQLite catalog and content-addressed blobs.

Contract:
- blobs live at `blobs/ab/abcdef….png`, named by the sha256 of their bytes, written atomically
  (temp file + rename) and never rewritten;
- the catalog (`catalog.sqlite`, WAL) holds records, conversations, quarantine entries, reviews,
  exports and the LLM cache as JSON of the `schemas` models, keyed by content-derived ids, so inserting
  the same item twice is a no-op;
- the schema is versioned; `migrations` are applied in order on open.
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

from medseg_qa.errors import WorkspaceError
from medseg_qa.schemas import Conversation, SourceRecord

DEFAULT_WORKSPACE = "medsegqa-data"

MIGRATIONS: list[str] = [
    # 1: the foundation
    """
    CREATE TABLE records (
        record_id TEXT PRIMARY KEY, dataset TEXT NOT NULL, target TEXT NOT NULL,
        patient_id TEXT NOT NULL, body TEXT NOT NULL, created_at REAL NOT NULL);
    CREATE INDEX records_dataset ON records(dataset);
    CREATE TABLE conversations (
        conversation_id TEXT PRIMARY KEY, record_id TEXT NOT NULL REFERENCES records(record_id),
        state TEXT NOT NULL, body TEXT NOT NULL, created_at REAL NOT NULL, updated_at REAL NOT NULL);
    CREATE INDEX conversations_record ON conversations(record_id);
    CREATE TABLE quarantine (
        item_key TEXT NOT NULL, stage TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
        created_at REAL NOT NULL, PRIMARY KEY (stage, item_key));
    CREATE TABLE reviews (
        conversation_id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at REAL NOT NULL);
    CREATE TABLE exports (
        version TEXT PRIMARY KEY, state_hash TEXT NOT NULL, path TEXT NOT NULL, created_at REAL NOT NULL);
    CREATE TABLE llm_cache (
        key TEXT PRIMARY KEY, response TEXT NOT NULL, created_at REAL NOT NULL);
    """,
    # 2: de-identification audit, one entry per input file (attribute keywords only, never values)
    """
    CREATE TABLE audit (
        file_ref TEXT PRIMARY KEY, dataset TEXT NOT NULL, body TEXT NOT NULL, created_at REAL NOT NULL);
    """,
    # hub pushes of exported versions: one row per successful push (a failed push writes nothing)
    """
    CREATE TABLE pushes (
        version TEXT NOT NULL, repo_id TEXT NOT NULL, tag TEXT, commit_url TEXT, private INTEGER NOT NULL,
        state_hash TEXT NOT NULL, pushed_at REAL NOT NULL, PRIMARY KEY (version, repo_id));
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

CONVERSATION_STATES = ("passed", "flagged", "failed")


def _statements(script: str) -> list[str]:
    """A migration script split into statements (migrations hold no literal semicolons)."""
    return [part.strip() for part in script.split(";") if part.strip()]


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
        self.db_path = self.root / "catalog.sqlite"
        self.db = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

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
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

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
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
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
        """Insert a record; False (and no change) when its id is already there."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO records VALUES (?,?,?,?,?,?)",
            (rec.record_id, rec.dataset, rec.target, rec.patient_id, rec.model_dump_json(), time.time()))
        return cur.rowcount == 1

    def records(self, dataset: Optional[str] = None) -> Iterator[SourceRecord]:
        sql, args = "SELECT body FROM records", ()
        if dataset:
            sql, args = sql + " WHERE dataset=?", (dataset,)
        for (body,) in self.db.execute(sql + " ORDER BY record_id", args).fetchall():
            yield SourceRecord.model_validate_json(body)

    def record(self, record_id: str) -> SourceRecord:
        row = self.db.execute("SELECT body FROM records WHERE record_id=?", (record_id,)).fetchone()
        if row is None:
            raise WorkspaceError(f"record {record_id} is not in {self.db_path}")
        return SourceRecord.model_validate_json(row[0])

    # -- conversations ---------------------------------------------------------------------------
    def has_conversation(self, conversation_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM conversations WHERE conversation_id=?",
                               (conversation_id,)).fetchone() is not None

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

    def conversations(self, states: tuple[str, ...] = CONVERSATION_STATES) -> Iterator[tuple[Conversation, str]]:
        marks = ",".join("?" * len(states))
        rows = self.db.execute(f"SELECT body, state FROM conversations WHERE state IN ({marks}) "
                               "ORDER BY conversation_id", states).fetchall()
        for body, state in rows:
            yield Conversation.model_validate_json(body), state

    # -- reviews (filled by the review bridge) -----------------------------------------------------
    def review(self, conversation_id: str) -> Optional[dict]:
        row = self.db.execute("SELECT body FROM reviews WHERE conversation_id=?", (conversation_id,)).fetchone()
        return json.loads(row[0]) if row else None

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
        self.db.execute("INSERT OR REPLACE INTO audit VALUES (?,?,?,?)", (file_ref, dataset, body_json, time.time()))

    def audit_entries(self) -> list[dict]:
        return [json.loads(b) for (b,) in self.db.execute("SELECT body FROM audit ORDER BY file_ref")]

    # -- summaries -------------------------------------------------------------------------------
    def counts(self) -> dict:
        """Counts per stage and state, and quarantine counts per (stage, code)."""
        q = self.db.execute
        return {
            "records": q("SELECT COUNT(*) FROM records").fetchone()[0],
            "records_by_target": dict(q("SELECT target, COUNT(*) FROM records GROUP BY target ORDER BY target")),
            "conversations_by_state": dict(q("SELECT state, COUNT(*) FROM conversations GROUP BY state")),
            "quarantine": {f"{s}:{c}": n for s, c, n in
                           q("SELECT stage, code, COUNT(*) FROM quarantine GROUP BY stage, code")},
            "exports": q("SELECT version, path FROM exports ORDER BY created_at").fetchall(),
        }

    # -- exports ---------------------------------------------------------------------------------
    def export_entry(self, version: str) -> Optional[tuple[str, str]]:
        return self.db.execute("SELECT state_hash, path FROM exports WHERE version=?", (version,)).fetchone()

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
