"""The generate and qc stages: records -> conversations, checked against their masks.

Contract:
- one job per (record, k < conversations_per_record); its conversation id is derived from the record,
  prompt version, model, sampling params, question style and `answer_context` (template text, knowledge
  entry, the record's prompt-visible content, backend, endpoint, modes), so a rerun skips every job already
  in the catalog (nothing regenerated, nothing paid twice); finished conversations are committed in
  batches (one transaction per WRITE_BATCH, at most WRITE_EVERY_S late), and every answer is in the
  response cache from the moment it arrives, so a crash or Ctrl-C costs at most the requests in flight (an
  answered job not yet committed is rebuilt from the cache by the rerun, without a request);
  conversations of these settings that the plan no longer asks for go `stale` (kept, not exported);
- jobs are settled (near-duplicate check, QC regeneration, storage) in plan order whatever order their
  answers arrive in, so the outputs do not depend on concurrency or timing; QC itself runs in worker
  processes (`qc_workers`) so that the process driving the requests is not paused by it;
- a conversation's provenance counts the tokens and cost of every attempt (repair reprompts and QC
  regenerations included); the run's summary reports what the server billed in this run;
- `retry_failed` regenerates conversations stored as failed; quarantine entries not raised again clear;
- one writing process per workspace (`Workspace.writer`);
- each draft goes through QC; a flagged draft is regenerated with the next seed up to `qc_retries`
  times, then kept as `flagged` with its flags for review; a backend failure for one item is stored as
  `failed` with the raw text and the run goes on;
- a conversation with a review is never touched (Workspace.put_conversation guarantees it).
Backends that can work on many requests at once expose `generate_many(requests)` yielding
`(index, draft | MedsegQAError)` in any order; others are called one request at a time.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from medseg_qa.errors import MedsegQAError
from medseg_qa.ids import (conversation_id, endpoint_identity, knowledge_hash, record_answer_hash, stable_hash,
                           template_hash)
from medseg_qa.knowledge import lookup, usable_entry, use_knowledge
from medseg_qa.llm import ConversationRequest, build_backend
from medseg_qa.llm.judge import build_judge
from medseg_qa.qc import check_conversation, near_duplicates
from medseg_qa.qc.dupes import QuestionIndex
from medseg_qa.schemas import Conversation, GenerationProvenance, SourceRecord, Turn
from medseg_qa.workspace import Workspace

from .progress import progress_bar
from .qc_workers import QCWorkers

log = logging.getLogger(__name__)
WRITE_BATCH, WRITE_EVERY_S = 50, 1.0  # finished conversations per catalog transaction, at most this late


@dataclass
class GenerateSummary:
    planned: int = 0
    skipped_existing: int = 0
    states: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    quarantined: Counter = field(default_factory=Counter)
    retried_failed: int = 0
    superseded: int = 0
    prompt_tokens: int = 0       # billed in this run, every attempt (repairs, QC regenerations) included
    completion_tokens: int = 0
    cost_usd: float = 0.0
    judged: int = 0
    judge_errors: int = 0


@dataclass
class Job:
    conversation_id: str
    record: SourceRecord
    style: str
    params: dict
    offset: int = 0  # attempts made by earlier runs (a failed conversation retried): new seeds, not the cache


def answer_context(gen, record: SourceRecord, knowledge) -> dict:
    """Everything besides the record id, model, params and style that changes the answer: the prompt
    template text, the knowledge entry, what the prompt shows of the record, the backend and endpoint
    identity (never the key), and the multimodal and structured modes."""
    remote = gen.backend == "openai"
    return {"template": template_hash(gen.prompt_version), "knowledge": knowledge_hash(knowledge),
            "record": record_answer_hash(record), "backend": gen.backend,
            "endpoint": endpoint_identity(gen.base_url) if remote else "",
            "multimodal": bool(gen.multimodal) and remote, "structured": gen.structured if remote else ""}


def plan_jobs(ws: Workspace, gen) -> Iterator[Job]:
    """Every (record, k) job of the recipe's generation section, in a stable order."""
    params = {**gen.params, "user_turns": gen.user_turns, "seed": gen.seed}
    for record in ws.records():
        context = answer_context(gen, record, lookup(record.target))
        for k in range(gen.conversations_per_record):
            style = gen.styles[int(stable_hash([record.record_id, k, gen.seed]), 16) % len(gen.styles)]
            job_params = {**params, "k": k}
            cid = conversation_id(record.record_id, gen.prompt_version, gen.model, job_params, style, context)
            yield Job(cid, record, style, job_params)


