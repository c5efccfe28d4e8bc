"""Workspace, ids, config, schemas and facts: the contracts every stage relies on."""

from __future__ import annotations

import numpy as np
import pytest

from medseg_qa import ids
from medseg_qa.config import load_recipe, parse_recipe
from medseg_qa.errors import ConfigError, WorkspaceError
from medseg_qa.facts import compute_facts
from medseg_qa.imageio import binarize, from_png_bytes, to_png_bytes
from medseg_qa.schemas import check_json_schemas, write_json_schemas
from medseg_qa.workspace import SCHEMA_VERSION, Workspace


def test_record_id_depends_on_pixels_and_target_only():
    img = np.arange(64, dtype=np.uint8).reshape(8, 8)
    mask = (img > 30).astype(np.uint8) * 255
    a = ids.record_id(img, mask, "liver")
    assert a == ids.record_id(img.copy(), mask.copy(), "liver")
    assert a != ids.record_id(img, mask, "spleen")
    mask2 = mask.copy()
    mask2[0, 0] = 255
    assert a != ids.record_id(img, mask2, "liver")
    assert ids.conversation_id(a, "v1", "m", {"t": 1, "s": 2}, "function") == \
        ids.conversation_id(a, "v1", "m", {"s": 2, "t": 1}, "function")
    assert ids.conversation_id(a, "v1", "m", {}, "function") != ids.conversation_id(a, "v2", "m", {}, "function")


def test_workspace_blobs_are_content_addressed_and_atomic(tmp_path):
    with Workspace(tmp_path / "ws") as ws:
        d = ws.put_blob(b"hello")
        assert ws.put_blob(b"hello") == d
        path = ws.blob_path(d)
        assert path.read_bytes() == b"hello" and path.parent.name == d[:2]
        assert not list(path.parent.glob(".tmp-*"))
        with pytest.raises(WorkspaceError, match="missing"):
            ws.get_blob("0" * 64)


def test_workspace_schema_version_and_wal(tmp_path):
    with Workspace(tmp_path / "ws") as ws:
        assert ws.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        ws.db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(WorkspaceError, match="newer"):
        Workspace(tmp_path / "ws")


def test_transaction_rolls_back(tmp_path):
    with Workspace(tmp_path / "ws") as ws:
        with pytest.raises(RuntimeError):
            with ws.transaction():
                ws.quarantine("ingest", "k", "bad", "msg")
                raise RuntimeError("boom")
        assert ws.quarantined() == []


def test_schema_files_match_models(tmp_path):
    assert check_json_schemas() == [], "run `medsegqa schemas --write`"
    write_json_schemas(tmp_path)
    (tmp_path / "review.schema.json").write_text("{}")
    assert check_json_schemas(tmp_path) == ["review.schema.json"]


def test_recipe_unknown_key_is_named():
    with pytest.raises(ConfigError, match="generation.temprature"):
        parse_recipe({"name": "x", "sources": [{"type": "phantom"}], "generation": {"temprature": 1}})
    with pytest.raises(ConfigError, match="sources.0.options.cases"):
        parse_recipe({"name": "x", "sources": [{"type": "phantom", "options": {"cases": "many"}}]})
    with pytest.raises(ConfigError, match="unknown source type 'phantm'.*phantom"):
        parse_recipe({"name": "x", "sources": [{"type": "phantm"}]})


def test_builtin_recipe_loads_by_name_with_overrides():
    r = load_recipe("demo.yaml", {"generation.seed": 7})
    assert r.generation.seed == 7 and r.sources[0].type == "phantom"
    assert r.fingerprint() != load_recipe("demo.yaml").fingerprint()


def test_binarize_encodings():
    zero_one = np.array([[0, 1], [1, 0]], np.uint8)
    rgb = np.zeros((2, 2, 3), np.uint8)
    rgb[0, 1] = (255, 0, 0)
    rgb[1, 0] = (0, 0, 128)
    assert binarize(zero_one).tolist() == [[0, 255], [255, 0]]
    assert binarize(rgb).tolist() == [[0, 255], [255, 0]]
    jpeg_like = np.array([[0, 3, 250], [255, 128, 2]], np.uint8)
    assert binarize(jpeg_like).tolist() == [[0, 0, 255], [255, 255, 0]]
    with pytest.raises(Exception, match="distinct values"):
        binarize(jpeg_like, strict=True)
    assert (from_png_bytes(to_png_bytes(binarize(zero_one))) == binarize(zero_one)).all()


