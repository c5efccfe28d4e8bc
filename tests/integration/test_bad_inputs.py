"""The bad-input corpus (tests/bad_inputs.py) through the real CLI: every bad item of every source is
quarantined with its code and a one-line reason (what; how to fix [where]), the good items land, the
counts in `status` are right, a rerun changes nothing; recipes with wrong types, archives whose members
climb out, and a 10 MB LLM answer are refused or failed cleanly, never with a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medseg_qa.errors import DownloadError
from medseg_qa.workspace import Workspace
from tests.bad_inputs import archive_with_dotdot, build_corpus, write_bad_recipes
from tests.fault_server import MODEL, FaultServer, Faults

CLI = [sys.executable, "-m", "medseg_qa"]


def _app():
    from medseg_qa.cli import app

    return app


def _cli(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "250", **(env or {})})


def _last_cell(line: str) -> str:
    cells = [c.strip() for c in line.split("│") if c.strip()]
    return cells[-1] if cells else ""


def _match(expected_key: str, rows: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The quarantine row of an expected key: exact, or a Hugging Face row key with its case suffix
    ('train/1 (c1)'), or for DICOM (pseudonymous keys) the one row with that code."""
    if expected_key.startswith("code:"):
        hits = [v for v in rows.values() if v[0] == expected_key[5:]]
        assert len(hits) == 1, (expected_key, rows)
        return hits[0]
    hits = [v for k, v in rows.items() if k == expected_key or k.startswith(expected_key + " (")]
    assert len(hits) == 1, (expected_key, sorted(rows))
    return hits[0]


def test_the_corpus_through_ingest_generate_and_status(tmp_path):
    corpus = build_corpus(tmp_path / "corpus")
    ws_dir = tmp_path / "ws"
    run = _cli("ingest", str(corpus.recipe), "-w", str(ws_dir), "--no-progress")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr + run.stdout
    n_bad = len(corpus.expected)
    assert f"warning: {n_bad} item(s) quarantined" in run.stderr

    with Workspace(ws_dir) as ws:
        rows = {key: (code, msg) for stage, key, code, msg in ws.quarantined() if stage == "ingest"}
        assert len(rows) == n_bad, sorted(rows)
        for key, code in corpus.expected.items():
            got_code, msg = _match(key, rows)
            assert got_code == code, (key, got_code, msg)
            assert "\n" not in msg and len(msg) < 400, msg           # one line
            assert ";" in msg and msg.endswith("]"), msg            # what; how to fix [where]
            assert "Error(" not in msg and "Traceback" not in msg
        by_dataset = Counter(r.dataset for r in ws.records())
        assert by_dataset["bad-folder"] == corpus.good_items["bad-folder"]
        assert by_dataset["bad-hf"] == corpus.good_items["bad-hf"]
        assert by_dataset["bad-nifti"] >= 1 and by_dataset["bad-dicom"] >= 1 and by_dataset["phantom-abdomen-ct"] >= 1
        nifti_cases = {r.case_id for r in ws.records() if r.dataset == "bad-nifti"}
        assert nifti_cases == {"good"}                               # NaN/inf volumes never became records
        dicom_slices = {r.slice_index for r in ws.records() if r.dataset == "bad-dicom"}
        assert 2 not in dicom_slices                                 # the slice without pixel data
        assert not any(str(corpus.outside) in (r.origin or "") for r in ws.records())
        counts = ws.counts()
        records = counts["records"]
    kinds = set(corpus.expected.values())
    assert len(corpus.expected) >= 25 and len(kinds) >= 15

    status = _cli("status", "-w", str(ws_dir), "--limit", "100")
    assert status.returncode == 0, status.stderr
    for code, n in Counter(corpus.expected.values()).items():
        assert any(f"ingest:{code} " in line and _last_cell(line) == str(n)
                   for line in status.stdout.splitlines()), (code, n, status.stdout)
    assert sum(line.startswith("quarantined [ingest]") for line in status.stdout.splitlines()) == n_bad

    # a rerun adds nothing, loses nothing, and quarantines the same items again
    again = _cli("ingest", str(corpus.recipe), "-w", str(ws_dir), "--no-progress")
    assert again.returncode == 0 and f"warning: {n_bad} item(s) quarantined" in again.stderr
    with Workspace(ws_dir) as ws:
        assert ws.counts()["records"] == records and len(ws.quarantined()) == n_bad

    # generate runs on over the same sources: a conversation for every good record, none for bad items
    gen = _cli("generate", str(corpus.recipe), "-w", str(ws_dir), "--no-progress")
    assert gen.returncode == 0, gen.stderr[-3000:]
    assert "Traceback" not in gen.stderr
    with Workspace(ws_dir) as ws:
        convs = list(ws.conversations())
        assert {c.record_id for c, _ in convs} == {r.record_id for r in ws.records()}
        assert len(ws.quarantined()) == n_bad