def supersede(ws: Workspace, gen, planned: set[str]) -> int:
    """Mark stale the unreviewed conversations this recipe's generation settings (backend, model, prompt
    version) made for a record that the plan no longer asks for (their inputs changed: template text,
    knowledge, facts, endpoint, modes, or an id formula of an older medseg-qa). They stay in the catalog."""
    rows = ws.db.execute(
        "SELECT conversation_id FROM conversations WHERE state!='stale' AND "
        "json_extract(body, '$.provenance.backend')=? AND json_extract(body, '$.provenance.model')=? AND "
        "json_extract(body, '$.provenance.prompt_version')=? AND conversation_id NOT IN "
        "(SELECT conversation_id FROM reviews)", (gen.backend, gen.model, gen.prompt_version)).fetchall()
    gone = [(time.time(), cid) for (cid,) in rows if cid not in planned]
    ws.db.executemany("UPDATE conversations SET state='stale', updated_at=? WHERE conversation_id=?", gone)
    return len(gone)


def _reviewed_slots(ws: Workspace, gen) -> set[tuple[str, str]]:
    """(record, style) of reviewed conversations made with these settings under another id (an older id
    formula, or inputs changed since): a review is never replaced by a regeneration."""
    return set(ws.db.execute(
        "SELECT c.record_id, json_extract(c.body, '$.question_style') FROM conversations c JOIN reviews r "
        "USING (conversation_id) WHERE json_extract(c.body, '$.provenance.backend')=? AND "
        "json_extract(c.body, '$.provenance.model')=? AND json_extract(c.body, '$.provenance.prompt_version')=?",
        (gen.backend, gen.model, gen.prompt_version)).fetchall())


def attempt_seed(job: Job, gen, attempt: int) -> int:
    """The sampling seed of one attempt: derived from the record too, so that two records with the same
    facts do not get the same prompt and seed (and so the same answer) from a sampling LLM."""
    return int(stable_hash([job.record.record_id, gen.seed, job.params["k"], attempt]), 16) % 2**31


def _request(job: Job, gen, attempt: int) -> ConversationRequest:
    return ConversationRequest(record=job.record, knowledge=lookup(job.record.target), style=job.style,
                               user_turns=gen.user_turns, seed=attempt_seed(job, gen, attempt),
                               prompt_version=gen.prompt_version)


def _drafts(backend, requests: list[ConversationRequest]) -> Iterator[tuple[int, object]]:
    if hasattr(backend, "generate_many"):
        yield from backend.generate_many(requests)
        return
    for i, req in enumerate(requests):
        try:
            yield i, backend.generate(req)
        except MedsegQAError as exc:
            yield i, exc


def generate(ws: Workspace, recipe, *, backend=None, progress: bool = True,
             allow_draft_knowledge: bool = False, retry_failed: bool = False) -> GenerateSummary:
    """Generate every missing conversation of the recipe (and, with `retry_failed`, again every failed
    one), then run QC over the catalog. The recipe's knowledge files join the built-in base; a target whose
    entry is an unreviewed draft is quarantined unless `allow_draft_knowledge`, and each conversation records
    its entry's status. Holds the workspace writer lock: a second process gets a clear
    error instead of paying for the same requests."""
    with ws.writer("generate"):
        return _generate(ws, recipe, backend, progress, retry_failed, allow_draft_knowledge)


