"""Shared helpers of the model tests: a small phantom export built with the real CLI, and a micro config."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def phantom_export(tmp: Path, cases: int = 4, slices: int = 2) -> Path:
    """generate + export of the demo recipe with fewer phantom cases; returns the export folder. Two slices per
    case at least: a set whose patients have one image each is grouped by near-duplicate images, and the
    phantom's look-alike slices would then all land in one split."""
    recipe = yaml.safe_load((ROOT / "pipelines" / "demo.yaml").read_text())
    recipe["sources"][0]["options"].update(cases=cases, slices_per_case=slices)
    recipe["generation"]["user_turns"] = 2
    (tmp / "demo.yaml").write_text(yaml.safe_dump(recipe))
    for args in (["generate", "demo.yaml"], ["export", "--recipe", "demo.yaml", "--version", "0.1.0"]):
        subprocess.run([sys.executable, "-m", "medseg_qa", *args], cwd=tmp, check=True, capture_output=True)
    return tmp / "exports" / recipe["export"]["name"] / "0.1.0"


def micro_config(tmp: Path, steps: int = 12, **extra) -> Path:
    """The tiny preset shrunk to a micro model (seconds per step on a loaded CPU)."""
    cfg = yaml.safe_load((ROOT / "model" / "presets" / "tiny.yaml").read_text())
    cfg.update(name="micro", image_size=64, image_tokens=4,
               encoder={"kind": "conv", "dim": 32, "grid": 8},
               decoder={"dim": 32, "depth": 1, "mlp_dim": 64, "heads": 2},
               lm={"kind": "scratch", "hidden": 64, "layers": 1, "heads": 2, "intermediate": 128})
    cfg["train"].update(batch_size=8, max_steps=steps, eval_every=steps, augment=True, lr=0.003,
                        max_prompt_tokens=48, max_answer_tokens=8)
    cfg.update(extra)
    path = tmp / "micro.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path
