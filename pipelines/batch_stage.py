"""The generate stage's offline modes: a dry-run plan, and OpenAI Batch API submit and collect.

Contract:
- `dry_run` sends nothing: it counts the pending requests (jobs not yet in the catalog) and estimates
  their prompt tokens (the rendered prompt's characters / 4), completion tokens (a per-turn heuristic,
  capped by max_tokens) and cost from the recipe's price table;
- `submit_batches` writes the pending requests (those not in the catalog, not in an open batch, and not
  already answered in the response cache) as Batch API JSONL, uploads it, creates the batch and records
  it in the workspace; answers already in the cache become conversations at once, with no request;
- `collect_batches` polls every open batch, downloads its output and error files and turns each answer
  into a conversation through the same validation and QC as the online path, one transaction per batch
  (the conversations and the batch's "collected" mark land together), so collecting twice, or after a
  restart, stores each conversation once. Answers that fail validation are stored as failed with their
  raw text (batch mode makes no repair reprompt and no QC regeneration); items the server could not run
  (429/5xx, expired) stay pending for the next submit.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from medseg_qa.errors import ConfigError, ItemError
from medseg_qa.ids import stable_hash
from medseg_qa.knowledge import lookup
from medseg_qa.llm import build_backend
from medseg_qa.llm.prompts import AnswerInvalid, build_messages, parse_turns
from medseg_qa.llm.transport import parse_chat_body
from medseg_qa.llm.ratelimit import estimate_tokens
from medseg_qa.workspace import Workspace

from .generate import Job, _conversation, _request, plan_jobs, run_qc

log = logging.getLogger(__name__)

COMPLETION_TOKENS_PER_TURN = 60   # a one-to-three-sentence turn, plus its share of the JSON wrapping
IMAGE_TOKENS = 425                 # rough cost of one 512-pixel image in OpenAI's tile accounting


@dataclass
class Plan:
    backend: str
    model: str
    planned: int = 0
    existing: int = 0
    no_knowledge: int = 0
    pending: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: Optional[float] = None  # None: the recipe has no price for the model


@dataclass
class BatchSummary:
    submitted: list[str] = field(default_factory=list)  # batch ids created now
    requests: int = 0
    from_cache: int = 0
    already_open: int = 0
    waiting: list[str] = field(default_factory=list)    # batch ids not finished yet
    collected: list[str] = field(default_factory=list)
    states: Counter = field(default_factory=Counter)
    left_pending: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0


def _pending(ws: Workspace, gen, exclude: frozenset = frozenset()) -> tuple[list[Job], Counter]:
    counts: Counter = Counter()
    jobs = []
    for job in plan_jobs(ws, gen):
        counts["planned"] += 1
        if ws.has_conversation(job.conversation_id):
            counts["existing"] += 1
        elif lookup(job.record.target) is None:
            counts["no_knowledge"] += 1
        elif job.conversation_id in exclude:
            counts["open"] += 1
        else:
            jobs.append(job)
    return jobs, counts


def dry_run(ws: Workspace, recipe) -> Plan:
    """What `generate` would send, and what it would cost; no request is made."""
    gen = recipe.generation
    jobs, counts = _pending(ws, gen)
    plan = Plan(backend=gen.backend, model=gen.model, planned=counts["planned"], existing=counts["existing"],
                no_knowledge=counts["no_knowledge"], pending=len(jobs))
    if gen.backend != "openai":
        plan.cost_usd = 0.0
        return plan
    max_tokens = int(gen.params.get("max_tokens", 1024))
    per_answer = min(max_tokens, COMPLETION_TOKENS_PER_TURN * 2 * gen.user_turns)
    for job in jobs:
        messages = build_messages(_request(job, gen, 0))
        plan.prompt_tokens += estimate_tokens(sum(len(m["content"]) for m in messages)) + 8 * len(messages)
        plan.prompt_tokens += 2 * IMAGE_TOKENS if gen.multimodal else 0
        plan.completion_tokens += per_answer
    price = gen.prices.get(gen.model)
    if price is not None:
        plan.cost_usd = plan.prompt_tokens / 1000 * price.prompt_per_1k + \
            plan.completion_tokens / 1000 * price.completion_per_1k
    return plan


def require_openai(gen) -> None:
    if gen.backend != "openai":
        raise ConfigError(f"batch mode needs generation.backend: openai (the recipe says '{gen.backend}'); "
                          "run `medsegqa generate` without --batch/--collect")


def _open_items(cache) -> dict[str, str]:
    """conversation id -> local batch id of every item in a batch that is not finished."""
    from medseg_qa.llm.batch import OPEN_STATES

    return {item["conversation_id"]: local_id for local_id, entry in cache.batches()
            if entry["state"] in OPEN_STATES for item in entry["items"].values()}


def _result_from_body(backend, body: dict, gen, job: Job):
    """A draft or an ItemError (with raw_text) from one chat completion body."""
    from medseg_qa.llm import ConversationDraft

    u = body.get("usage") or {}
    p, c = int(u.get("prompt_tokens") or 0), int(u.get("completion_tokens") or 0)
    try:
        text = body["choices"][0]["message"].get("content")
    except (KeyError, IndexError, TypeError, AttributeError):
        text = None
    try:
        turns = parse_turns(text, gen.user_turns)
    except AnswerInvalid as exc:
        err = ItemError("invalid_answer", f"{backend.model} gave no valid conversation in batch mode ({exc}); "
                        "the raw answer is kept", job.record.record_id)
        err.raw_text = text if text is not None else json.dumps(body)[:4000]
        err.prompt_tokens, err.completion_tokens, err.cost_usd = p, c, backend.cost(p, c)
        return err
    return ConversationDraft(turns=turns, prompt_tokens=p, completion_tokens=c, cost_usd=backend.cost(p, c))


def _store(ws: Workspace, summary: BatchSummary, job: Job, gen, backend, result) -> None:
    conv, state = _conversation(job, gen, backend, result, 0)
    ws.put_conversation(conv, state)
    summary.states[state] += 1
    summary.prompt_tokens += conv.provenance.prompt_tokens
    summary.completion_tokens += conv.provenance.completion_tokens
    summary.cost_usd += conv.provenance.cost_usd


def submit_batches(ws: Workspace, recipe, *, backend=None, max_lines: Optional[int] = None) -> BatchSummary:
    """Submit every pending request of the recipe as Batch API jobs (see the module contract)."""
    with ws.writer("generate --batch"):
        return _submit_batches(ws, recipe, backend, max_lines)


def _submit_batches(ws: Workspace, recipe, backend, max_lines: Optional[int]) -> BatchSummary:
    from medseg_qa.llm.batch import MAX_LINES, BatchClient, batch_line

    gen = recipe.generation
    require_openai(gen)
    backend = backend or build_backend(gen, ws)
    backend.preflight()
    summary = BatchSummary()
    client = BatchClient(backend, backend.cache)
    try:
        client.repair_interrupted()
        open_items = _open_items(backend.cache)
        jobs, counts = _pending(ws, gen, frozenset(open_items))
        summary.already_open = counts["open"]
        lines = []
        for job in jobs:
            line = batch_line(backend, _request(job, gen, 0), job.conversation_id)
            cached = backend.cache.get_response(line.cache_key)
            if cached is not None:  # answered before (an online run, a collected batch): no request
                _store(ws, summary, job, gen, backend, _result_from_body(backend, json.loads(cached), gen, job))
                summary.from_cache += 1
            else:
                lines.append(line)
        size = max_lines or MAX_LINES
        for start in range(0, len(lines), size):
            chunk = lines[start:start + size]
            local_id = f"{int(time.time())}-{stable_hash([bl.custom_id for bl in chunk], 10)}"
            entry = client.submit(chunk, local_id, ws.root / "batches")
            summary.submitted.append(entry["batch_id"])
            summary.requests += len(chunk)
    finally:
        client.close()
    if summary.from_cache:
        run_qc(ws)
    return summary


def collect_batches(ws: Workspace, recipe, *, backend=None) -> BatchSummary:
    """Poll the recorded batches and store the conversations of every finished one (idempotent)."""
    with ws.writer("generate --collect"):
        return _collect_batches(ws, recipe, backend)


def _collect_batches(ws: Workspace, recipe, backend) -> BatchSummary:
    from medseg_qa.llm.batch import FINAL_STATES, BatchClient

    gen = recipe.generation
    require_openai(gen)
    backend = backend or build_backend(gen, ws)
    backend.preflight()
    summary = BatchSummary()
    cache = backend.cache
    jobs = {job.conversation_id: job for job in plan_jobs(ws, gen)}
    client = BatchClient(backend, cache)
    try:
        client.repair_interrupted()
        for local_id, entry in list(cache.batches()):
            if entry["state"] != "submitted":
                continue
            batch = client.retrieve(entry["batch_id"])
            if batch.status not in FINAL_STATES:
                summary.waiting.append(batch.id)
                continue
            lines = client.download(batch.output_file_id) + client.download(getattr(batch, "error_file_id", None))
            with ws.transaction():
                for line in lines:
                    _collect_line(ws, summary, entry, line, jobs, gen, backend)
                entry.update(state="collected", status=batch.status, collected_at=time.time())
                cache.put_batch(local_id, entry)
            summary.collected.append(batch.id)
    finally:
        client.close()
    if summary.collected:
        run_qc(ws)
    return summary


def _collect_line(ws: Workspace, summary: BatchSummary, entry: dict, line: dict, jobs: dict, gen, backend) -> None:
    item = entry["items"].get(line.get("custom_id", ""))
    job = jobs.get(item["conversation_id"]) if item else None
    if job is None:
        log.warning("batch %s: result %s matches no planned conversation of this recipe; skipped",
                    entry["batch_id"], line.get("custom_id"))
        return
    if ws.has_conversation(job.conversation_id):
        return
    response = line.get("response") or {}
    status = response.get("status_code")
    raw = json.dumps(response["body"]) if isinstance(response.get("body"), dict) else None
    if status == 200 and parse_chat_body(raw) is None:  # not a chat completion: never cached, asked again
        log.warning("batch %s: result %s is not a chat completion; it is sent again with the next submit",
                    entry["batch_id"], line.get("custom_id"))
        summary.left_pending += 1
    elif status == 200:
        backend.cache.put_response(item["cache_key"], raw)
        backend.bill(item["cache_key"], response["body"])
        _store(ws, summary, job, gen, backend, _result_from_body(backend, response["body"], gen, job))
    elif status is None or status == 429 or status >= 500:
        summary.left_pending += 1  # the server could not run it: the next submit sends it again
    else:
        error = (response.get("body") or {}).get("error") or line.get("error") or {}
        message = error.get("message", "") if isinstance(error, dict) else str(error)
        err = ItemError("llm_rejected", f"the batch refused this request (HTTP {status}: {message[:200]}); check "
                        "generation.params", job.record.record_id)
        _store(ws, summary, job, gen, backend, err)
