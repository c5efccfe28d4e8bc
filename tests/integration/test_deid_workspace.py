"""De-identification end to end: a DICOM case with planted identifiers goes through the real CLI ingest;
no planted identifier may appear anywhere in the workspace (catalog incl. WAL, blobs, log)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dicom_factory import make_case, planted_identifiers  # noqa: E402


def test_no_planted_identifier_reaches_the_workspace(tmp_path):
    case = make_case(tmp_path / "dicom", seed=3, n_slices=4)
    recipe = {"name": "deid", "sources": [{"type": "dicom", "options": {
        "root": str(tmp_path / "dicom"), "dataset": "deid-test", "window": "abdomen"}}]}
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(recipe))
    ws = tmp_path / "ws"
    env = {**os.environ, "MEDSEGQA_NO_PROGRESS": "1", "MEDSEGQA_DEID_SALT": "test-salt"}
    proc = subprocess.run([sys.executable, "-m", "medseg_qa", "generate", "r.yaml", "--workspace", str(ws)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    con = sqlite3.connect(ws / "catalog.sqlite")
    n_records = con.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    n_audit = con.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    dump = "\n".join(con.iterdump())
    con.close()
    assert n_records >= 3 and n_audit >= 5  # slices + the SEG were read, de-identified and audited
    planted = planted_identifiers(case)
    assert len(planted) >= 8
    haystacks = {"catalog dump": dump, "cli output": proc.stdout + proc.stderr}
    for path in ws.rglob("*"):
        if path.is_file():
            haystacks[str(path.relative_to(ws))] = path.read_bytes().decode("latin-1")
    assert (ws / "medsegqa.log").exists()
    for name, text in haystacks.items():
        for ident in planted:
            assert ident not in text, f"planted identifier {ident!r} found in {name}"
