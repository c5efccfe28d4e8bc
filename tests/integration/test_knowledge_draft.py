"""LLM-drafted knowledge entries: the fault-injecting server for schema-valid drafts and the failure paths,
the real llama.cpp server for the plumbing and the whole path a user takes (ingest labels the built-in
base does not know, draft, sign off, generate, export a card that names the knowledge)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import yaml
from PIL import Image
from typer.testing import CliRunner

from fault_server import FaultServer, Faults, _text_of, completion
from medseg_qa.cli import app
from medseg_qa.knowledge import lookup, use_knowledge
from medseg_qa.workspace import Workspace

LABELS = {1: "pineal gland", 2: "olfactory bulb"}  # not in the built-in base


class DraftServer(FaultServer):
    """The fault server, answering knowledge-draft prompts with an entry written from the prompt."""

    def __init__(self, faults=None, *, invalid=(), extra_synonyms=()) -> None:
        super().__init__(faults)
        self.invalid, self.extra_synonyms = set(invalid), list(extra_synonyms)

    def answer(self, body: dict):
        prompt = "\n".join(_text_of(m) for m in body.get("messages", [])[:2])
        target = re.search(r"^Target structure \(a segmentation label\): (.*)$", prompt, re.M).group(1)
        if target in self.invalid:
            return completion(body, json.dumps({"synonyms": "pineal", "category": "gland"})), False
        entry = {"synonyms": [target + "s", *self.extra_synonyms], "category": "nervous tissue", "region": "head",
                 "descriptor": "the small midline structure deep in the brain",
                 "functions": ["takes part in a hormonal rhythm", "is found deep in the head", "has a small size"],
                 "clinical": ["a patient has headaches and double vision", "a child has early puberty",
                              "a patient has visual field loss"],
                 "relations": ["lies in the midline of the brain", "sits above the brainstem"],
                 "differentials": ["a small cyst", "a calcified vessel"], "neighbours": ["third ventricle"],
                 "expected_side": "midline", "modality_notes": ["small and bright on T2"], "ontology_code": ""}
        return completion(body, json.dumps(entry)), True


def _label_map_set(tmp_path, *, backend="template", extra=""):
    """Two MR slices whose label maps hold LABELS, and a recipe that lists a knowledge folder."""
    root = tmp_path / "data"
    for i in (1, 2):
        lab = np.zeros((48, 48), np.uint8)
        lab[10:20, 20:28] = 1
        lab[30:38, 8 + i:30] = 2
        img = (np.arange(48 * 48).reshape(48, 48) * (7 + i) % 251).astype(np.uint8)
        (root / "images").mkdir(parents=True, exist_ok=True)
        (root / "masks").mkdir(parents=True, exist_ok=True)
        Image.fromarray(img).save(root / "images" / f"p0{i}_s1.png")
        Image.fromarray(lab).save(root / "masks" / f"p0{i}_s1.png")
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(yaml.safe_dump({
        "name": "unknown-labels",
        "sources": [{"type": "folder", "options": {
            "root": str(root), "layout": "dirs", "mask_mode": "labels", "label_map": LABELS, "modality": "MR",
            "orientation": "LP", "patient_id_pattern": r"^(p\d+)_", "licence": "CC0-1.0", "dataset": "toy-brain"}}],
        "knowledge": ["knowledge"],
        "generation": {"backend": backend, "user_turns": 2},
        "export": {"name": "toy", "include_states": ["passed", "flagged"]}}) + extra)
    return recipe


def _cli(*args, env=None):
    out = CliRunner().invoke(app, [str(a) for a in args], env=env)
    return out


@pytest.fixture(autouse=True)
def _builtin_knowledge_after():
    yield
    use_knowledge([])


def test_fault_server_drafts_fall_back_to_json_object_and_are_never_resent(tmp_path):
    recipe = _label_map_set(tmp_path)
    ws = tmp_path / "ws"
    with DraftServer(Faults(json_schema_unsupported=True, script=["500", "429"], api_key="sekret-123"),
                     extra_synonyms=["liver", "perirenal", "epiphysis"]) as server:
        env = {"MY_KEY": "sekret-123"}
        args = ["knowledge", "draft", recipe, "-w", ws, "--base-url", server.base_url, "--model", "fault-model",
                "--no-progress"]
        out = _cli(*args, env=env)
        assert out.exit_code != 0 and "OPENAI_API_KEY" in out.output  # the key comes from the named variable
        recipe.write_text(recipe.read_text().replace("backend: template", "backend: template\n  api_key_env: MY_KEY"))
        out = _cli(*args, env=env)
        assert out.exit_code == 0, out.output
        assert "drafted 2, rejected 0" in out.output
        assert "left out synonyms that name other structures: liver, perirenal" in out.output
        formats = dict(server.stats.response_formats)
        assert formats.get("json_schema", 0) >= 1 and formats["json_object"] >= 2  # fell back, remembered
        assert server.stats.faults["500"] == 1 and server.stats.faults["429"] == 1  # retried
        sent = server.total_chat_requests()
        out = _cli(*args, env=env)  # every target has an entry now: nothing is sent again
        assert out.exit_code == 0 and "drafted 0" in out.output and "2 already had an entry" in out.output
        assert server.total_chat_requests() == sent
    files = sorted((tmp_path / "knowledge").glob("*.yaml"))
    assert [f.name for f in files] == ["olfactory-bulb.yaml", "pineal-gland.yaml"]
    for f in files:
        text = f.read_text()
        assert "sekret" not in text and text.startswith("# LLM draft")
        raw = yaml.safe_load(text)
        assert raw["status"] == "draft" and raw["drafted_by"] == "fault-model" and "liver" not in raw["synonyms"]
        assert raw["expected_side"] == "midline" and "ontology_code" not in raw  # empty code -> null
    out = _cli("knowledge", "check", "--recipe", recipe)
    assert out.exit_code == 0, out.output
    assert re.search(r"pineal gland\s+│\s+draft", out.output) and "draft: 2" in out.output
    out = _cli("knowledge", "show", "Pineal_Gland", "--recipe", recipe)
    assert out.exit_code == 0 and "# pineal gland: draft" in out.output and "pineal glands" in out.output


def test_invalid_drafts_are_kept_raw_and_drafts_are_refused_until_allowed(tmp_path):
    recipe = _label_map_set(tmp_path)
    ws = tmp_path / "ws"
    with DraftServer(invalid={"olfactory bulb"}) as server:
        out = _cli("knowledge", "draft", recipe, "-w", ws, "--base-url", server.base_url, "--model", "m",
                   "--no-progress")
    assert out.exit_code == 0, out.output
    assert "drafted 1, rejected 1 (kept raw)" in out.output
    rejected = json.loads((tmp_path / "knowledge" / "olfactory-bulb.rejected.json").read_text())
    assert rejected["raw"] == json.dumps({"synonyms": "pineal", "category": "gland"})
    assert "not a valid knowledge entry" in rejected["reason"] and "synonyms" in rejected["reason"]
    out = _cli("knowledge", "check", "--recipe", recipe)
    assert re.search(r"olfactory bulb\s+│\s+rejected", out.output), out.output

    out = _cli("generate", recipe, "-w", ws, "--no-progress")
    assert out.exit_code == 0, out.output
    with Workspace(ws) as w:
        codes = {code: msg for _, _, code, msg in w.quarantined()}
        assert set(codes) == {"draft_knowledge", "no_knowledge"}
        assert "medsegqa knowledge draft" in codes["no_knowledge"] and "pipelines/knowledge" not in codes["no_knowledge"]
        assert "knowledge sign-off 'pineal gland'" in codes["draft_knowledge"]
        assert list(w.conversations(("passed", "flagged"))) == []
    out = _cli("generate", recipe, "-w", ws, "--no-progress", "--allow-draft-knowledge")
    assert out.exit_code == 0, out.output
    with Workspace(ws) as w:
        convs = [c for c, _ in w.conversations(("passed", "flagged"))]
        assert len(convs) == 2 and {c.provenance.knowledge_status for c in convs} == {"draft"}
        assert {code for _, _, code, _ in w.quarantined()} == {"no_knowledge"}


@pytest.mark.server
def test_done_when_unknown_labels_drafted_by_the_local_llm_signed_off_and_generated(tmp_path, llm_server):
    recipe = _label_map_set(tmp_path)
    ws = tmp_path / "ws"
    out = _cli("ingest", recipe, "-w", ws, "--no-progress")
    assert out.exit_code == 0, out.output
    assert all(lookup(t) is None for t in LABELS.values())  # unknown to the built-in base

    out = _cli("knowledge", "draft", recipe, "-w", ws, "--base-url", llm_server.base_url, "--model",
               llm_server.alias, "--no-progress")
    assert out.exit_code == 0, out.output
    assert "drafted 2, rejected 0" in out.output, out.output
    for name in LABELS.values():
        raw = yaml.safe_load((tmp_path / "knowledge" / f"{name.replace(' ', '-')}.yaml").read_text())
        assert raw["name"] == name and raw["status"] == "draft" and raw["drafted_by"] == llm_server.alias
        assert len(raw["functions"]) == 3 and len(raw["clinical"]) == 3 and raw["category"]

    out = _cli("generate", recipe, "-w", ws, "--no-progress")
    assert out.exit_code == 0 and "quarantined (draft_knowledge: 4)" in out.output, out.output
    for name in LABELS.values():
        out = _cli("knowledge", "sign-off", name, "--by", "Dr Test", "--recipe", recipe)
        assert out.exit_code == 0, out.output
        raw = yaml.safe_load((tmp_path / "knowledge" / f"{name.replace(' ', '-')}.yaml").read_text())
        assert raw["status"] == "approved" and raw["reviewed_by"] == "Dr Test" and raw["reviewed_at"]
    out = _cli("generate", recipe, "-w", ws, "--no-progress")
    assert out.exit_code == 0, out.output
    with Workspace(ws) as w:
        convs = [c for c, _ in w.conversations(("passed", "flagged"))]
        records = {r.record_id: r for r in w.records()}
        assert {records[c.record_id].target for c in convs} == set(LABELS.values())
        assert len(convs) == 4 and {c.provenance.knowledge_status for c in convs} == {"approved"}
        assert w.quarantined() == []

    out = _cli("export", "--recipe", recipe, "--version", "0.1.0", "--output", tmp_path / "exports", "-w", ws)
    assert out.exit_code == 0, out.output
    card = next((tmp_path / "exports").rglob("README.md")).read_text()
    assert "## Knowledge" in card and "Rows built on draft knowledge: 0 of 4." in card
    for name in LABELS.values():
        assert re.search(rf"\| {name} \| approved \| `[0-9a-f]{{20}}` \|", card), card