def test_recipes_with_wrong_types_are_refused_in_one_line(tmp_path):
    for name, (path, word) in write_bad_recipes(tmp_path).items():
        result = CliRunner().invoke(_app(), ["ingest", str(path), "-w", str(tmp_path / f"ws-{name}"),
                                             "--no-progress"])
        assert result.exit_code == 2, (name, result.output, result.exception)
        err = result.output.strip()
        assert err.startswith("error:") and "\n" not in err, (name, err)
        assert word.lower() in err.lower(), (name, word, err)
        assert path.name in err, (name, err)              # where: the recipe file
        assert "Traceback" not in err


def test_archive_members_that_climb_out_refuse_the_archive(tmp_path):
    from medseg_qa.archive import extract_archive

    for archive in archive_with_dotdot(tmp_path):
        dest = tmp_path / "dest" / archive.name
        with pytest.raises(DownloadError, match="unsafe member") as info:
            extract_archive(archive, dest)
        assert "\n" not in str(info.value) and "refusing" in str(info.value)
    assert not list(tmp_path.rglob("escaped.txt"))


def test_a_10_mb_llm_answer_fails_its_conversation_only(tmp_path, monkeypatch):
    from medseg_qa.llm.openai_backend import MAX_ANSWER_CHARS, RAW_TEXT_KEEP

    monkeypatch.setenv("MEDSEGQA_BAD_INPUT_KEY", "sk-local")
    with FaultServer(Faults(script=["huge"])) as srv:
        recipe = tmp_path / "r.yaml"
        recipe.write_text("name: huge\nsources:\n  - type: phantom\n    options: {cases: 1, slices_per_case: 2, "
                          f"size: 128}}\ngeneration:\n  backend: openai\n  model: {MODEL}\n  base_url: "
                          f"{srv.base_url}\n  api_key_env: MEDSEGQA_BAD_INPUT_KEY\n  concurrency: 1\n")
        ws_dir = tmp_path / "ws"
        result = CliRunner().invoke(_app(), ["generate", str(recipe), "-w", str(ws_dir), "--no-progress"])
        assert result.exit_code == 0, result.output
        assert srv.stats.faults["huge"] == 1
        with Workspace(ws_dir) as ws:
            states = Counter(state for _, state in ws.conversations())
            failed = [c for c, s in ws.conversations() if s == "failed"]
            total = sum(states.values())
        assert len(failed) == 1 and states["passed"] + states["flagged"] == total - 1
        conv = failed[0]
        message = conv.turns[1].content
        assert "characters, over the" in message and "max_tokens" in message and "\n" not in message
        assert len(conv.raw_text) < RAW_TEXT_KEEP + 100 < MAX_ANSWER_CHARS
        assert srv.stats.repairs == 0                       # the 10 MB were never sent back in a repair
        assert srv.total_chat_requests() == total           # one request per conversation, nothing re-sent
        log = (ws_dir / "medsegqa.log").read_text()
        assert len(log) < 1_000_000                         # the answer is not logged
        status = CliRunner().invoke(_app(), ["status", "-w", str(ws_dir)])
        assert any("failed" in line and _last_cell(line) == "1" for line in status.output.splitlines())
