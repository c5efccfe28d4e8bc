"""The demo release end to end with real `datasets`, matplotlib and Chromium: the card shows its plots, the
manifest verifies (and catches damage), a corrupt blob stops the export, `diff` between versions, the LISA
layout round-trips its polygons, the hub-layout mirror loads with `load_dataset`, and the HTML preview
renders in a real headless browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from medseg_qa.config import load_recipe
from medseg_qa.errors import ExportError, VerifyError
from medseg_qa.manifest import verify
from medseg_qa.workspace import Workspace

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo recipe's workspace and its export 0.1.0 with the LISA layout."""
    from medseg_qa.pipelines.export import export_dataset
    from medseg_qa.pipelines.generate import generate
    from medseg_qa.pipelines.ingest import ingest

    root = tmp_path_factory.mktemp("demo")
    rec = load_recipe("pipelines/demo.yaml")
    config = rec.export.model_copy(update={"output": str(root / "exports"), "formats": ["hf", "lisa"]})
    ws = Workspace(root / "ws")
    ingest(ws, rec, progress=False)
    generate(ws, rec, progress=False)
    result = export_dataset(ws, config, "0.1.0", recipe_name=rec.name, progress=False)
    yield ws, config, Path(result.path), result
    ws.close()


def test_demo_card_shows_its_plots_and_gallery_images_which_exist(demo):
    _ws, _config, path, _result = demo
    card = (path / "README.md").read_text()
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", card)
    plots = [i for i in images if i.startswith("card/") and "/gallery/" not in i]
    gallery = [i for i in images if "/gallery/" in i]
    assert {Path(p).name for p in plots} == {"targets.png", "mask_area.png", "turns.png", "question_styles.png",
                                             "qc_flags.png"}  # no reviews yet: no review plot
    assert len(gallery) == 6
    from PIL import Image

    for rel in images:
        with Image.open(path / rel) as im:  # exists and decodes
            assert im.format == "PNG" and im.width >= 200
    header = card.split("---")[1]
    import yaml

    meta = yaml.safe_load(header)
    assert meta["configs"][0]["data_files"] == [{"split": s, "path": f"data/{s}-*"}
                                                for s in ("train", "validation", "test")]
    assert meta["license"] == "cc0-1.0"  # the phantom is CC0
    assert "Publishing this release is **allowed**" in card
    assert "First release" in card and "Selection **all**" in card


def test_manifest_verifies_and_names_damage(demo, tmp_path):
    _ws, _config, path, _result = demo
    summary = verify(path)
    manifest = json.loads((path / "manifest.json").read_text())
    assert summary["content_fingerprint"] == manifest["content_fingerprint"]
    assert set(manifest["files"]) >= {"README.md", "index.json", "preview.png", "dataset_dict.json",
                                      "card/targets.png"}
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())

    copy = tmp_path / "copy"
    shutil.copytree(path, copy)
    (copy / "card" / "turns.png").write_bytes(b"not a png")
    (copy / "preview.png").unlink()
    with pytest.raises(VerifyError, match=r"missing: preview.png; changed: card/turns.png"):
        verify(copy)

    # rewrite an arrow shard's rows *and* the manifest's file hashes: the content fingerprint still catches it
    shutil.rmtree(copy)
    shutil.copytree(path, copy)
    from datasets import load_from_disk

    dd = load_from_disk(str(copy))
    changed = dd["test"].map(lambda r: {"target": r["target"] + "!"}, keep_in_memory=True)
    changed.save_to_disk(str(tmp_path / "changed"))
    shutil.rmtree(copy / "test")
    shutil.move(tmp_path / "changed", copy / "test")
    from medseg_qa.manifest import file_hashes

    manifest["files"] = file_hashes(copy)
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(VerifyError, match="content fingerprint"):
        verify(copy)