def _generate(ws: Workspace, recipe, backend, progress: bool, retry_failed: bool,
              allow_draft_knowledge: bool) -> GenerateSummary:
    gen = recipe.generation
    use_knowledge(recipe.knowledge)
    backend = backend or build_backend(gen, workspace=ws)
    judge = build_judge(getattr(recipe, "qc", None), ws)
    summary = GenerateSummary()
    jobs: list[Job] = []
    planned: set[str] = set()
    spent: dict[str, Counter] = {}  # tokens and cost of every attempt of a job, discarded drafts included
    started = time.time()
    failed = {cid for (cid,) in ws.db.execute("SELECT conversation_id FROM conversations WHERE state='failed'")}
    reviewed = _reviewed_slots(ws, gen)
    for job in plan_jobs(ws, gen):
        summary.planned += 1
        planned.add(job.conversation_id)
        if ws.has_conversation(job.conversation_id) and not (retry_failed and job.conversation_id in failed):
            summary.skipped_existing += 1
        elif (job.record.record_id, job.style) in reviewed:  # a physician's reviewed one stands for it
            summary.skipped_existing += 1
        elif (gate := usable_entry(job.record.target, allow_draft_knowledge))[1] is not None:
            summary.quarantined[gate[1]] += 1
            ws.quarantine("generate", job.record.record_id, gate[1],
                          f"{gate[2]} [{job.record.dataset}:{job.record.origin}]")
        else:
            if job.conversation_id in failed:  # its earlier attempts count in its provenance too
                summary.retried_failed += 1
                row = ws.db.execute("SELECT json_extract(body, '$.provenance') FROM conversations "
                                    "WHERE conversation_id=?", (job.conversation_id,)).fetchone()
                prov = json.loads(row[0])
                job.offset = int(prov.get("attempts") or 1)
                spent[job.conversation_id] = Counter(prompt=prov["prompt_tokens"], completion=prov["completion_tokens"],
                                                     cost=prov["cost_usd"])
            jobs.append(job)
    with ws.transaction():
        summary.superseded = supersede(ws, gen, planned)
        ws.clear_stale_quarantine("generate", started)  # fixed since the last run (knowledge added, ...)
    asked = _first_questions_by_group(ws)
    attempt, retries = 0, gen.qc_retries
    billed_before = Counter(getattr(backend, "billed", {}))
    this_run: Counter = Counter()
    prov = _ProvenanceParts(gen)
    unsaved: list[tuple[Conversation, str]] = []
    last_write = time.monotonic()

    def write() -> None:  # one transaction for the batch: a kill loses at most it, and its answers are cached
        nonlocal last_write
        with ws.transaction():
            for conv, state in unsaved:
                ws.put_conversation(conv, state)
        unsaved.clear()
        last_write = time.monotonic()

    def settle(job: Job, conv: Conversation, state: str, retry: list[Job]) -> None:
        if judge is not None and state == "passed":
            state = _judge(judge, conv, job.record, summary)
            this_run["judge_cost"] += conv.provenance.judge_cost_usd
        draft_cost = Counter(prompt=conv.provenance.prompt_tokens,
                             completion=conv.provenance.completion_tokens, cost=conv.provenance.cost_usd)
        used = spent.setdefault(job.conversation_id, Counter())
        used.update(draft_cost)
        this_run.update(draft_cost)
        group = asked.setdefault((job.record.target, job.record.patient_id), QuestionIndex())
        if state != "failed" and group.repeats(conv.turns[0].content):
            conv.qc_flags.append("near_duplicate")
            state = "flagged"
        if state == "flagged" and attempt < retries:
            retry.append(job)
            return
        conv.provenance.prompt_tokens, conv.provenance.completion_tokens = used["prompt"], used["completion"]
        conv.provenance.cost_usd = used["cost"]
        conv.provenance.attempts = attempt + job.offset + 1
        unsaved.append((conv, state))
        group.add(conv.turns[0].content)
        advance()

    def release(finished: list, settled: int) -> int:
        """Take finished checks; settle, in plan order, every job up to the first one still out (so which of
        two near-duplicate questions is kept never depends on which answer arrived first)."""
        for (i, conv), flags in finished:
            conv.qc_flags = flags
            checked[i] = (conv, "flagged" if flags else "passed")
        while settled in checked:
            settle(jobs[settled], *checked.pop(settled), retry)
            settled += 1
        return settled

    # QC runs in worker processes while this one keeps the requests going; the workers start before the
    # progress bar's thread (see qc_workers)
    with QCWorkers(recipe.knowledge) as qc, progress_bar("generate", len(jobs), progress) as advance:
        try:
            while jobs:
                retry: list[Job] = []
                checked: dict[int, tuple[Conversation, str]] = {}
                settled = 0
                for i, result in _drafts(backend, [_request(j, gen, attempt + j.offset) for j in jobs]):
                    conv = _unchecked(jobs[i], gen, backend, result, attempt + jobs[i].offset, prov)
                    if isinstance(result, MedsegQAError):
                        checked[i] = (conv, "failed")
                    else:
                        qc.submit((i, conv), conv, jobs[i].record)
                    settled = release(qc.done(), settled)
                    if len(unsaved) >= WRITE_BATCH or (unsaved and time.monotonic() - last_write >= WRITE_EVERY_S):
                        write()
                release(qc.wait(), settled)
                jobs, attempt = retry, attempt + 1
        finally:  # Ctrl-C or a backend that gave up: what is settled is saved
            write()
    if hasattr(backend, "billed"):  # what the server billed in this run (cache hits cost nothing)
        billed = Counter(backend.billed)
        billed.subtract(billed_before)
        summary.prompt_tokens, summary.completion_tokens = billed["prompt"], billed["completion"]
        summary.cost_usd = backend.cost(billed["prompt"], billed["completion"])
    else:
        summary.prompt_tokens, summary.completion_tokens = this_run["prompt"], this_run["completion"]
        summary.cost_usd = this_run["cost"]
    summary.cost_usd += this_run["judge_cost"]  # the optional QC judge's calls, priced by the judge
    summary.states, summary.flags = catalog_counts(ws)
    return summary


