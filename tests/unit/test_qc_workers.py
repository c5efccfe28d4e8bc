"""QC in worker processes gives exactly the flags of QC in-process, survives a dead worker, leaves no orphan,
and the growing near-duplicate index answers as `near_duplicates` over the whole list."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from bench.bench_qc import load, to_models
from medseg_qa.knowledge import lookup
from medseg_qa.qc import check_conversation, near_duplicates
from medseg_qa.qc.dupes import QuestionIndex
from medseg_qa.pipelines.qc_workers import QCWorkers

ROWS = load("dev")[:240]  # planted defects of every kind and clean conversations


def _reference() -> dict[str, list[str]]:
    out = {}
    for row in ROWS:
        conv, record = to_models(row)
        out[conv.conversation_id] = check_conversation(conv, record, lookup(record.target))
    return out


def _run(qc: QCWorkers, kill_at: int | None = None) -> dict[str, list[str]]:
    got: dict[str, list[str]] = {}
    for i, row in enumerate(ROWS):
        conv, record = to_models(row)
        qc.submit(conv.conversation_id, conv, record)
        if i == kill_at:
            os.kill(qc._workers[0].process.pid, signal.SIGKILL)
        got.update(qc.done())
    got.update(qc.wait())
    return got


def test_workers_give_the_in_process_flags_in_any_completion_order():
    ref = _reference()
    assert sum(bool(f) for f in ref.values()) >= 50 and sum(not f for f in ref.values()) >= 50
    with QCWorkers(workers=2) as qc:
        assert len(qc._workers) == 2
        assert _run(qc) == ref
    with QCWorkers(workers=0) as inline:
        assert _run(inline) == ref


def test_a_killed_worker_loses_no_check(caplog):
    ref = _reference()
    with QCWorkers(workers=2) as qc:
        assert _run(qc, kill_at=30) == ref
        assert len(qc._workers) == 1
    assert "a QC worker stopped" in caplog.text


_ORPHAN = """
import os, sys, time
from bench.bench_qc import load, to_models
from medseg_qa.pipelines.qc_workers import QCWorkers
qc = QCWorkers(workers=1)
conv, record = to_models(load("dev")[0])
qc.submit(0, conv, record)
print(qc._workers[0].process.pid, flush=True)
time.sleep(60)
"""


def test_a_sigkilled_parent_leaves_no_worker_behind():
    proc = subprocess.Popen([sys.executable, "-c", _ORPHAN], stdout=subprocess.PIPE, text=True,
                            cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    worker = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.1)
    assert not _alive(worker)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_question_index_matches_near_duplicates_on_the_corpus():
    from bench.bench_qc import CORPUS

    with open(CORPUS / "near_duplicates.jsonl") as fh:
        groups = [json.loads(line)["questions"] for line in fh]
    questions = [q for g in groups for q in g]
    assert len(questions) >= 50
    index, seen, repeats = QuestionIndex(), [], 0
    for q in questions:
        said = index.repeats(q)
        assert said == (len(seen) in near_duplicates(seen + [q])), q
        repeats += said
        index.add(q)
        seen.append(q)
    assert len(index) == len(questions) and 0 < repeats < len(questions)


def test_a_bad_worker_count_is_a_one_line_config_error(monkeypatch):
    import pytest

    from medseg_qa.errors import ConfigError
    from medseg_qa.pipelines.qc_workers import worker_count

    monkeypatch.setenv("MEDSEGQA_QC_WORKERS", "two")
    with pytest.raises(ConfigError, match=r"MEDSEGQA_QC_WORKERS='two' is not a count; set it to 0"):
        worker_count()
    monkeypatch.setenv("MEDSEGQA_QC_WORKERS", "0")
    assert worker_count() == 0
