"""Compact MedSeg-R on a phantom export (>= 2,000 rows by default): per preset, CPU training time (cache
build included, and where the time goes), test gIoU, the gap over the same model's text-blind ablation,
training samples/s and cache build time. `lite` (box prompts, the default) and `lite-seg` ([SEG]
embedding) are the two grounding variants of the same pretrained parts, reported side by side.

Quality bars (issue 12): lite <= 60 min, gIoU >= 0.70, gap >= 0.30; tiny <= 10 min, gIoU >= 0.55,
gap >= 0.20. Ratios: gIoU against the text-blind gIoU of the same model; times against the bar.

Scale knobs (environment), for a quick run on a loaded machine: MEDSEGQA_BENCH_CASES (phantom cases,
default 105 x 3 slices, about 2,050 rows), MEDSEGQA_BENCH_PRESETS (default "tiny,lite,lite-seg"),
MEDSEGQA_BENCH_TINY_STEPS / _LITE_STEPS / _LITE_SEG_STEPS (default: the preset's epochs), MEDSEGQA_BENCH_TEST_LIMIT
(test samples scored, default all), MEDSEGQA_BENCH_DIR (work folder; each preset's result is written
there as NAME.json as soon as it finishes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from bench.common import measure, row

ROOT = Path(__file__).resolve().parents[1]
BARS = {"tiny": (600, 0.55, 0.20), "lite": (3600, 0.70, 0.30), "lite-seg": (3600, 0.70, 0.30)}

BODY = """
import json, time
from pathlib import Path
from medseg_qa.model.config import load_config
from medseg_qa.model.data import load_rows
from medseg_qa.model.evaluate import evaluate
from medseg_qa.model.runtime import Runtime
from medseg_qa.model.train import train
cfg = load_config({preset!r}, **{overrides!r})
summary = train({export!r}, Path({out!r}), cfg, device="cpu", cache_root={cache!r}, val_limit=48, quiet=True)
t = time.perf_counter()
rt = Runtime.load(Path({out!r}) / "checkpoint", "cpu", {cache!r})
rep = evaluate(rt, {export!r}, "test", Path({out!r}) / "eval", limit={limit!r}, answer_samples=4)
RESULT = {{"summary": summary, "eval_s": time.perf_counter() - t, "gIoU": rep["overall"]["gIoU"],
          "cIoU": rep["overall"]["cIoU"], "dice": rep["overall"]["dice"], "blind": rep["text_blind"]["gIoU"],
          "gap": rep["text_gap"], "samples": rep["samples"], "answers": rep["answers"]}}
"""


def _export(tmp: Path, cases: int) -> tuple[Path, int]:
    recipe = yaml.safe_load((ROOT / "pipelines" / "demo.yaml").read_text())
    recipe["sources"][0]["options"].update(cases=cases, slices_per_case=3)
    (tmp / "bench.yaml").write_text(yaml.safe_dump(recipe))
    for args in (["generate", "bench.yaml"], ["export", "--recipe", "bench.yaml", "--version", "0.1.0"]):
        subprocess.run([sys.executable, "-m", "medseg_qa", *args], cwd=tmp, check=True, capture_output=True)
    path = tmp / "exports" / recipe["export"]["name"] / "0.1.0"
    rows = sum(json.loads((path / "manifest.json").read_text()).get("rows", {}).values()) \
        if (path / "manifest.json").is_file() else 0
    return path, rows


def run() -> list[dict]:
    env = os.environ.get
    tmp = Path(env("MEDSEGQA_BENCH_DIR") or tempfile.mkdtemp(prefix="bench-model-"))
    tmp.mkdir(parents=True, exist_ok=True)
    export, n_rows = _export(tmp, int(env("MEDSEGQA_BENCH_CASES", "105")))
    limit = int(env("MEDSEGQA_BENCH_TEST_LIMIT", "0")) or None
    out: list[dict] = []
    for name in env("MEDSEGQA_BENCH_PRESETS", "tiny,lite,lite-seg").split(","):
        steps = env(f"MEDSEGQA_BENCH_{name.upper().replace('-', '_')}_STEPS")
        overrides = {"train.max_steps": int(steps) if steps else None}
        r = measure(BODY.format(preset=name, overrides=overrides, export=str(export), out=str(tmp / name),
                                cache=str(tmp / "cache"), limit=limit), timeout=4 * 3600)
        s = r["summary"]
        bar_s, bar_giou, bar_gap = BARS[name]
        where = (f"cache {s['cache_s']:.0f}s + train {s['train_s']:.0f}s ({s['steps']} steps) + setup "
                 f"{s['total_s'] - s['cache_s'] - s['train_s']:.0f}s; eval {r['eval_s']:.0f}s; "
                 f"{n_rows} rows, {r['samples']} test samples; peak RSS {r['peak_rss_mb']:.0f} MB")
        out += [
            row(f"model {name}: CPU training time", f"bar {bar_s}s", round(s["total_s"]), bar_s, "s", where),
            row(f"model {name}: test gIoU", "text-blind gIoU", round(r["gIoU"], 3), r["blind"], "gIoU",
                f"bar {bar_giou}; cIoU {r['cIoU']:.3f}, Dice {r['dice']:.3f}"),
            row(f"model {name}: text gap", f"bar {bar_gap}", round(r["gap"], 3), bar_gap, "gIoU",
                f"gIoU {r['gIoU']:.3f} - text-blind {r['blind']:.3f}"),
            row(f"model {name}: training samples/s", "", s["samples_per_s"], None, "samples/s",
                f"{s['train_samples']} training samples"),
            row(f"model {name}: cache build", "", s["cache_s"], None, "s", "frozen encoder + LM outputs"),
        ]
        (tmp / f"{name}.json").write_text(json.dumps(r, indent=2))
    print(f"bench-model outputs in {tmp}", file=sys.stderr)
    return out