def catalog_counts(ws: Workspace) -> tuple[Counter, Counter]:
    """Conversations per state and QC flags over the whole catalog, counted in SQL (no re-check:
    every conversation was checked when it was stored; `medsegqa qc` re-checks after rule changes)."""
    states = Counter(dict(ws.db.execute("SELECT state, COUNT(*) FROM conversations GROUP BY state")))
    flags = Counter(dict(ws.db.execute(
        "SELECT f.value, COUNT(*) FROM conversations, json_each(conversations.body, '$.qc_flags') AS f "
        "GROUP BY f.value")))
    return states, flags


class _ProvenanceParts:
    """What every conversation of a run records about its prompt template and knowledge entry, worked
    out once per run (template files are hashed, knowledge entries serialised) instead of per answer."""

    def __init__(self, gen) -> None:
        self.template = template_hash(gen.prompt_version)
        self._knowledge: dict[str, tuple[str, str]] = {}

    def knowledge(self, target: str) -> tuple[str, str]:
        """(hash, status) of the target's knowledge entry."""
        if target not in self._knowledge:
            self._knowledge[target] = (knowledge_hash(lookup(target)), usable_entry(target, allow_draft=True)[2])
        return self._knowledge[target]


def _conversation(job: Job, gen, backend, result, attempt: int) -> tuple[Conversation, str]:
    """The conversation of one draft, checked here, and its state (the batch path's one-at-a-time use)."""
    conv = _unchecked(job, gen, backend, result, attempt, _ProvenanceParts(gen))
    if isinstance(result, MedsegQAError):
        return conv, "failed"
    conv.qc_flags = check_conversation(conv, job.record, lookup(job.record.target))
    return conv, ("flagged" if conv.qc_flags else "passed")


