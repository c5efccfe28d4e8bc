"""Generation over the demo recipe against the real llama.cpp server (SmolLM2-135M), through the CLI.

The model is tiny, so conversations may be flagged by QC or fail validation; what must hold is the
plumbing: every planned conversation lands exactly once with real provenance and token counts, and a
rerun sends nothing.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _generate(tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MEDSEGQA_NO_PROGRESS": "1", "COLUMNS": "200"}
    env.pop("OPENAI_API_KEY", None)
    return subprocess.run([sys.executable, "-m", "medseg_qa", "generate", "r.yaml", "--workspace", "ws"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.server
@pytest.mark.slow
def test_demo_recipe_against_real_llama_server(tmp_path, llm_server):
    recipe = yaml.safe_load((ROOT / "pipelines" / "demo.yaml").read_text())
    recipe["sources"][0]["options"].update(cases=1, slices_per_case=1)
    recipe["generation"].update(backend="openai", base_url=llm_server.base_url, model=llm_server.alias,
                                structured="auto", concurrency=2, qc_retries=0, user_turns=2,
                                params={"max_tokens": 700, "temperature": 0.3})
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(recipe))
    first = _generate(tmp_path)
    assert first.returncode == 0, first.stderr
    con = sqlite3.connect(tmp_path / "ws" / "catalog.sqlite")
    records = con.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    rows = con.execute("SELECT conversation_id, state, json_extract(body, '$.provenance.model'), "
                       "json_extract(body, '$.provenance.backend'), "
                       "json_extract(body, '$.provenance.completion_tokens') FROM conversations").fetchall()
    cached = con.execute("SELECT COUNT(*) FROM llm_cache").fetchone()[0]
    con.close()
    assert records >= 5 and len(rows) == records == len({r[0] for r in rows})
    assert {r[1] for r in rows} <= {"passed", "flagged", "failed"}
    assert all(r[2] == llm_server.alias and r[3] == "openai" for r in rows)
    answered = [r for r in rows if r[1] != "failed"]
    assert answered and all(r[4] > 0 for r in answered), rows  # real JSON answers with real token counts
    assert cached >= records
    again = _generate(tmp_path)
    assert again.returncode == 0, again.stderr
    con = sqlite3.connect(tmp_path / "ws" / "catalog.sqlite")
    assert con.execute("SELECT COUNT(*) FROM conversations").fetchone()[0] == records
    assert con.execute("SELECT COUNT(*) FROM llm_cache").fetchone()[0] == cached  # nothing new was sent
    con.close()
