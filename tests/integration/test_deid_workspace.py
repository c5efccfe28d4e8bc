"""De-identification end to end: DICOM cases with identifiers planted in headers, SEG free text and pixels
go through the real CLI (generate, status, export); no planted identifier may appear anywhere in the
workspace (catalog incl. WAL, blobs, log), in the CLI output or in the export, and no stored image may
show text."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dicom_factory import PATIENT, make_case, planted_identifiers  # noqa: E402

OTHER = dict(PATIENT, name="Quintero^Marisol", id="MRN-5550123", birth_date="19620314",
             accession="ACC5550123Q", other_id="ALT-7788990", folder="Quintero_Marisol")
BURNED = ("DOE^JANE  MRN-8675309", "DOB 1970-02-14")


def _cli(*args, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "medseg_qa", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def _corpus(root: Path) -> tuple[list[str], dict]:
    """Four cases: names in SEG labels and code meanings (a SEG with no patient attribute), a name no
    header carries, and two ultrasound series with the name, MRN and birth date burned in."""
    a = make_case(root / "ct", seed=3, seg_patient=False, segments={
        "liver": {"label": "Doe"},                                      # coded concept: target from the code
        "spleen": {"label": "MRN-8675309", "region": "Jane Doe"},       # id as label, name as region meaning
        "aorta": {"label": "Jane", "code": ("X42", "99LOCAL"), "meaning": "Jane Doe"}})  # nothing usable
    b = make_case(root / "ct", seed=4, patient=OTHER, segments={
        "aorta": {"label": "Bartholomew", "code": ("X43", "99LOCAL"), "meaning": "Bartholomew"}})
    us = make_case(root / "us", seed=5, rows=192, cols=256, modality="US", burned_text=BURNED,
                   patient=dict(PATIENT, folder="us_plain"))
    us_no = make_case(root / "us", seed=6, rows=192, cols=256, modality="US", burned_text=BURNED,
                      burned_in_annotation="NO", patient=dict(PATIENT, folder="us_declared_no"))
    planted = sorted(set(planted_identifiers(a) + planted_identifiers(b) + planted_identifiers(us)
                         + planted_identifiers(us_no) + ["Bartholomew", "Quintero", "Marisol", "19620314",
                                                         "1970-02-14", "5550123"]))
    return planted, {"a": a, "b": b, "us": us}


@pytest.mark.slow
def test_no_planted_identifier_reaches_workspace_status_or_export(tmp_path):
    from medseg_qa.pixeltext import available

    if not available():
        pytest.fail("Tesseract OCR is missing: run `make apt-deps` (installs tesseract-ocr)")
    planted, _ = _corpus(tmp_path / "dicom")
    recipe = {"name": "deid", "sources": [
        {"type": "dicom", "options": {"root": str(tmp_path / "dicom" / "ct"), "dataset": "deid-ct",
                                      "window": "abdomen"}},
        {"type": "dicom", "options": {"root": str(tmp_path / "dicom" / "us"), "dataset": "deid-us"}}],
        "generation": {"backend": "template", "model": "template-v1", "prompt_version": "v1", "seed": 0,
                       "user_turns": 2},
        "export": {"name": "deid-export", "output": str(tmp_path / "exports"),
                   "splits": {"train": 0.5, "validation": 0.25, "test": 0.25}, "seed": 0}}
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(recipe))
    ws = tmp_path / "ws"
    env = {**os.environ, "MEDSEGQA_NO_PROGRESS": "1", "MEDSEGQA_DEID_SALT": "test-salt", "MEDSEGQA_WORKSPACE": str(ws)}
    outputs = [_cli("generate", "r.yaml", cwd=tmp_path, env=env), _cli("status", cwd=tmp_path, env=env),
               _cli("export", "--recipe", "r.yaml", "--version", "0.1.0", cwd=tmp_path, env=env)]
    con = sqlite3.connect(ws / "catalog.sqlite")
    targets = {t for (t,) in con.execute("SELECT DISTINCT target FROM records")}
    codes = dict(con.execute("SELECT code, COUNT(*) FROM quarantine GROUP BY code").fetchall())
    n_audit = con.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    dump = "\n".join(con.iterdump())
    con.close()
    # the coded concepts gave the targets; the free-text-only segments and every US image were refused
    assert targets == {"liver", "spleen"}
    assert codes.get("seg_label_refused") == 2
    assert codes.get("burned_in_risk") == 3 and codes.get("burned_in_text") == 3
    assert n_audit == 2 * 5 + 2 * 5  # every file of both sources audited under its own source
    # text is searched in any case as a whole word (a label leaks lower-cased); binary files byte for byte
    texts = {"catalog dump": dump, "export rows": _export_text(tmp_path / "exports")}
    texts.update({f"cli {i}": p.stdout + p.stderr for i, p in enumerate(outputs)})
    binaries = {}
    for base in (ws, tmp_path / "exports"):
        for path in base.rglob("*"):
            if path.is_file():
                raw = path.read_bytes().decode("latin-1")
                (texts if path.suffix in (".log", ".json", ".md", ".yaml", ".txt") else binaries)[str(path)] = raw
    assert (ws / "medsegqa.log").exists() and any(k.endswith("README.md") for k in texts)
    for name, text in texts.items():
        for ident in planted:
            assert not re.search(rf"(?<![a-z0-9]){re.escape(ident.lower())}(?![a-z0-9])", text.lower()), \
                f"planted identifier {ident!r} found in {name}"
    for name, text in binaries.items():
        for ident in planted:
            assert ident not in text, f"planted identifier {ident!r} found in {name}"
    _no_text_in_stored_images(ws)


def _export_text(root: Path) -> str:
    """Every non-image value of every exported split, as text."""
    from datasets import load_from_disk

    (path,) = [p.parent for p in root.rglob("dataset_dict.json")]
    dd = load_from_disk(str(path))
    out = []
    for split in dd.values():
        cols = [c for c in split.column_names if c not in ("image", "mask")]
        out += [str(row) for row in split.select_columns(cols)]
    assert out
    return "\n".join(out)


def _no_text_in_stored_images(ws: Path) -> None:
    """OCR every stored image blob: burned-in text would be pixels, invisible to a byte grep."""
    from PIL import Image

    from medseg_qa.pixeltext import screen

    images = [p for p in (ws / "blobs").rglob("*.png") if len(np.unique(np.asarray(Image.open(p)))) > 2]
    assert images
    assert [p.name for p in images if screen(np.asarray(Image.open(p))).suspect] == []