def test_facts_radiological_laterality_and_relations():
    h = w = 100
    right_organ = np.zeros((h, w), bool)   # image left = patient right in "LP"
    right_organ[20:60, 5:40] = True
    left_organ = np.zeros((h, w), bool)
    left_organ[20:40, 70:90] = True
    spine = np.zeros((h, w), bool)
    spine[80:95, 45:56] = True
    f = compute_facts(right_organ, "LP", {"spleen": left_organ, "spine": spine})
    assert f.laterality == "right"
    assert ("spleen", "right_of") in {(r.other, r.relation) for r in f.relations}
    assert ("spine", "anterior_to") in {(r.other, r.relation) for r in f.relations}
    assert compute_facts(left_organ, "LP").laterality == "left"
    assert compute_facts(spine, "LP").laterality == "midline"
    assert compute_facts(spine, "LP").vertical == "posterior"
    # neurological convention flips the side
    assert compute_facts(right_organ, "RP").laterality == "left"
    both = right_organ | left_organ
    fb = compute_facts(both, "LP")
    assert fb.laterality == "bilateral" and fb.components == 2
    assert compute_facts(right_organ, None).laterality == "unknown"
    assert f.area_pixels == 40 * 35 and f.size_class == "large" and f.bbox == (5, 20, 39, 59)


def _open_and_version(path: str) -> int:
    with Workspace(path) as ws:
        return ws.db.execute("PRAGMA user_version").fetchone()[0]


def test_concurrent_first_open_migrates_once(tmp_path):
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(4) as pool:
        versions = pool.map(_open_and_version, [str(tmp_path / "ws")] * 8)
    assert versions == [SCHEMA_VERSION] * 8


def test_conversation_ids_follow_the_template_text_and_the_knowledge_entry(tmp_path, monkeypatch):
    """Editing a prompt version's files or a knowledge entry changes the ids (and provenance records both)."""
    import os
    import shutil
    from pathlib import Path

    from medseg_qa import pipelines
    from medseg_qa.pipelines import generate as gen_stage
    from medseg_qa.pipelines.ingest import ingest_source
    from medseg_qa.sources import build_source

    prompts = Path(pipelines.__file__).parent / "prompts"
    version = f"_test_{os.getpid()}"
    shutil.copytree(prompts / "v1", prompts / version)
    try:
        recipe = parse_recipe({"name": "t", "sources": [{"type": "phantom"}],
                               "generation": {"prompt_version": version}})
        with Workspace(tmp_path / "ws") as ws:
            ingest_source(ws, build_source("phantom", {"cases": 1, "slices_per_case": 1, "size": 128}), progress=False)
            plan = lambda: [j.conversation_id for j in gen_stage.plan_jobs(ws, recipe.generation)]
            base = plan()
            assert plan() == base and ids.template_hash(version) == ids.template_hash("v1")
            user = prompts / version / "user.txt"
            user.write_text(user.read_text() + "\nAnswer briefly.\n")
            edited = plan()
            assert set(edited).isdisjoint(base)
            real = gen_stage.lookup
            liver = real("liver")
            changed = liver.model_copy(update={"functions": liver.functions + ["stores iron"]})
            assert ids.knowledge_hash(changed) != ids.knowledge_hash(liver) and ids.knowledge_hash(None) == ""
            monkeypatch.setattr(gen_stage, "lookup", lambda t: changed if t == "liver" else real(t))
            again = plan()
            liver_jobs = [i for i, j in enumerate(gen_stage.plan_jobs(ws, recipe.generation)) if j.record.target == "liver"]
            assert liver_jobs and all(again[i] != edited[i] for i in liver_jobs)
            assert sum(a != b for a, b in zip(again, edited)) == len(liver_jobs)
    finally:
        shutil.rmtree(prompts / version)


def test_endpoint_identity_is_normalised_and_never_holds_credentials():
    assert ids.endpoint_identity("HTTPS://API.OpenAI.com:443/v1/") == "https://api.openai.com/v1"
    assert ids.endpoint_identity(None) == "https://api.openai.com/v1"
    assert ids.endpoint_identity("http://bob:s3cret@127.0.0.1:8011/v1?key=abc") == "http://127.0.0.1:8011/v1"
    assert ids.endpoint_identity("http://127.0.0.1:8011/v1") != ids.endpoint_identity("http://127.0.0.1:8012/v1")


def test_one_patient_pseudonym_rule_for_every_source_without_phi():
    import subprocess

    assert ids.patient_pseudonym("kvasir-seg", "cju0qkwl35piu0993l0dewei2") == ids.patient_pseudonym(
        "kvasir-seg", "cju0qkwl35piu0993l0dewei2")
    assert ids.patient_pseudonym("a", "1").startswith("PX-") and len(ids.patient_pseudonym("a", "1")) == 13
    assert ids.patient_pseudonym("a", "1") != ids.patient_pseudonym("b", "1")
    out = subprocess.run(["grep", "-rn", "--include=*.py", '"PX-" +', "medseg_qa"], capture_output=True, text=True)
    # the only other construction is DICOM's salted one (its patient ids are PHI); nifti is the lead's to switch
    assert {line.split(":")[0] for line in out.stdout.splitlines()} <= {"medseg_qa/ids.py", "medseg_qa/deid.py",
                                                                       "medseg_qa/sources/nifti.py"}