def test_verify_and_diff_commands(demo, tmp_path):
    from typer.testing import CliRunner

    from medseg_qa.cli import app

    _ws, _config, path, result = demo
    runner = CliRunner()
    out = runner.invoke(app, ["verify", str(path)])
    assert out.exit_code == 0 and "OK" in out.output and f"test {result.rows['test']}" in out.output
    copy = tmp_path / "copy"
    shutil.copytree(path, copy)
    (copy / "index.json").write_text("{}")
    out = runner.invoke(app, ["verify", str(copy)])
    assert out.exit_code == 2 and out.output.count("error:") == 1 and "changed: index.json" in out.output
    out = runner.invoke(app, ["diff", str(path), str(copy), "--workspace", str(tmp_path / "ws")])
    assert out.exit_code == 0 and f"conversations 0 added, {sum(result.rows.values())} removed" in out.output
    out = runner.invoke(app, ["diff", str(path), "9.9.9", "--workspace", str(tmp_path / "ws")])
    assert out.exit_code == 2 and "neither an export folder" in out.output


def test_a_corrupt_blob_stops_the_export_and_names_it(demo):
    ws, config, _path, _result = demo
    from medseg_qa.pipelines.export import export_dataset, plan_rows

    row = plan_rows(ws, config).by_split["test"][0]
    blob = ws.blob_path(row.mask_blob)
    original = blob.read_bytes()
    blob.chmod(0o644)
    blob.write_bytes(original[:-8] + b"corrupt!")
    try:
        with pytest.raises(ExportError, match=rf"blob {row.mask_blob} of record {row.meta['record_id']}.*fails its checksum"):
            export_dataset(ws, config.model_copy(update={"seed": 1}), "0.1.1", recipe_name="demo", progress=False)
        assert ws.export_entry("0.1.1") is None
        assert not (Path(config.output) / config.name / "0.1.1").exists()
        assert [p.name for p in (Path(config.output) / config.name).iterdir()] == ["0.1.0"]  # nothing left behind
        blob.unlink()
        with pytest.raises(ExportError, match=rf"blob {row.mask_blob} of record .* is missing from"):
            export_dataset(ws, config.model_copy(update={"seed": 1}), "0.1.1", recipe_name="demo", progress=False)
        assert [p.name for p in (Path(config.output) / config.name).iterdir()] == ["0.1.0"]
    finally:
        blob.write_bytes(original)


def test_diff_between_versions_counts_changes_and_reviews(demo, tmp_path):
    ws, config, path, _result = demo
    from medseg_qa.pipelines.diff import diff_exports
    from medseg_qa.pipelines.export import export_dataset
    from medseg_qa.schemas import Review, TurnVerdict

    convs = [c for c, _ in ws.conversations(("passed",))]
    gone = convs[0]
    edited = convs[1]
    cfg = config.model_copy(update={"include": "all", "output": str(tmp_path / "out"), "formats": ["hf"]})
    for review in (Review(conversation_id=gone.conversation_id, record_id=gone.record_id, reviewer="dr-a",
                          decision="reject", submitted_at="2026-01-01T00:00:00Z"),
                   Review(conversation_id=edited.conversation_id, record_id=edited.record_id, reviewer="dr-a",
                          decision="accept", submitted_at="2026-01-01T00:00:00Z",
                          turn_verdicts=[TurnVerdict(turn_index=1, verdict="edit", correction="Edited. [SEG]")])):
        ws.db.execute("INSERT INTO reviews VALUES (?,?,?)", (review.conversation_id, review.model_dump_json(), 0.0))
    try:
        with pytest.raises(ExportError, match=r"version 0.1.0 already holds a different state .*export settings "
                                              r"formats \['hf', 'lisa'\] -> \['hf'\].*1 removed, 1 changed"):
            export_dataset(ws, cfg, "0.1.0", recipe_name="demo", progress=False)
        new = export_dataset(ws, cfg, "0.2.0", recipe_name="demo", progress=False)
        pa, pb, d = diff_exports("0.1.0", "0.2.0", ws)
        assert (pa, pb) == (path, Path(new.path))
        assert d.removed == [gone.conversation_id] and d.changed == [edited.conversation_id] and not d.added
        assert d.reviews == [(edited.conversation_id, "unreviewed", "accepted")]
        target = ws.record(gone.record_id).target
        assert sum(c.get("removed", 0) for (t, _s), c in d.per_group.items() if t == target) == 1
        if not any(c.record_id == gone.record_id for c in convs[2:]):
            assert d.records_removed == [gone.record_id]
        card = (Path(new.path) / "README.md").read_text()
        assert "Since 0.1.0: conversations 0 added, 1 removed, 1 changed" in card
        assert f"| {edited.conversation_id} | unreviewed | accepted |" in card
        assert "reviews.png" in card and (Path(new.path) / "card" / "reviews.png").is_file()
    finally:
        ws.db.execute("DELETE FROM reviews")


