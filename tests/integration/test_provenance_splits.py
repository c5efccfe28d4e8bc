"""Provenance-safe identity and leak-proof groups on real files: two sources of one image, metadata
changes, the migration back-fill, near-duplicate grouping of real images, overlap refusal, quarantine
clearing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from medseg_qa.config import parse_recipe
from medseg_qa.errors import ConfigError
from medseg_qa.grouping import check_overlaps, cluster_hashes, near_pairs, phash_png
from medseg_qa.pipelines.generate import generate
from medseg_qa.pipelines.ingest import ingest, ingest_source
from medseg_qa.sources import build_source
from medseg_qa.splits import plan_splits
from medseg_qa.workspace import MIGRATIONS, Workspace

ITK = Path("/usr/share/doc/insighttoolkit5-examples/examples/Data")
REAL = ["BrainProtonDensitySlice.png", "BrainT1Slice.png", "BrainMidSagittalSlice.png", "VisibleWomanEyeSlice.png"]


def _real_folder(root: Path, names=REAL[:2]) -> Path:
    assert ITK.is_dir(), "run `make test`: it installs Debian's insighttoolkit5-examples"
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        img = np.asarray(Image.open(ITK / name).convert("L"))
        mask = np.zeros(img.shape, np.uint8)
        mask[img.shape[0] // 4: img.shape[0] // 2, img.shape[1] // 5: img.shape[1] // 3] = 255  # image-left
        Image.fromarray(img).save(root / name)
        Image.fromarray(mask).save(root / (Path(name).stem + "_mask.png"))
    return root


def _folder(root, dataset, **extra):
    return build_source("folder", {"root": str(root), "label": "liver", "modality": "MR", "body_region": "head",
                                   "dataset": dataset, **extra})


def test_a_record_seen_from_two_sources_keeps_both_and_reports_the_licence_conflict(tmp_path):
    root = _real_folder(tmp_path / "set")
    with Workspace(tmp_path / "ws") as ws:
        ingest_source(ws, _folder(root, "set-a", licence="CC-BY-4.0"), progress=False)
        s = ingest_source(ws, _folder(root, "set-b", licence="CC-BY-NC-4.0"), progress=False)
        assert s.added == 0 and s.cross_source == 2 and s.licence_conflicts == 2
        rows = ws.provenance()
        assert len(rows) == 4 and {(r["dataset"], r["licence"]) for r in rows} == {
            ("set-a", "CC-BY-4.0"), ("set-b", "CC-BY-NC-4.0")}
        assert ws.cross_source()["licence_conflicts"] == 2
        assert len(list(ws.records())) == 2
    from typer.testing import CliRunner

    from medseg_qa.cli import app

    out = CliRunner().invoke(app, ["status", "-w", str(tmp_path / "ws")])
    assert "licence conflict" in out.output and "CC-BY-NC-4.0" in out.output


def test_a_metadata_change_rederives_facts_and_regenerates_conversations(tmp_path):
    root = _real_folder(tmp_path / "set")
    recipe = lambda orientation: parse_recipe({"name": "t", "sources": [{"type": "folder", "options": {
        "root": str(root), "label": "liver", "modality": "MR", "body_region": "head", "dataset": "set-a",
        **({"orientation": orientation} if orientation else {})}}]})
    with Workspace(tmp_path / "ws") as ws:
        ingest(ws, recipe(None), progress=False)
        generate(ws, recipe(None), progress=False)
        first = {c.conversation_id: c for c, _ in ws.conversations()}
        assert all(ws.record(c.record_id).facts.laterality == "unknown" for c in first.values())
        reviewed = next(iter(first))
        ws.db.execute("INSERT INTO reviews VALUES (?,?,0)", (reviewed, '{"decision": "accept"}'))
        s = ingest(ws, recipe("LP"), progress=False)  # the recipe now says the images are radiological
        assert s.rederived == 2 and s.invalidated == len(first) - 1 and s.added == 0
        assert {r.facts.laterality for r in ws.records()} == {"right"}  # image-left is the patient's right
        g = generate(ws, recipe("LP"), progress=False)
        live = {c.conversation_id: s for c, s in ws.conversations()}
        # the reviewed one stays and stands for its slot (a review is never replaced); the other regenerated
        assert reviewed in live and len(live) == len(first) and len(set(live) - set(first)) == len(first) - 1
        states = dict(ws.db.execute("SELECT conversation_id, state FROM conversations"))
        assert sum(v == "stale" for v in states.values()) == len(first) - 1  # kept, not lost
        assert g.planned == 2


def test_the_migration_backfills_provenance_of_an_existing_workspace(tmp_path):
    root = _real_folder(tmp_path / "set")
    with Workspace(tmp_path / "ws") as ws:
        ingest_source(ws, _folder(root, "set-a"), progress=False)
        bodies = dict(ws.db.execute("SELECT record_id, body FROM records"))
    db = sqlite3.connect(tmp_path / "ws" / "catalog.sqlite")  # rebuild it as the v2 catalog it was
    v2 = {"records", "conversations", "quarantine", "reviews", "exports", "llm_cache", "audit"}
    later = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'") if n not in v2]
    assert {"provenance", "split_history"} <= set(later)
    db.executescript("".join(f"DROP TABLE {n}; " for n in later) + "CREATE TABLE r2 (record_id TEXT PRIMARY KEY, "
                     "dataset TEXT NOT NULL, target TEXT NOT NULL, patient_id TEXT NOT NULL, body TEXT NOT NULL, "
                     "created_at REAL NOT NULL); INSERT INTO r2 SELECT record_id, dataset, target, patient_id, body, "
                     "created_at FROM records; DROP TABLE records; ALTER TABLE r2 RENAME TO records; "
                     "PRAGMA user_version=2;")
    db.close()
    with Workspace(tmp_path / "ws") as ws:
        assert ws.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        rows = ws.provenance()
        assert {r["record_id"] for r in rows} == set(bodies) and {r["dataset"] for r in rows} == {"set-a"}
        s = ingest_source(ws, _folder(root, "set-a"), progress=False)
        assert s.unchanged == 2 and s.rederived == 0


def _frames(img: np.ndarray, n: int, rng) -> list[np.ndarray]:
    """A 'video': small drifts and noise of one image, and a re-crop."""
    out = []
    for i in range(n):
        shifted = np.roll(img, (i, 2 * i), axis=(0, 1)).astype(np.int16) + rng.integers(-6, 7, img.shape)
        out.append(np.clip(shifted, 0, 255).astype(np.uint8))
    h, w = img.shape
    crop = img[h // 40: h - h // 40, w // 40: w - w // 40]  # 5% re-crop
    out.append(np.asarray(Image.fromarray(crop).resize((w, h))))
    return out


def test_near_duplicate_frames_and_recrops_of_real_images_form_one_group(tmp_path):
    import io

    rng = np.random.default_rng(0)
    items, blobs = [], {}
    for k, name in enumerate(REAL):
        base = np.asarray(Image.open(ITK / name).convert("L").resize((256, 256)))
        for j, frame in enumerate(_frames(base, 6, rng)):
            buf = io.BytesIO()
            Image.fromarray(frame).save(buf, format="PNG")
            blob = f"{name}-{j}"
            blobs[blob] = buf.getvalue()
            items.append(("kvasir-like", f"PX-{name}-{j}", blob, "polyp"))  # one "patient" per image
    plan = plan_splits(items, parse_recipe({"name": "t", "sources": [{"type": "phantom"}]}).export.splits,
                       image_hash=lambda b: phash_png(blobs[b]))
    assert plan.sources[0].grouping == "near-duplicate images" and plan.sources[0].groups == len(REAL)
    for name in REAL:
        assert len({plan.split_of("kvasir-like", f"PX-{name}-{j}") for j in range(7)}) == 1


def test_near_pairs_match_brute_force_on_20k_hashes():
    rng = np.random.default_rng(1)
    hashes = [int(x) for x in rng.integers(0, 2**63, 20000, dtype=np.int64)]
    for i in range(0, 400, 2):  # plant near pairs at distances 0..12
        flip = rng.choice(64, size=i % 13, replace=False)
        hashes[i + 1] = hashes[i] ^ int(sum(1 << int(b) for b in flip))
    got = set(near_pairs(hashes, 10))
    planted = {(i, i + 1) for i in range(0, 400, 2) if 0 < (i % 13) <= 10}
    assert planted <= got
    assert set(near_pairs(hashes[:3000], 10, block=7)) == {p for p in got if p[1] < 3000}  # blocks change nothing
    labels = cluster_hashes(hashes, 10)
    assert all(labels[i] == labels[i + 1] for i in range(0, 400, 2) if (i % 13) <= 10)  # equal hashes too
    joined = len(got) + len([i for i in range(0, 400, 2) if i % 13 == 0])  # near pairs plus equal ones
    assert len(set(labels)) == 20000 - joined  # (random 63-bit hashes: about one chance pair within 10 bits)
    sample = rng.choice(20000, 300, replace=False)
    for a in sample:  # no pair missed or invented around a random sample (brute force)
        for b in range(20000):
            if hashes[a] != hashes[b] and bin(hashes[a] ^ hashes[b]).count("1") <= 10:
                assert (min(a, b), max(a, b)) in got


def test_overlapping_registry_sets_are_refused_unless_deduplicated(tmp_path):
    with pytest.raises(ConfigError, match="lits and msd-liver hold the same patients.*deduplicate: true"):
        check_overlaps(["lits", "msd-liver"], deduplicate=False)
    assert check_overlaps(["lits", "msd-liver"], deduplicate=True)
    assert check_overlaps(["kits23", "msd-spleen"], deduplicate=False) == []  # related only through AbdomenCT-1K
    root = _real_folder(tmp_path / "set")
    spec = lambda ds: {"type": "folder", "options": {"root": str(root), "label": "liver", "modality": "CT",
                                                    "body_region": "abdomen", "dataset": ds}}
    with Workspace(tmp_path / "ws") as ws:
        with pytest.raises(ConfigError, match="msd-liver"):
            ingest(ws, parse_recipe({"name": "r", "sources": [spec("msd-liver"), spec("lits")]}), progress=False)
        s = ingest(ws, parse_recipe({"name": "r", "deduplicate": True, "sources": [spec("msd-liver"), spec("lits")]}),
                   progress=False)
        assert s.added == 2 and s.cross_source == 2
        recs = list(ws.records())
        items = [(p["dataset"], p["patient_id"], ws.record(p["record_id"]).image_blob, "liver") for p in ws.provenance()]
        plan = plan_splits(items, parse_recipe({"name": "t", "sources": [spec("x")]}).export.splits,
                           image_hash=lambda b: phash_png(ws.get_blob(b)))
        for r in recs:  # the same image under both names: one group, one split
            same = {plan.split_of(p["dataset"], p["patient_id"]) for p in ws.provenance(r.record_id)}
            assert len(same) == 1


def test_quarantine_entries_clear_on_a_fixed_rerun_whatever_key_they_named(tmp_path):
    root = _real_folder(tmp_path / "set")
    (root / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n-truncated")  # its error names the absolute path
    Image.fromarray(np.full((8, 8), 255, np.uint8)).save(root / "bad_mask.png")
    with Workspace(tmp_path / "ws") as ws:
        ingest_source(ws, _folder(root, "set-a"), progress=False)
        assert [code for _, _, code, _ in ws.quarantined()] == ["unreadable_image"]
        (root / "bad.png").unlink()
        (root / "bad_mask.png").unlink()
        s = ingest_source(ws, _folder(root, "set-a"), progress=False)
        assert ws.quarantined() == [] and s.quarantine_cleared == 1


def test_a_fixed_nifti_volume_clears_its_quarantine_entry(tmp_path):
    """NIfTI errors name the volume file, its records the slices: the entry still clears once fixed."""
    from tests.integration.test_nifti_source import msd, phantom, write

    ct, lab = phantom()
    root = msd(tmp_path / "t", {"a_good": (ct, lab), "c_grid": (ct, lab)})
    write(root / "labelsTr" / "c_grid.nii.gz", lab[:, :, :40].copy())
    src = lambda: build_source("nifti", dict(root=str(root), max_slices_per_label=1, dataset="task99"))
    with Workspace(tmp_path / "ws") as ws:
        ingest_source(ws, src(), progress=False)
        assert [(k, c) for _, k, c, _ in ws.quarantined()] == [("task99:imagesTr/c_grid.nii.gz", "grid_mismatch")]
        write(root / "labelsTr" / "c_grid.nii.gz", lab)
        s = ingest_source(ws, src(), progress=False)
        assert ws.quarantined() == [] and s.quarantine_cleared == 1
        # same pixels as a_good: no new record, but the fixed volume has its own provenance rows
        assert s.added == 0 and any(r["origin"].startswith("imagesTr/c_grid") for r in ws.provenance())


def test_a_renamed_label_retires_the_old_records_and_clears_the_generate_quarantine(tmp_path):
    root = _real_folder(tmp_path / "set")
    spec = lambda label: {"name": "t", "sources": [{"type": "folder", "options": {
        "root": str(root), "label": label, "modality": "MR", "body_region": "head", "dataset": "set-a"}}]}
    with Workspace(tmp_path / "ws") as ws:
        ingest(ws, parse_recipe(spec("blobby thing")), progress=False)
        g = generate(ws, parse_recipe(spec("blobby thing")), progress=False)
        assert g.quarantined["no_knowledge"] == 2 and len(ws.quarantined()) == 2
        s = ingest(ws, parse_recipe(spec("liver")), progress=False)  # the recipe names the label properly now
        assert s.added == 2 and s.retired == 2
        assert {r.target for r in ws.records()} == {"liver"}
        assert ws.counts()["records_retired"] == 2  # kept, not deleted
        g2 = generate(ws, parse_recipe(spec("liver")), progress=False)
        assert ws.quarantined() == [] and g2.states["passed"] + g2.states["flagged"] == 2


def test_overlapping_volume_sets_join_their_patients_by_near_duplicate_images():
    """MSD liver and LiTS as two patient-grouped sets whose pixels differ slightly (another windowing):
    the same patient lands in one split; two unrelated sets with the same content stay apart."""
    import io

    blobs, items = {}, []
    for ds, shift in (("msd-liver", 0), ("lits", 8)):
        for k, name in enumerate(REAL):
            base = np.asarray(Image.open(ITK / name).convert("L").resize((128, 128))).astype(np.int16)
            for j in range(2):  # two slices per patient: the source knows its patients
                img = np.clip(np.roll(base, 3 * j, axis=0) + shift, 0, 255).astype(np.uint8)
                buf = io.BytesIO()
                Image.fromarray(img).save(buf, format="PNG")
                blob = f"{ds}-{k}-{j}"
                blobs[blob] = buf.getvalue()
                items.append((ds, f"PX-{ds}-{k}", blob, "liver"))
    fractions = parse_recipe({"name": "t", "sources": [{"type": "phantom"}]}).export.splits
    plan = plan_splits(items, fractions, image_hash=lambda b: phash_png(blobs[b]))
    assert {s.dataset: s.grouping for s in plan.sources} == {"msd-liver": "patient", "lits": "patient"}
    assert sum(plan.groups_per_split.values()) == len(REAL)
    for k in range(len(REAL)):
        assert plan.split_of("msd-liver", f"PX-msd-liver-{k}") == plan.split_of("lits", f"PX-lits-{k}")
    unrelated = [(d.replace("msd-liver", "set-x").replace("lits", "set-y"), p, b, t) for d, p, b, t in items]
    assert sum(plan_splits(unrelated, fractions, image_hash=lambda b: phash_png(blobs[b])).groups_per_split.values()) \
        == 2 * len(REAL)
