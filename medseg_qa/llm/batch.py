"""The OpenAI Batch API side of the openai backend: request lines, upload, create, poll, download.

Contract:
- a batch line carries exactly the body the online path would send (same messages, parameters and
  response format), so its answer is stored under the same cache key and validated the same way;
  `custom_id` is `<conversation id>:<attempt>`;
- every submitted batch is recorded in the workspace (`batch:<local id>` rows of `llm_cache`) before and
  after the server call that creates it, so a crash between upload and create is repaired on the next
  submit by adopting the server's batch for that input file (GET /batches), never by submitting twice;
- the API key is read from the environment like the online path and stored nowhere;
- the Files and Batches calls retry under the online path's policy (`backend.retry`: the same
  `max_retries`, backoff and Retry-After cap), the openai client's own retries off; a create whose
  answer was lost is looked up on the server (by its input file) before it is sent again.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Optional

from medseg_qa.errors import BackendError

from .base import ConversationRequest
from .cache import LLMCache
from .prompts import build_messages

log = logging.getLogger(__name__)

ENDPOINT = "/v1/chat/completions"
COMPLETION_WINDOW = "24h"
MAX_LINES = 50_000            # the Batch API's per-batch request limit
OPEN_STATES = ("creating", "validating", "in_progress", "finalizing", "cancelling", "submitted")
FINAL_STATES = ("completed", "failed", "expired", "cancelled")


@dataclass
class BatchLine:
    custom_id: str
    conversation_id: str
    cache_key: str
    line: dict


def batch_line(backend, request: ConversationRequest, conversation_id: str, attempt: int = 0) -> BatchLine:
    """The Batch API line for one request, built exactly as the online path builds its body."""
    messages = build_messages(request, backend._images(request))
    params = {**backend.api_params(), "seed": request.seed}
    mode = backend._mode or (backend.config.structured if backend.config.structured != "auto" else "json_schema")
    fmt = backend.response_format(mode, request.user_turns)
    body = {"model": backend.model, "messages": messages, **params}
    if fmt is not None:
        body["response_format"] = fmt
    custom_id = f"{conversation_id}:{attempt}"
    return BatchLine(custom_id, conversation_id, backend.cache_key(messages, params, fmt),
                     {"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body})


class BatchClient:
    """Files and Batches calls for one backend configuration, and the workspace's record of batches."""

    def __init__(self, backend, cache: LLMCache) -> None:
        import openai

        self.backend = backend
        self.cache = cache
        self._openai = openai
        self.client = openai.OpenAI(base_url=backend.base_url, api_key=backend._api_key(),
                                    timeout=backend.config.timeout_s, max_retries=0)

    def close(self) -> None:
        self.client.close()

    def _call(self, what: str, fn, *args, recover=None, **kwargs):
        """`fn(*args, **kwargs)` under the backend's retry policy; BackendError once it is spent.

        Retried: 408/409/425/429, 5xx and connection errors (timeouts included), waiting as
        `RetryPolicy.delay` says (Retry-After honoured up to its cap). `recover()`, when given, runs before
        each retry and returns what the lost call already did on the server (or None to send again)."""
        from .transport import retried, retry_after_of

        policy, openai = self.backend.retry, self._openai
        for attempt in range(policy.max_retries + 1):
            if attempt and recover is not None:
                done = recover()
                if done is not None:
                    return done
            try:
                return fn(*args, **kwargs)
            except openai.APIStatusError as exc:
                if not retried(exc.status_code) or attempt == policy.max_retries:
                    raise BackendError(f"{what} at {self.backend.base_url} failed (HTTP {exc.status_code}: "
                                       f"{str(exc)[:200]}); fix the request or retry later") from None
                reason, retry_after = f"HTTP {exc.status_code}", retry_after_of(exc.response.headers)
            except openai.APIConnectionError as exc:
                if attempt == policy.max_retries:
                    raise BackendError(f"{what}: cannot reach {self.backend.base_url} ({type(exc).__name__}); "
                                       "retry later — submitted batches are recorded in the workspace") from None
                reason, retry_after = type(exc).__name__, None
            self.backend.stats[f"retry:{reason}"] += 1
            time.sleep(policy.delay(attempt, retry_after, self.backend.base_url))
        raise AssertionError("unreachable")

    # -- submit --------------------------------------------------------------------------------------
    def submit(self, lines: list[BatchLine], local_id: str, jsonl_dir=None) -> dict:
        """Upload `lines` as one JSONL file and create its batch; returns the recorded entry."""
        data = "".join(json.dumps(bl.line, separators=(",", ":")) + "\n" for bl in lines).encode()
        if jsonl_dir is not None:
            jsonl_dir.mkdir(parents=True, exist_ok=True)
            (jsonl_dir / f"{local_id}.jsonl").write_bytes(data)
        entry = {"local_id": local_id, "state": "uploading", "model": self.backend.model,
                 "created_at": time.time(), "batch_id": None, "input_file_id": None,
                 "items": {bl.custom_id: {"conversation_id": bl.conversation_id, "cache_key": bl.cache_key}
                           for bl in lines}}
        self.cache.put_batch(local_id, entry)
        uploaded = self._call("uploading the batch input file", self.client.files.create,
                              file=(f"{local_id}.jsonl", data), purpose="batch")
        entry.update(state="creating", input_file_id=uploaded.id)
        self.cache.put_batch(local_id, entry)
        return self._create(entry)

    def _create(self, entry: dict) -> dict:
        batch = self._call("creating the batch", self.client.batches.create, input_file_id=entry["input_file_id"],
                           endpoint=ENDPOINT, completion_window=COMPLETION_WINDOW,
                           metadata={"medsegqa_local_id": entry["local_id"]},
                           recover=lambda: self._find_batch(entry["input_file_id"]))
        entry.update(state="submitted", batch_id=batch.id, status=batch.status)
        self.cache.put_batch(entry["local_id"], entry)
        log.info("submitted batch %s (%d requests, input %s)", batch.id, len(entry["items"]), entry["input_file_id"])
        return entry

    def repair_interrupted(self) -> list[str]:
        """Finish submits that a crash interrupted: adopt the server's batch for a recorded input file,
        or create it; forget entries whose upload never finished. Returns the local ids repaired."""
        repaired = []
        for local_id, entry in list(self.cache.batches()):
            if entry["state"] == "uploading":
                entry["state"] = "abandoned"  # no input file recorded: nothing was created from it
                self.cache.put_batch(local_id, entry)
                repaired.append(local_id)
            elif entry["state"] == "creating":
                found = self._find_batch(entry["input_file_id"])
                if found is not None:
                    entry.update(state="submitted", batch_id=found.id, status=found.status)
                    self.cache.put_batch(local_id, entry)
                else:
                    self._create(entry)
                repaired.append(local_id)
        return repaired

    def _find_batch(self, input_file_id: str):
        page = self._call("listing batches", self.client.batches.list, limit=100)
        for batch in page:
            if batch.input_file_id == input_file_id:
                return batch
        return None

    # -- collect -------------------------------------------------------------------------------------
    def retrieve(self, batch_id: str):
        return self._call(f"retrieving batch {batch_id}", self.client.batches.retrieve, batch_id)

    def download(self, file_id: Optional[str]) -> list[dict]:
        """The JSONL lines of an output or error file (empty when there is none)."""
        if not file_id:
            return []
        content = self._call(f"downloading file {file_id}", self.client.files.content, file_id)
        out = []
        for n, line in enumerate(content.text.splitlines(), 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError:
                    log.warning("batch file %s line %d is not JSON; skipped", file_id, n)
        return out
