"""The catalog's schema migrations, applied in order on open (`PRAGMA user_version` counts the applied ones).

Append only: a released migration is never edited, since workspaces in the field have already applied it;
each new table is back-filled from what older workspaces hold, so an upgrade loses nothing.
"""

from __future__ import annotations

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
    # provenance apart from pixel identity: one row per (record, dataset, origin) that yielded the record,
    # holding that source's full record body (licence, patient, orientation, facts); `active` = 0 marks a
    # row whose origin, re-ingested, no longer yields the record. Back-filled from the records table.
    """
    CREATE TABLE provenance (
        record_id TEXT NOT NULL REFERENCES records(record_id), dataset TEXT NOT NULL, origin TEXT NOT NULL,
        source TEXT NOT NULL, licence TEXT NOT NULL, patient_id TEXT NOT NULL, orientation TEXT,
        body TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at REAL NOT NULL,
        updated_at REAL NOT NULL, PRIMARY KEY (record_id, dataset, origin));
    CREATE INDEX provenance_origin ON provenance(dataset, origin);
    INSERT INTO provenance SELECT record_id, dataset, COALESCE(json_extract(body, '$.origin'), ''),
        json_extract(body, '$.source'), json_extract(body, '$.licence'), patient_id,
        json_extract(body, '$.orientation'), body, 1, created_at, created_at FROM records;
    ALTER TABLE records ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
    """,
    # the split each (dataset, patient) node was first released in, so later versions keep it; back-filled
    # from the newest export folder on first use (`medseg_qa.splits.previous_splits`)
    """
    CREATE TABLE split_history (
        node TEXT PRIMARY KEY, split TEXT NOT NULL, version TEXT NOT NULL, created_at REAL NOT NULL);
    """,
    # de-identification audit keyed by source and file: two sources whose files share relative paths
    # never overwrite each other's rows (old rows are kept under their source)
    """
    CREATE TABLE audit_by_source (
        dataset TEXT NOT NULL, file_ref TEXT NOT NULL, body TEXT NOT NULL, created_at REAL NOT NULL,
        PRIMARY KEY (dataset, file_ref));
    INSERT INTO audit_by_source SELECT dataset, file_ref, body, created_at FROM audit;
    DROP TABLE audit;
    ALTER TABLE audit_by_source RENAME TO audit;
    """,
    # review in Label Studio: which task holds each pushed conversation (per project), and every reviewer's
    # latest review (`reviews` keeps the one the release applies)
    """
    CREATE TABLE review_tasks (
        project TEXT NOT NULL, conversation_id TEXT NOT NULL, task_id INTEGER NOT NULL, state TEXT NOT NULL,
        pushed_at REAL NOT NULL, PRIMARY KEY (project, conversation_id));
    CREATE UNIQUE INDEX review_tasks_task ON review_tasks(project, task_id);
    CREATE TABLE reviewer_reviews (
        conversation_id TEXT NOT NULL, reviewer TEXT NOT NULL, submitted_at REAL NOT NULL, body TEXT NOT NULL,
        updated_at REAL NOT NULL, PRIMARY KEY (conversation_id, reviewer));
    """,
    # hub pushes of exported versions: one row per successful push (a failed push writes nothing)
    """
    CREATE TABLE pushes (
        version TEXT NOT NULL, repo_id TEXT NOT NULL, tag TEXT, commit_url TEXT, private INTEGER NOT NULL,
        state_hash TEXT NOT NULL, pushed_at REAL NOT NULL, PRIMARY KEY (version, repo_id));
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    """A migration script split into statements (migrations hold no literal semicolons)."""
    return [part.strip() for part in script.split(";") if part.strip()]