def test_lisa_polygons_round_trip_to_the_masks(demo):
    _ws, _config, path, result = demo
    from datasets import load_from_disk

    from medseg_qa.lisa import polygons_to_mask

    dd = load_from_disk(str(path))
    root = path / "lisa" / "reason_seg" / "medseg-qa-demo"
    dice = []
    for split, folder in (("train", "train"), ("validation", "val"), ("test", "test")):
        files = sorted((root / folder).glob("*.json"))
        assert len(files) == dd[split].num_rows == result.rows[split]
        for row in dd[split]:
            sample = json.loads((root / folder / f"{row['id']}.json").read_text())
            assert (root / folder / f"{row['id']}.jpg").is_file()
            assert sample["text"] and sample["is_sentence"] is True and "[SEG]" in sample["answer"]
            assert all(s["shape_type"] == "polygon" for s in sample["shapes"])
            truth = np.asarray(row["mask"]) > 127
            back = polygons_to_mask(sample["shapes"], sample["height"], sample["width"]) > 127
            dice.append(2 * (truth & back).sum() / (truth.sum() + back.sum()))
    assert len(dice) == sum(result.rows.values()) and min(dice) >= 0.98, min(dice)


def test_hub_mirror_loads_with_load_dataset_with_the_export_splits_and_features(demo, tmp_path):
    _ws, _config, path, result = demo
    from datasets import load_dataset, load_from_disk

    from medseg_qa.hub import write_hub_mirror

    mirror = tmp_path / "mirror"
    written = write_hub_mirror(path, mirror)
    on_disk = sorted(p.relative_to(mirror).as_posix() for p in mirror.rglob("*") if p.is_file())
    assert written == on_disk  # the folder holds exactly what the push uploads
    assert {"README.md", "manifest.json", "index.json", "preview.png", "data/train-00000-of-00001.parquet",
            "data/test-00000-of-00001.parquet", "card/targets.png"} <= set(on_disk)
    assert not any(p.startswith(("lisa/", "train/")) for p in on_disk)
    # a fresh cache: the default one is keyed by the folder name and would serve an older mirror
    hub = load_dataset(str(mirror), cache_dir=str(tmp_path / "hf-cache"))
    local = load_from_disk(str(path))
    assert list(hub) == ["train", "validation", "test"]
    for split in hub:
        assert hub[split].features == local[split].features and hub[split].num_rows == result.rows[split]
    a, b = hub["validation"][0], local["validation"][0]
    assert a["id"] == b["id"] and a["conversation"] == b["conversation"]
    assert (np.asarray(a["mask"]) == np.asarray(b["mask"])).all()


@pytest.mark.browser
def test_preview_gallery_renders_in_headless_chromium(demo, tmp_path):
    ws, config, _path, _result = demo
    from medseg_qa.pipelines.preview import build_preview

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.fail("chromium is missing: install it with `apt-get install -y chromium` (make apt-deps)",
                    pytrace=False)
    result = build_preview(ws, config, tmp_path / "preview", per_target=2)
    page = result.path.read_text()
    assert result.targets == 7 and result.samples == 14 and page.count("class='card'") == 14
    for src in re.findall(r"src='([^']+)'", page):
        assert (result.path.parent / src).is_file()
    shot = tmp_path / "shot.png"
    proc = subprocess.run([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900",
                           f"--screenshot={shot}", result.path.as_uri()], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and shot.is_file(), proc.stderr[-2000:]
    from PIL import Image

    with Image.open(shot) as im:
        pixels = np.asarray(im.convert("RGB"))
    assert pixels.shape[:2] == (900, 1280)
    # the overlays rendered: the page background is near-white, the CT images and coloured masks are not
    dark = (pixels.mean(axis=2) < 80).mean()
    assert dark > 0.05, dark