def _unchecked(job: Job, gen, backend, result, attempt: int, parts: _ProvenanceParts) -> Conversation:
    """The conversation of one draft, not yet checked (a backend failure: the failed conversation)."""
    khash, kstatus = parts.knowledge(job.record.target)
    prov = dict(backend=backend.name, model=backend.model, prompt_version=gen.prompt_version,
                seed=attempt_seed(job, gen, attempt), knowledge_hash=khash, template_hash=parts.template,
                params={k: v for k, v in job.params.items() if k != "k"}, knowledge_status=kstatus)
    if isinstance(result, MedsegQAError):
        log.warning("generation failed for %s: %s", job.record.record_id, result)
        return Conversation(conversation_id=job.conversation_id, record_id=job.record.record_id,
                            question_style=job.style,  # a failed answer was still paid for
                            provenance=GenerationProvenance(**prov, **{k: getattr(result, k) for k in (
                                "prompt_tokens", "completion_tokens", "cost_usd") if hasattr(result, k)}),
                            turns=[Turn(role="user", content="(generation failed)"),
                                   Turn(role="assistant", content=str(result))],
                            qc_flags=["generation_failed"], raw_text=getattr(result, "raw_text", None))
    return Conversation(conversation_id=job.conversation_id, record_id=job.record.record_id,
                        question_style=job.style, turns=result.turns, raw_text=result.raw_text,
                        claims=getattr(result, "claims", None),
                        provenance=GenerationProvenance(**prov, prompt_tokens=result.prompt_tokens,
                                                        completion_tokens=result.completion_tokens,
                                                        cost_usd=result.cost_usd))


def _judge(judge, conv: Conversation, record: SourceRecord, summary: GenerateSummary) -> str:
    """Run the optional LLM judge on a conversation QC passed; its tokens and cost go into provenance."""
    verdict = judge.check(conv, record)
    prov = conv.provenance
    prov.judge_prompt_tokens += verdict.prompt_tokens
    prov.judge_completion_tokens += verdict.completion_tokens
    prov.judge_cost_usd += verdict.cost_usd
    if verdict.error:
        summary.judge_errors += 1
        log.warning("QC judge gave no verdict for %s: %s", conv.conversation_id, verdict.error)
        return "passed"
    summary.judged += 1
    if verdict.flags:
        conv.qc_flags = sorted(set(conv.qc_flags) | set(verdict.flags))
        return "flagged"
    return "passed"


def _first_questions_by_group(ws: Workspace) -> dict[tuple[str, str], QuestionIndex]:
    records = {r.record_id: r for r in ws.records()}
    groups: dict[tuple[str, str], QuestionIndex] = {}
    for conv, _ in ws.conversations(("passed", "flagged")):
        rec = records[conv.record_id]
        groups.setdefault((rec.target, rec.patient_id), QuestionIndex()).add(conv.turns[0].content)
    return groups


def run_qc(ws: Workspace) -> dict:
    with ws.writer("qc"):
        return _run_qc(ws)


def _run_qc(ws: Workspace) -> dict:
    """Re-check every generated conversation (QC rules may change between runs) and flag near-duplicate
    first questions about the same target in the same patient (the same question on another patient's
    image is a legitimate new sample; on a neighbouring slice of the same patient it adds nothing).
    Returns counts of states and flags over the catalog."""
    records = {r.record_id: r for r in ws.records()}
    by_group: dict[tuple[str, str], list[Conversation]] = {}
    checked: list[tuple[Conversation, str]] = []
    for conv, state in ws.conversations(("passed", "flagged")):
        rec = records[conv.record_id]
        conv.qc_flags = check_conversation(conv, rec, lookup(rec.target))
        by_group.setdefault((rec.target, rec.patient_id), []).append(conv)
        checked.append((conv, state))
    for convs in by_group.values():
        for i in near_duplicates([c.turns[0].content for c in convs]):
            convs[i].qc_flags = sorted(set(convs[i].qc_flags) | {"near_duplicate"})
    states, flags = Counter(), Counter()
    with ws.transaction():
        for conv, _ in checked:
            state = "flagged" if conv.qc_flags else "passed"
            ws.put_conversation(conv, state)
            states[state] += 1
            flags.update(conv.qc_flags)
    for _, state in ws.conversations(("failed",)):
        states[state] += 1
    return {"states": states, "flags": flags}

