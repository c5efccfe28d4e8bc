"""The dataset registry, its knowledge-base coverage, the `sources` CLI and the MedSeg-QA v1 recipe."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image

from medseg_qa.config import parse_recipe
from medseg_qa.errors import ConfigError
from medseg_qa.knowledge import knowledge_dir, load_knowledge, mentions
from medseg_qa.registry import (ENV_REGISTRY, builtin_registry_path, get_entry, load_registry, source_spec_for,
                                template_labels, template_options)
from medseg_qa.sources import SOURCE_TYPES, SourceItem, build_source, options_model

REQUIRED = {"kvasir-seg", "cvc-clinicdb", "isic-2018-task1", "busi", "msd-liver", "msd-spleen", "msd-hippocampus",
            "acdc", "chaos", "kits23", "lits", "brats-2021", "amos22", "flare22"}
RECIPE = Path(__file__).resolve().parents[2] / "pipelines" / "medseg-qa-v1.yaml"


@pytest.fixture(autouse=True)
def _no_user_registry(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_REGISTRY, raising=False)
    monkeypatch.setenv("MEDSEGQA_CACHE", str(tmp_path / "empty-cache"))


def test_builtin_registry_has_the_public_sets_with_complete_entries():
    reg = load_registry()
    assert len(reg) >= 12 and REQUIRED <= set(reg)
    for name, e in reg.items():
        assert e.name == name and e.title and e.citation and e.homepage.startswith("http")
        dl = e.download
        if dl.manual:
            assert dl.manual_note and not any(f.url for f in dl.files)
        else:
            assert dl.hf_repo or all(f.url and f.url.startswith(("https://", "http://")) for f in dl.files)
        for f in dl.files:
            assert f.sha256 is None or len(f.sha256) == 64
            assert f.url is None or "s3-website" not in f.url or f.url.startswith("http://")  # no HTTPS there
            assert f.archive in ("zip", "tar", "tar.gz", "tgz", "tar.bz2", "none")
    assert reg["msd-spleen"].licence == "CC-BY-SA-4.0" and reg["isic-2018-task1"].licence == "CC0-1.0"
    assert reg["msd-liver"].download.files[0].archive == "tar"
    assert reg["kvasir-seg"].download.files[0].archive == "zip"
    assert {e.modality for e in reg.values()} >= {"CT", "MR", "US", "endoscopy", "dermoscopy"}
    assert any(e.download.hf_repo and e.source and e.source.type == "hf" for e in reg.values())


def test_entry_labels_match_the_source_options_and_the_knowledge_base():
    kb = load_knowledge()  # also fails on a name defined in two knowledge files
    for name, e in load_registry().items():
        if e.source is not None:
            assert template_labels(e) == set(e.labels), name
        missing = [label for label in e.labels if label not in kb]
        assert not missing, f"{name}: labels without a knowledge entry: {missing}"


def test_source_options_validate_against_each_source_model():
    """Every entry's (type, options) must build a valid options model; types without a module yet are
    listed so the check cannot silently shrink to nothing."""
    validated, unavailable = set(), set()
    for name, e in load_registry().items():
        if e.source is None:
            assert e.notes, name
            continue
        if importlib.util.find_spec(SOURCE_TYPES[e.source.type]) is None:
            unavailable.add(e.source.type)
            continue
        type_, options = source_spec_for(name, "/data/somewhere")
        model = options_model(type_).model_validate(options)
        where = getattr(model, "root", None) or getattr(model, "path", None)
        assert str(where) == "/data/somewhere"
        validated.add(type_)
    assert {"folder", "hf", "nifti"} <= validated, (validated, unavailable)


def test_every_licence_is_spdx_or_other_with_a_note_on_what_redistribution_allows():
    """The licence gate trusts these fields: a licence is a known SPDX id or `other` with the terms, and
    every entry says what redistribution allows, with the clause when it is not plainly allowed."""
    from medseg_qa.licence import KNOWN_SPDX, REDISTRIBUTION_VALUES, redistribution_of

    for name, e in load_registry().items():
        assert e.licence in KNOWN_SPDX or e.licence == "other", (name, e.licence)
        assert e.redistribution in REDISTRIBUTION_VALUES, name
        if e.licence == "other":
            assert len(e.licence_note) > 20, name
        if e.licence == "other" or e.redistribution != "allowed":
            note = (e.redistribution_note + " " + e.licence_note).lower()
            assert len(e.redistribution_note) > 20 and re.search(
                r"redistribut|distribut|sharealike|noderivatives|non-?commercial|commercial", note), name
        implied = redistribution_of(e.licence)
        assert implied == "unknown" or e.redistribution in (implied, "forbidden", "unknown"), name
    reg = load_registry()
    expected = {"chaos": ("other", "forbidden"), "acdc": ("CC-BY-NC-SA-4.0", "non-commercial"),
                "busi": ("other", "unknown"), "isic-2018-task1": ("CC0-1.0", "allowed"),
                "amos22": ("other", "non-commercial"), "lits": ("CC-BY-NC-ND-4.0", "forbidden"),
                "flare22": ("other", "forbidden"), "kvasir-seg": ("other", "unknown"),
                "cvc-clinicdb": ("other", "unknown"), "msd-liver": ("CC-BY-SA-4.0", "allowed")}
    for name, (lic, redis) in expected.items():
        assert (reg[name].licence, reg[name].redistribution) == (lic, redis), name
    assert "msd" in reg["lits"].licence_note.lower()  # the double licence is noted


def test_msd_downloads_use_the_https_bucket_with_monai_md5():
    reg = load_registry()
    msd = [e for e in reg.values() if e.name.startswith("msd-")]
    assert len(msd) >= 8
    for e in msd:
        f = e.download.files[0]
        assert f.url.startswith("https://msd-for-monai.s3-us-west-2.amazonaws.com/Task") and f.url.endswith(".tar")
        assert f.md5 and re.fullmatch(r"[0-9a-f]{32}", f.md5), e.name


def test_registry_rejects_licence_and_redistribution_that_contradict():
    base = dict(name="lab-set", title="a lab set", modality="CT", body_region="abdomen", labels=["liver"],
                citation="us", homepage="https://lab.example/set", notes="no source yet",
                download={"manual": True, "manual_note": "ask"})
    from medseg_qa.registry import RegistryEntry

    with pytest.raises(ValueError, match="at most redistribution"):
        RegistryEntry(**base, licence="CC-BY-NC-4.0", redistribution="allowed")
    with pytest.raises(ValueError, match="not a known SPDX"):
        RegistryEntry(**base, licence="CC-BY-4", redistribution="allowed")
    with pytest.raises(ValueError, match="redistribution_note"):
        RegistryEntry(**base, licence="CC-BY-4.0", redistribution="unknown")
    assert RegistryEntry(**base, licence="CC-BY-4.0", redistribution="allowed").redistribution == "allowed"


def test_brats_entry_reads_the_2023_gli_names_with_enhancing_tumour_label_3(tmp_path):
    import SimpleITK as sitk

    lab = np.zeros((6, 24, 24), np.uint8)
    lab[1:5, 4:10, 4:10], lab[1:5, 12:18, 12:18], lab[1:5, 4:10, 14:20] = 1, 2, 3
    img = (lab * 100).astype(np.int16) + 10
    case = tmp_path / "BraTS-GLI-00042-001"
    case.mkdir()
    for suffix, arr in (("t2f", img), ("t1c", img), ("seg", lab)):
        sitk.WriteImage(sitk.GetImageFromArray(arr), str(case / f"{case.name}-{suffix}.nii.gz"))
    type_, options = source_spec_for("brats-2021", tmp_path)
    items = [it for it in build_source(type_, options).items() if isinstance(it, SourceItem)]
    assert items and {it.case_id for it in items} == {"BraTS-GLI-00042"}
    labels = set().union(*(it.masks for it in items))
    assert labels == {"necrotic tumour core", "peritumoral edema", "enhancing tumour"}


def test_unknown_name_suggests_close_matches_and_aliases_resolve():
    with pytest.raises(ConfigError, match="did you mean.*kvasir-seg"):
        get_entry("kvasr-seg")
    with pytest.raises(ConfigError, match="sources list"):
        get_entry("zzzzzz")
    assert get_entry("ISIC").name == "isic-2018-task1" and get_entry("task09").name == "msd-spleen"


def _entry(**kw) -> dict:
    e = dict(name="lab-set", title="a lab set", modality="CT", body_region="abdomen", labels=["liver"],
             licence="CC-BY-4.0", citation="us", homepage="https://lab.example/set",
             source={"type": "folder", "options": {"label": "liver", "layout": "dirs"}},
             download={"url": "https://lab.example/set.tar.gz"})
    e.update(kw)
    return e


def test_registry_files_and_env_are_laid_over_the_builtin(tmp_path, monkeypatch):
    extra = tmp_path / "extra.yaml"
    override = copy.deepcopy(yaml.safe_load(builtin_registry_path().read_text())["datasets"][0])
    override["download"] = {"url": "http://127.0.0.1:9/kvasir.zip", "strip_components": 1}
    extra.write_text(yaml.safe_dump({"datasets": [_entry(), override]}))
    reg = load_registry(extra)
    assert "lab-set" in reg and "busi" in reg
    assert reg[override["name"]].download.files[0].url == "http://127.0.0.1:9/kvasir.zip"
    (lab_file,) = reg["lab-set"].download.files
    assert lab_file.archive == "tar.gz" and lab_file.filename == "set.tar.gz"
    monkeypatch.setenv(ENV_REGISTRY, str(extra))
    assert "lab-set" in load_registry()
    monkeypatch.setenv(ENV_REGISTRY, str(tmp_path / "missing.yaml"))
    with pytest.raises(ConfigError, match="missing.yaml not found"):
        load_registry()


@pytest.mark.parametrize("bad, message", [
    (dict(licence="other"), "licence_note"),
    (dict(download={"manual": True}), "manual_note"),
    (dict(download={}), "manual: true"),
    (dict(colour="red"), "colour"),
    (dict(source={"type": "folder", "options": {"root": "/x", "label": "liver"}}), "root/path"),
    (dict(download={"url": "ftp://lab.example/x.zip"}), "http"),
    (dict(download={"url": "https://lab.example/x.zip", "sha256": "abc"}), "sha256"),
])
def test_bad_entries_are_config_errors_naming_entry_and_key(tmp_path, bad, message):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"datasets": [_entry(**bad)]}))
    with pytest.raises(ConfigError) as err:
        load_registry(path)
    assert "lab-set" in str(err.value) and message in str(err.value)


def test_source_spec_uses_the_pull_cache_or_says_how_to_get_the_data(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="medsegqa pull kvasir-seg"):
        source_spec_for("kvasir-seg")
    with pytest.raises(ConfigError, match="acdc.*--path"):
        source_spec_for("acdc")
    with pytest.raises(ConfigError, match="no built-in ingest mapping"):
        source_spec_for("chaos", tmp_path)

    cache = tmp_path / "cache"
    root = cache / "kvasir-seg"
    for sub in ("images", "masks"):
        (root / sub).mkdir(parents=True)
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 255, (16, 16, 3), dtype=np.uint8)).save(root / "images" / "x.png")
    mask = np.zeros((16, 16), np.uint8)
    mask[4:9, 4:9] = 255
    Image.fromarray(mask).save(root / "masks" / "x.png")
    (root / ".medsegqa").mkdir()
    (root / ".medsegqa" / "pull.json").write_text(json.dumps({"name": "kvasir-seg"}))
    monkeypatch.setenv("MEDSEGQA_CACHE", str(cache))
    type_, options = source_spec_for("kvasir-seg")
    assert type_ == "folder" and options["root"] == str(root)
    assert options["dataset"] == "kvasir-seg" and options["licence"] == "other"
    (item,) = list(build_source(type_, options).items())
    assert isinstance(item, SourceItem) and list(item.masks) == ["polyp"] and item.modality == "endoscopy"


def test_public_sets_knowledge_entries_are_complete_and_never_name_themselves():
    raw = yaml.safe_load((knowledge_dir() / "public-sets.yaml").read_text())
    kb = load_knowledge()
    assert len(raw) >= 20
    others = {p.name: {e["name"] for e in yaml.safe_load(p.read_text())} for p in knowledge_dir().glob("*.yaml")
              if p.name != "public-sets.yaml"}
    for r in raw:
        e = kb[r["name"]]
        assert not any(e.name in names for names in others.values()), f"{e.name} is already in another file"
        assert len(e.functions) >= 3 and len(e.clinical) >= 3 and len(e.relations) >= 2 and e.differentials, e.name
        assert e.descriptor and e.category and (e.ontology_code is None or e.ontology_code.startswith("SCT:"))
        terms = e.terms()
        for text in [e.descriptor, *e.functions, *e.clinical, *e.relations, *e.differentials]:
            assert not mentions(text, terms), f"{e.name}: {text!r} names it"


def test_sources_cli_lists_and_shows_entries():
    from typer.testing import CliRunner

    from medseg_qa.cli_sources import sources_app

    runner = CliRunner()
    out = runner.invoke(sources_app, ["list"], terminal_width=200)
    assert out.exit_code == 0, out.output
    for name in ("kvasir-seg", "msd-liver", "acdc", "brats-2021"):
        assert name in out.output
    out = runner.invoke(sources_app, ["list", "--modality", "MR"], terminal_width=200)
    assert "acdc" in out.output and "kvasir-seg" not in out.output
    out = runner.invoke(sources_app, ["show", "kvasir-seg"])
    assert out.exit_code == 0, out.output
    assert "https://datasets.simula.no/downloads/kvasir-seg.zip" in out.output and "preset: kvasir-seg" in out.output
    assert "medsegqa pull kvasir-seg" in out.output and "licence: other" in out.output
    out = runner.invoke(sources_app, ["show", "brats"])
    assert out.exit_code == 0 and "manual download" in out.output and "--archive FILE" in out.output
    out = runner.invoke(sources_app, ["show", "kvasr"])
    assert out.exit_code == 2 and "did you mean" in out.output


def test_medseg_qa_v1_recipe_is_valid_large_and_agrees_with_the_registry(tmp_path):
    data = yaml.safe_load(RECIPE.read_text())
    reg = load_registry()
    total, modalities = 0, set()
    for spec in data["sources"]:
        opts = spec["options"]
        entry = reg[opts["dataset"]]
        assert opts["root"] == f"data/{entry.name}"  # where `pull NAME --dest data/NAME` puts it
        assert spec["type"] == entry.source.type
        assert {k: v for k, v in opts.items() if k != "root"} == template_options(entry), entry.name
        assert not entry.download.manual, f"{entry.name} needs a manual download"
        total += entry.expected_pairs
        modalities.add(entry.modality)
        (tmp_path / entry.name).mkdir()
        opts["root"] = str(tmp_path / entry.name)
    assert total >= 10_000 and modalities >= {"CT", "MR", "US", "endoscopy", "dermoscopy"}
    recipe = parse_recipe(data, str(RECIPE))
    assert recipe.name == "medseg-qa-v1" and len(recipe.sources) == len(data["sources"])
    header = RECIPE.read_text()
    for spec in data["sources"]:  # the header's per-set counts are the registry's
        name = spec["options"]["dataset"]
        m = re.search(rf"^#\s+{re.escape(name)}\s+([\d,]+)\s", header, re.M)
        assert m and int(m.group(1).replace(",", "")) == reg[name].expected_pairs, name
