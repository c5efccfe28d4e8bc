"""The generate and qc stages: records -> conversations, checked against their masks.

Contract:
- one job per (record, k < conversations_per_record); its conversation id is derived from the record,
  prompt version, model, sampling params and question style, so a rerun skips every job already in the
  catalog (nothing regenerated, nothing paid twice) and each finished conversation is committed at once
  (a crash or Ctrl-C loses at most the jobs in flight);
- each draft goes through QC; a flagged draft is regenerated with the next seed up to `qc_retries`
  times, then kept as `flagged` with its flags for review; a backend failure for one item is stored as
  `failed` with the raw text and the run goes on;
- a conversation with a review is never touched (Workspace.put_conversation guarantees it).
Backends that can work on many requests at once expose `generate_many(requests)` yielding
`(index, draft | MedsegQAError)` in any order; others are called one request at a time.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from medseg_qa.errors import MedsegQAError
from medseg_qa.ids import conversation_id, stable_hash
from medseg_qa.knowledge import lookup
from medseg_qa.llm import ConversationRequest, build_backend
from medseg_qa.llm.judge import build_judge
from medseg_qa.qc import check_conversation, near_duplicates
from medseg_qa.schemas import Conversation, GenerationProvenance, SourceRecord, Turn
from medseg_qa.workspace import Workspace

from .progress import progress_bar

log = logging.getLogger(__name__)


@dataclass
class GenerateSummary:
    planned: int = 0
    skipped_existing: int = 0
    states: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    quarantined: Counter = field(default_factory=Counter)
    prompt_tokens: int = 0
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


def plan_jobs(ws: Workspace, gen) -> Iterator[Job]:
    """Every (record, k) job of the recipe's generation section, in a stable order."""
    params = {**gen.params, "user_turns": gen.user_turns, "seed": gen.seed}
    for record in ws.records():
        for k in range(gen.conversations_per_record):
            style = gen.styles[int(stable_hash([record.record_id, k, gen.seed]), 16) % len(gen.styles)]
            job_params = {**params, "k": k}
            cid = conversation_id(record.record_id, gen.prompt_version, gen.model, job_params, style)
            yield Job(cid, record, style, job_params)


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


def generate(ws: Workspace, recipe, *, backend=None, progress: bool = True) -> GenerateSummary:
    """Generate every missing conversation of the recipe, then run QC over the catalog."""
    gen = recipe.generation
    backend = backend or build_backend(gen, workspace=ws)
    judge = build_judge(getattr(recipe, "qc", None), ws)
    summary = GenerateSummary()
    jobs: list[Job] = []
    for job in plan_jobs(ws, gen):
        summary.planned += 1
        if ws.has_conversation(job.conversation_id):
            summary.skipped_existing += 1
        elif lookup(job.record.target) is None:
            summary.quarantined["no_knowledge"] += 1
            ws.quarantine("generate", job.record.record_id, "no_knowledge",
                          f"no knowledge-base entry for target '{job.record.target}'; add one to "
                          f"pipelines/knowledge/*.yaml [{job.record.dataset}:{job.record.origin}]")
        else:
            jobs.append(job)
    asked = _first_questions_by_group(ws)
    attempt, retries = 0, gen.qc_retries
    with progress_bar("generate", len(jobs), progress) as advance:
        while jobs:
            retry: list[Job] = []
            for i, result in _drafts(backend, [_request(j, gen, attempt) for j in jobs]):
                job = jobs[i]
                conv, state = _conversation(job, gen, backend, result, attempt)
                if judge is not None and state == "passed":
                    state = _judge(judge, conv, job.record, summary)
                group = asked.setdefault((job.record.target, job.record.patient_id), [])
                if state != "failed" and _repeats(group, conv.turns[0].content):
                    conv.qc_flags.append("near_duplicate")
                    state = "flagged"
                if state == "flagged" and attempt < retries:
                    retry.append(job)
                    continue
                ws.put_conversation(conv, state)
                group.append(conv.turns[0].content)
                summary.prompt_tokens += conv.provenance.prompt_tokens
                summary.completion_tokens += conv.provenance.completion_tokens
                summary.cost_usd += conv.provenance.cost_usd + conv.provenance.judge_cost_usd
                advance()
            jobs, attempt = retry, attempt + 1
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


def _conversation(job: Job, gen, backend, result, attempt: int) -> tuple[Conversation, str]:
    prov = dict(backend=backend.name, model=backend.model, prompt_version=gen.prompt_version,
                seed=attempt_seed(job, gen, attempt),
                params={k: v for k, v in job.params.items() if k != "k"})
    if isinstance(result, MedsegQAError):
        log.warning("generation failed for %s: %s", job.record.record_id, result)
        conv = Conversation(conversation_id=job.conversation_id, record_id=job.record.record_id,
                            question_style=job.style,  # a failed answer was still paid for
                            provenance=GenerationProvenance(**prov, **{k: getattr(result, k) for k in (
                                "prompt_tokens", "completion_tokens", "cost_usd") if hasattr(result, k)}),
                            turns=[Turn(role="user", content="(generation failed)"),
                                   Turn(role="assistant", content=str(result))],
                            qc_flags=["generation_failed"], raw_text=getattr(result, "raw_text", None))
        return conv, "failed"
    conv = Conversation(conversation_id=job.conversation_id, record_id=job.record.record_id,
                        question_style=job.style, turns=result.turns, raw_text=result.raw_text,
                        claims=getattr(result, "claims", None),
                        provenance=GenerationProvenance(**prov, prompt_tokens=result.prompt_tokens,
                                                        completion_tokens=result.completion_tokens,
                                                        cost_usd=result.cost_usd))
    conv.qc_flags = check_conversation(conv, job.record, lookup(job.record.target))
    return conv, ("flagged" if conv.qc_flags else "passed")


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


def _first_questions_by_group(ws: Workspace) -> dict[tuple[str, str], list[str]]:
    records = {r.record_id: r for r in ws.records()}
    groups: dict[tuple[str, str], list[str]] = {}
    for conv, _ in ws.conversations(("passed", "flagged")):
        rec = records[conv.record_id]
        groups.setdefault((rec.target, rec.patient_id), []).append(conv.turns[0].content)
    return groups


def _repeats(earlier: list[str], question: str) -> bool:
    return bool(earlier) and len(earlier) in near_duplicates(earlier + [question])


def run_qc(ws: Workspace) -> dict:
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

