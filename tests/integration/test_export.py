"""The export stage against real `datasets`: round trip, card, versioning, reviews, atomicity."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from medseg_qa import ids
from medseg_qa.card import FIELD_DOCS, SYNTHETIC_NOTE
from medseg_qa.config import ExportConfig, SplitFractions
from medseg_qa.errors import ExportError
from medseg_qa.pipelines.dataset_writer import export_features
from medseg_qa.pipelines.export import export_dataset
from medseg_qa.facts import compute_facts
from medseg_qa.imageio import from_png_bytes, to_png_bytes
from medseg_qa.schemas import Conversation, GenerationProvenance, Review, SourceRecord, Turn, TurnVerdict
from medseg_qa.workspace import Workspace

H, W = 40, 56  # not square, so a transposed mask would show
TARGETS = ("liver", "spleen")


def _record(ws: Workspace, patient: int, target: str, synthetic: bool) -> SourceRecord:
    rng = np.random.default_rng(patient * 10 + TARGETS.index(target))
    image = rng.integers(0, 255, (H, W), dtype=np.uint8)
    mask = np.zeros((H, W), np.uint8)
    x0 = 4 if target == "liver" else 30
    mask[8 + patient:24 + patient, x0:x0 + 14] = 255
    rec = SourceRecord(
        record_id=ids.record_id(image, mask, target), source="phantom" if synthetic else "folder",
        dataset="phantom-ct" if synthetic else "real-ct", image_blob=ws.put_blob(to_png_bytes(image)),
        mask_blob=ws.put_blob(to_png_bytes(mask)), width=W, height=H, target=target, synonyms=[f"{target} organ"],
        modality="CT", body_region="abdomen", case_id=f"case{patient}", patient_id=f"patient{patient}",
        orientation="LP", licence="CC-BY-4.0", citation="Doe et al. 2024", synthetic=synthetic,
        facts=compute_facts(mask, "LP"))
    assert ws.add_record(rec)
    return rec


def _conversation(rec: SourceRecord, style: str = "function") -> Conversation:
    prov = GenerationProvenance(backend="template", model="template-v1", prompt_version="v1", seed=0,
                                prompt_tokens=10, completion_tokens=20)
    return Conversation(
        conversation_id=ids.conversation_id(rec.record_id, "v1", "template-v1", {}, style),
        record_id=rec.record_id, question_style=style, provenance=prov,
        turns=[Turn(role="user", content="Which organ here stores glycogen?"),
               Turn(role="assistant", content=f"It is the {rec.target}. [SEG]"),
               Turn(role="user", content="Which side is it on?"),
               Turn(role="assistant", content="On the patient's right.")])


@pytest.fixture()
def ws(tmp_path):
    """Six patients (three synthetic), two targets each: twelve passed conversations, one flagged."""
    with Workspace(tmp_path / "ws") as w:
        for patient in range(6):
            for target in TARGETS:
                rec = _record(w, patient, target, synthetic=patient < 3)
                w.put_conversation(_conversation(rec), "passed")
        w.put_conversation(_conversation(rec, "differential"), "flagged")
        yield w


@pytest.fixture()
def config(tmp_path):
    return ExportConfig(name="test-set", output=str(tmp_path / "exports"))


def _load(path: str):
    from datasets import load_from_disk

    return load_from_disk(path)


def _add_review(ws: Workspace, review: Review) -> None:
    ws.db.execute("INSERT INTO reviews VALUES (?,?,?)",
                  (review.conversation_id, review.model_dump_json(), time.time()))


def test_export_round_trips_with_declared_schema(ws, config, tmp_path):
    result = export_dataset(ws, config, "0.1.0", recipe_name="unit")
    assert result.created and Path(result.path) == tmp_path / "exports" / "test-set" / "0.1.0"
    dd = _load(result.path)
    assert list(dd) == ["train", "validation", "test"]
    assert {s: dd[s].num_rows for s in dd} == result.rows and sum(result.rows.values()) == 12
    assert all(n > 0 for n in result.rows.values())  # 6 patients still give every split one
    features = export_features()
    assert set(features) == set(FIELD_DOCS)  # the card documents every column
    patients = {}
    for split in dd:
        assert dd[split].features == features
        for row in dd[split]:
            assert row["image"].size == row["mask"].size == (W, H)
            assert set(np.unique(np.asarray(row["mask"]))) <= {0, 255}
            assert row["conversation"][1]["content"].count("[SEG]") == 1
            assert row["review_status"] == "unreviewed" and row["licence"] == "CC-BY-4.0"
            assert row["facts"]["bbox"] == list(ws.record(row["record_id"]).facts.bbox)
            assert row["provenance"]["completion_tokens"] == 20
            assert row["synthetic"] == (row["dataset"] == "phantom-ct")
            patients.setdefault(row["patient_id"], set()).add(split)
    assert len(patients) == 6 and all(len(s) == 1 for s in patients.values()), patients

    manifest = json.loads((Path(result.path) / "manifest.json").read_text())
    assert manifest["version"] == "0.1.0" and manifest["state_hash"] == result.state_hash
    assert manifest["rows"] == result.rows and manifest["recipe"] == "unit"
    card = (Path(result.path) / "README.md").read_text()
    assert card.startswith("---\nlicense: cc-by-4.0\n")
    assert "synthetic" in card.split("---")[1] and SYNTHETIC_NOTE in card
    assert "6 of 12 rows" in card and f"| train | {result.rows['train']} |" in card
    assert "| liver |" in card and "load_from_disk" in card and "0.1.0" in card
    from PIL import Image

    with Image.open(Path(result.path) / "preview.png") as preview:
        assert preview.mode == "RGB" and preview.width >= 4 * 100
        pixels = np.asarray(preview)
    assert (pixels[..., 0].astype(int) - pixels[..., 2] > 60).any()  # a red-tinted mask overlay is there
    assert not [p for p in Path(result.path).parent.iterdir() if p.name.startswith(".")]  # no temp left


def test_same_state_is_a_noop_and_a_changed_state_needs_a_new_version(ws, config):
    first = export_dataset(ws, config, "0.1.0", recipe_name="unit")
    folder = Path(first.path)
    stamps = {p: p.stat().st_mtime_ns for p in [folder, *folder.rglob("*")]}
    again = export_dataset(ws, config, "0.1.0", recipe_name="unit")
    assert not again.created and again.state_hash == first.state_hash and again.path == first.path
    assert again.message == f"version 0.1.0 already exported with this exact state at {folder}; nothing to do"
    assert {p: p.stat().st_mtime_ns for p in [folder, *folder.rglob("*")]} == stamps
    shutil.rmtree(folder)  # the catalog knows the version but its folder is gone: the same state is rebuilt
    rebuilt = export_dataset(ws, config, "0.1.0", recipe_name="unit")
    assert rebuilt.created and rebuilt.path == first.path and _load(rebuilt.path)["train"].num_rows == \
        first.rows["train"]
    stamps = {p: p.stat().st_mtime_ns for p in [folder, *folder.rglob("*")]}

    rec = _record(ws, 7, "liver", synthetic=False)
    ws.put_conversation(_conversation(rec), "passed")
    with pytest.raises(ExportError, match=r"0\.1\.0 already holds a different state .*e\.g\. 0\.1\.1"):
        export_dataset(ws, config, "0.1.0", recipe_name="unit")
    assert {p: p.stat().st_mtime_ns for p in [folder, *folder.rglob("*")]} == stamps
    newer = export_dataset(ws, config, "0.1.1", recipe_name="unit")
    assert newer.created and newer.state_hash != first.state_hash and sum(newer.rows.values()) == 13
    # existing patients kept their splits in the new version
    old, new = _load(first.path), _load(newer.path)
    assert {p: s for s in old for p in old[s]["patient_id"]}.items() <= \
        {p: s for s in new for p in new[s]["patient_id"]}.items()
    card = (Path(newer.path) / "README.md").read_text()
    assert "7 of 13" not in card and "6 of 13 rows" in card  # the new patient is real data


def test_refuses_bad_versions_and_foreign_folders(ws, config, tmp_path):
    for bad in ("1.0", "v1.0.0", "01.0.0", "1.0.0-rc1", ""):
        with pytest.raises(ExportError, match="semantic version"):
            export_dataset(ws, config, bad, recipe_name="unit")
    foreign = tmp_path / "exports" / "test-set" / "2.0.0"
    foreign.mkdir(parents=True)
    (foreign / "keep.txt").write_text("mine")
    with pytest.raises(ExportError, match="already exists but no version 2.0.0 is in the catalog"):
        export_dataset(ws, config, "2.0.0", recipe_name="unit")
    assert [p.name for p in foreign.iterdir()] == ["keep.txt"] and ws.export_entry("2.0.0") is None
    with pytest.raises(ExportError, match="nothing to export"):
        export_dataset(ws, config.model_copy(update={"include_states": []}), "2.0.1", recipe_name="unit")
    assert not (tmp_path / "exports" / "test-set" / "2.0.1").exists() and ws.export_entry("2.0.1") is None


def test_flagged_rows_only_when_asked_and_out_dir_overrides(ws, config, tmp_path):
    cfg = config.model_copy(update={"include_states": ["passed", "flagged"]})
    result = export_dataset(ws, cfg, "1.0.0", recipe_name="unit", out_dir=tmp_path / "elsewhere")
    assert Path(result.path) == tmp_path / "elsewhere" / "test-set" / "1.0.0"
    dd = _load(result.path)
    rows = [r for s in dd for r in dd[s]]
    assert len(rows) == 13 and sum(r["question_style"] == "differential" for r in rows) == 1
    assert not (tmp_path / "exports").exists()


def test_reviews_reject_rows_and_their_edits_win(ws, config):
    convs = [c for c, _ in ws.conversations(("passed",))]
    now = "2026-01-01T00:00:00Z"
    rejected, edited = convs[0], convs[1]
    record = ws.record(edited.record_id)
    new_mask = np.zeros((H, W), np.uint8)
    new_mask[2:6, 40:50] = 255
    _add_review(ws, Review(conversation_id=rejected.conversation_id, record_id=rejected.record_id,
                           reviewer="dr-a", decision="reject", submitted_at=now))
    _add_review(ws, Review(conversation_id=edited.conversation_id, record_id=edited.record_id, reviewer="dr-a",
                           decision="accept", submitted_at=now, edited_mask_blob=ws.put_blob(to_png_bytes(new_mask)),
                           turn_verdicts=[TurnVerdict(turn_index=3, verdict="edit", correction="On the left.")]))
    result = export_dataset(ws, config.model_copy(update={"include": "all"}), "0.2.0", recipe_name="unit")
    assert sum(result.rows.values()) == 11 and result.excluded == {"rejected_in_review": 1}
    dd = _load(result.path)
    rows = {r["id"]: r for s in dd for r in dd[s]}
    assert rejected.conversation_id not in rows
    row = rows[edited.conversation_id]
    assert row["review_status"] == "accepted" and row["conversation"][3]["content"] == "On the left."
    assert (np.asarray(row["mask"]) == new_mask).all()
    assert row["facts"]["bbox"] == [40, 2, 49, 5] and row["facts"]["bbox"] != list(record.facts.bbox)
    assert "| accepted | 1 |" in (Path(result.path) / "README.md").read_text()

    # once reviews exist the default selection is what physicians accepted, and the card says so
    reviewed = export_dataset(ws, config, "0.3.0", recipe_name="unit")
    assert sum(reviewed.rows.values()) == 1
    assert reviewed.excluded == {"rejected_in_review": 1, "not_reviewed": 11}  # 10 passed + 1 flagged unreviewed
    only = _load(reviewed.path)
    assert [r["id"] for s in only for r in only[s]] == [edited.conversation_id]
    card = (Path(reviewed.path) / "README.md").read_text()
    assert "Selection **reviewed**" in card and "not reviewed 11" in card
    manifest = json.loads((Path(reviewed.path) / "manifest.json").read_text())
    assert manifest["selection"]["mode"] == "reviewed"


def test_a_zero_fraction_split_is_kept_empty_with_its_schema(ws, config):
    cfg = config.model_copy(update={"splits": SplitFractions(train=0.7, validation=0.0, test=0.3)})
    result = export_dataset(ws, cfg, "0.3.0", recipe_name="unit")
    dd = _load(result.path)
    assert dd["validation"].num_rows == 0 and dd["validation"].features == export_features()
    assert dd["train"].num_rows > 0 and dd["test"].num_rows > 0


def test_a_failed_build_leaves_no_folder_and_no_catalog_entry(ws, config, monkeypatch, tmp_path):
    import medseg_qa.pipelines.release_assets as assets_mod

    def broken_preview(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(assets_mod, "render_preview", broken_preview)
    with pytest.raises(RuntimeError, match="disk full"):
        export_dataset(ws, config, "0.1.0", recipe_name="unit")
    parent = tmp_path / "exports" / "test-set"
    assert list(parent.iterdir()) == [] and ws.export_entry("0.1.0") is None
    monkeypatch.undo()
    assert export_dataset(ws, config, "0.1.0", recipe_name="unit").created


def test_preview_images_decode_to_the_workspace_pixels(ws, config):
    """The exported image column carries the stored PNG's pixels unchanged."""
    result = export_dataset(ws, config, "0.4.0", recipe_name="unit")
    dd = _load(result.path)
    row = dd["train"][0]
    record = ws.record(row["record_id"])
    assert (np.asarray(row["image"]) == from_png_bytes(ws.get_blob(record.image_blob))).all()


