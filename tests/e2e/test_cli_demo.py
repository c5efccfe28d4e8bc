"""The CLI as a user runs it: generate, status, export, rerun; and the demo's "done when" properties."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from medseg_qa.knowledge import lookup, mentions

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "MEDSEGQA_NO_PROGRESS": "1", "COLUMNS": "200"}
    env.pop("MEDSEGQA_WORKSPACE", None)
    proc = subprocess.run([sys.executable, "-m", "medseg_qa", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"medsegqa {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def _names_target(text: str, target: str) -> bool:
    entry = lookup(target)
    return bool(mentions(text, entry.terms() if entry else (target,)))


def check_dataset(path: Path, min_rows: int, min_targets: int) -> dict:
    """The demo's "done when": rows, targets, mask sizes, leak-free splits, implicit first turns, one [SEG]."""
    from datasets import load_from_disk

    dd = load_from_disk(str(path))
    rows = sum(dd[s].num_rows for s in dd)
    targets = {t for s in dd for t in dd[s]["target"]}
    assert rows >= min_rows and len(targets) >= min_targets, (rows, targets)
    patients = {s: set(dd[s]["patient_id"]) for s in dd}
    splits = list(patients)
    for i, a in enumerate(splits):
        for b in splits[i + 1:]:
            assert not patients[a] & patients[b], f"patients in both {a} and {b}"
    ids = []
    for s in dd:
        for row in dd[s]:
            assert row["image"].size == row["mask"].size
            conv = row["conversation"]
            assert conv[0]["role"] == "user" and not _names_target(conv[0]["content"], row["target"])
            assert conv[1]["role"] == "assistant" and conv[1]["content"].count("[SEG]") == 1
            assert sum(1 for t in conv if t["role"] == "user") >= 2
            ids.append(row["id"])
    assert len(ids) == len(set(ids))
    return {"rows": rows, "targets": targets, "ids": sorted(ids)}


def test_cli_flow_small_recipe(tmp_path):
    recipe = yaml.safe_load((ROOT / "pipelines" / "demo.yaml").read_text())
    recipe["sources"][0]["options"].update(cases=6, slices_per_case=2)
    (tmp_path / "small.yaml").write_text(yaml.safe_dump(recipe))
    out = cli("generate", "small.yaml", cwd=tmp_path).stdout
    assert "generate + qc" in out and "ingest" in out
    first = cli("export", "--recipe", "small.yaml", "--version", "0.1.0", cwd=tmp_path).stdout
    export_dir = tmp_path / "exports" / "medseg-qa-demo" / "0.1.0"
    assert (export_dir / "README.md").exists() and "synthetic" in (export_dir / "README.md").read_text().lower()
    stats = check_dataset(export_dir, min_rows=30, min_targets=6)
    assert str(stats["rows"]) in first
    # a rerun adds nothing and the same export is a no-op that says so
    again = cli("generate", "small.yaml", cwd=tmp_path).stdout
    assert re.search(r"│\s*\d+\s*│\s*0\s*│", again), again  # "records added" is 0
    noop = cli("export", "--recipe", "small.yaml", "--version", "0.1.0", cwd=tmp_path)
    assert "nothing to do" in noop.stdout
    assert check_dataset(export_dir, 30, 6)["ids"] == stats["ids"]
    # a different state under the same version is refused; status shows the counts
    recipe["sources"][0]["options"]["cases"] = 7
    (tmp_path / "small.yaml").write_text(yaml.safe_dump(recipe))
    cli("generate", "small.yaml", cwd=tmp_path)
    refused = cli("export", "--recipe", "small.yaml", "--version", "0.1.0", cwd=tmp_path, check=False)
    assert refused.returncode == 2 and "different state" in refused.stderr
    status = cli("status", cwd=tmp_path).stdout
    assert "records" in status and "passed" in status and "0.1.0" in status


def test_bad_recipe_fails_before_work(tmp_path):
    (tmp_path / "bad.yaml").write_text("name: x\nsources:\n  - type: phantom\n    options: {casez: 3}\n")
    proc = cli("generate", "bad.yaml", cwd=tmp_path, check=False)
    assert proc.returncode == 2 and "casez" in proc.stderr
    assert not (tmp_path / "medsegqa-data").exists()


def test_bad_input_is_quarantined_and_run_exits_zero(tmp_path):
    import numpy as np
    from PIL import Image

    root = tmp_path / "imgs"
    root.mkdir()
    Image.fromarray(np.full((32, 32), 80, np.uint8)).save(root / "ok.png")
    m = np.zeros((32, 32), np.uint8)
    m[4:20, 4:12] = 255
    Image.fromarray(m).save(root / "ok_mask.png")
    Image.fromarray(np.full((32, 32), 80, np.uint8)).save(root / "bad.png")
    Image.fromarray(np.zeros((16, 16), np.uint8)).save(root / "bad_mask.png")
    recipe = {"name": "t", "sources": [{"type": "folder", "options": {"root": str(root), "label": "liver",
                                                                      "orientation": "LP"}}]}
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(recipe))
    proc = cli("generate", "r.yaml", cwd=tmp_path)
    assert "1 item(s) quarantined" in proc.stderr
    status = cli("status", cwd=tmp_path).stdout
    assert "size_mismatch" in status and "bad.png" in status


@pytest.mark.slow
def test_demo_recipe_meets_done_when(tmp_path):
    """`make demo`'s job: >= 300 rows over >= 6 targets, and a rerun gives the same ids and no new rows."""
    cli("generate", str(ROOT / "pipelines" / "demo.yaml"), cwd=tmp_path)
    cli("export", "--recipe", str(ROOT / "pipelines" / "demo.yaml"), "--version", "0.1.0", cwd=tmp_path)
    path = tmp_path / "exports" / "medseg-qa-demo" / "0.1.0"
    first = check_dataset(path, min_rows=300, min_targets=6)
    cli("generate", str(ROOT / "pipelines" / "demo.yaml"), cwd=tmp_path)
    cli("export", "--recipe", str(ROOT / "pipelines" / "demo.yaml"), "--version", "0.1.0", cwd=tmp_path)
    assert check_dataset(path, 300, 6)["ids"] == first["ids"]
