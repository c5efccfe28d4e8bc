"""The LLM response cache and usage ledger, both in the workspace catalog.

Contract:
- every chat request is keyed by `request_key(model, messages, params, response_format)`: a sha256 of
  exactly what decides the answer, never the API key or the server address, so a rerun (after a crash, a
  Ctrl-C, or a conversation that arrived but was not committed) re-sends nothing that completed;
- the raw response body is stored the moment it is received (`chat:<key>` rows of `llm_cache`);
- the same table holds small bookkeeping rows under other prefixes (`meta:` for remembered server
  capabilities, `batch:` for submitted Batch API jobs), so no schema migration is needed;
- `usage_totals` sums the tokens and cost recorded in conversation provenance (for `medsegqa status`).
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any, Iterator, Optional

from medseg_qa.ids import canonical_json


def request_key(model: str, messages: list[dict], params: dict, response_format: Optional[dict],
                endpoint: str = "") -> str:
    """sha256 of (endpoint identity, model, messages, sampling parameters, response format); identical
    requests to the same server share it. `endpoint` is `ids.endpoint_identity(base_url)`: normalised,
    never credentials (messages carry the template text, knowledge, facts and images)."""
    payload = {"model": model, "messages": messages, "params": params, "response_format": response_format}
    if endpoint:
        payload["endpoint"] = endpoint
    return hashlib.sha256(canonical_json(payload)).hexdigest()


class LLMCache:
    """Raw responses and bookkeeping rows in a workspace's `llm_cache` table, on the workspace's own
    connection (so its writes join the caller's transactions; one thread)."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.db = ws.db
        self.hits = 0
        self.misses = 0

    def _get(self, key: str) -> Optional[str]:
        row = self.db.execute("SELECT response FROM llm_cache WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _put(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO llm_cache VALUES (?,?,?)", (key, value, time.time()))

    # -- chat responses ------------------------------------------------------------------------------
    def get_response(self, key: str) -> Optional[str]:
        raw = self._get("chat:" + key)
        if raw is None:
            self.misses += 1
        else:
            self.hits += 1
        return raw

    def put_response(self, key: str, raw: str) -> None:
        self._put("chat:" + key, raw)

    def adopt_legacy(self, legacy_key: str, key: str) -> Optional[str]:
        """A response cached before keys named the endpoint (medseg-qa < ids), moved under its new key so
        an upgraded workspace pays nothing twice; None when there is none. Only rows written before the
        upgrade can match: new keys always carry the endpoint."""
        raw = self._get("chat:" + legacy_key)
        if raw is not None:
            self.db.execute("DELETE FROM llm_cache WHERE key=?", ("chat:" + legacy_key,))
            self.put_response(key, raw)
        return raw

    # -- the usage ledger: what the server billed, one row per response received over the network ---------
    def put_usage(self, key: str, model: str, prompt_tokens: int, completion_tokens: int, cost_usd: float) -> None:
        # a key range, not LIKE (case-insensitive, so it scanned the whole table for every response)
        n = self.db.execute("SELECT COUNT(*) FROM llm_cache WHERE key >= ? AND key < ?",
                            (f"usage:{key}:", f"usage:{key};")).fetchone()[0]
        self._put(f"usage:{key}:{n}", json.dumps({"model": model, "prompt_tokens": prompt_tokens,
                                                  "completion_tokens": completion_tokens, "cost_usd": cost_usd}))

    # -- remembered facts about a server (e.g. which structured-output mode it accepts) ---------------
    def get_meta(self, name: str) -> Optional[Any]:
        raw = self._get("meta:" + name)
        return json.loads(raw) if raw is not None else None

    def put_meta(self, name: str, value: Any) -> None:
        self._put("meta:" + name, json.dumps(value))

    # -- Batch API jobs ------------------------------------------------------------------------------
    def put_batch(self, local_id: str, entry: dict) -> None:
        self._put("batch:" + local_id, json.dumps(entry, sort_keys=True))

    def batches(self) -> Iterator[tuple[str, dict]]:
        rows = self.db.execute("SELECT key, response FROM llm_cache WHERE key LIKE 'batch:%' "
                                  "ORDER BY created_at, key").fetchall()
        for key, raw in rows:
            yield key[len("batch:"):], json.loads(raw)


def usage_totals(ws) -> dict:
    """Prompt tokens, completion tokens and cost (USD) summed over every conversation's provenance, and
    `billed`: the same sums over the usage ledger (every response the server sent, whether or not its
    draft was kept)."""
    row = ws.db.execute(
        "SELECT COUNT(*), COALESCE(SUM(json_extract(body, '$.provenance.prompt_tokens')), 0), "
        "COALESCE(SUM(json_extract(body, '$.provenance.completion_tokens')), 0), "
        "COALESCE(SUM(json_extract(body, '$.provenance.cost_usd')), 0.0) FROM conversations").fetchone()
    led = ws.db.execute(
        "SELECT COUNT(*), COALESCE(SUM(json_extract(response, '$.prompt_tokens')), 0), "
        "COALESCE(SUM(json_extract(response, '$.completion_tokens')), 0), "
        "COALESCE(SUM(json_extract(response, '$.cost_usd')), 0.0) FROM llm_cache WHERE key LIKE 'usage:%'").fetchone()
    return {"conversations": row[0], "prompt_tokens": int(row[1]), "completion_tokens": int(row[2]),
            "cost_usd": float(row[3]),
            "billed": {"responses": led[0], "prompt_tokens": int(led[1]), "completion_tokens": int(led[2]),
                       "cost_usd": float(led[3])}}