def _splits_of(path: str) -> dict[str, str]:
    dd = _load(path)
    return {p: s for s in dd for p in dd[s]["patient_id"]}


def test_released_patients_keep_their_split_and_new_ones_fill_the_fractions(ws, config):
    first = export_dataset(ws, config, "0.1.0", recipe_name="unit")
    manifest = json.loads((Path(first.path) / "manifest.json").read_text())
    plan = manifest["split_plan"]
    assert plan["groups_per_split"] == {"train": 4, "validation": 1, "test": 1}  # 6 at 80/10/10, largest remainder
    assert {s["dataset"]: s["grouping"] for s in plan["sources"]} == {"phantom-ct": "patient", "real-ct": "patient"}
    assert sum(s["groups"] for s in plan["sources"]) == 6
    before = _splits_of(first.path)
    for patient in range(6, 10):
        for target in TARGETS:
            ws.put_conversation(_conversation(_record(ws, patient, target, synthetic=False)), "passed")
    second = export_dataset(ws, config, "0.1.1", recipe_name="unit")
    after = _splits_of(second.path)
    assert {p: after[p] for p in before} == before
    counts = json.loads((Path(second.path) / "manifest.json").read_text())["split_plan"]["groups_per_split"]
    assert counts == {"train": 8, "validation": 1, "test": 1}
    # a workspace exported before the split history existed: the newest export folder is the history
    ws.db.execute("DELETE FROM split_history")
    for target in TARGETS:
        ws.put_conversation(_conversation(_record(ws, 10, target, synthetic=False)), "passed")
    third = export_dataset(ws, config, "0.1.2", recipe_name="unit")
    again = _splits_of(third.path)
    assert {p: again[p] for p in after} == after
