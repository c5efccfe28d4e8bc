"""`train-baseline`: train a MedSeg-R preset on an exported dataset.

Contract: deterministic for a seed (sample order and augmentation from seeded generators); frozen outputs
are cached by content before the first step (time reported as `cache_s`); a rich progress bar; every
`eval_every` steps and at the end a validation pass (gIoU/cIoU/Dice) and a checkpoint in
`OUT/checkpoint` (safetensors + config.json + trainer.pt); `resume=True` continues from it at the step
it stopped. `OUT/metrics.jsonl` gets a line per logged step and per evaluation, `OUT/training.png` the
loss and validation-gIoU curves. Out of memory on a device raises an error suggesting a smaller batch
or preset.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np

from medseg_qa.errors import MedsegQAError
from medseg_qa.model.config import ModelConfig
from medseg_qa.model.data import load_rows
from medseg_qa.model.evaluate import score
from medseg_qa.model.losses import align_loss, mask_losses, resize_target, summarise, total_loss

LOG_EVERY = 10
VAL_LIMIT = 96


def _targets(split, size: int):
    """Per row: the mask at the decoder's resolution (1,L,L)."""
    import torch

    return [resize_target(torch.from_numpy(r.mask.astype(np.float32))[None, None], size)[0] for r in split.rows]


def epoch_order(split, seed: int, grouped: bool):
    """A seeded permutation of the split's samples. Grouped (the box variant): a permutation of the images,
    each followed by all its samples, so a batch holds many questions about a few images and the locator's
    image trunk runs once per image, not once per sample."""
    import torch

    gen = torch.Generator().manual_seed(seed)
    if not grouped:
        return torch.randperm(len(split.samples), generator=gen)
    by_image: dict[str, list[int]] = {}
    for i, s in enumerate(split.samples):
        by_image.setdefault(split.rows[s.row].image_key, []).append(i)
    groups = list(by_image.values())
    return torch.tensor([i for g in torch.randperm(len(groups), generator=gen).tolist() for i in groups[g]])


def plot(metrics_path: Path, out: Path) -> None:
    """Loss (left) and validation gIoU (right) against step, drawn with PIL (no plotting dependency)."""
    from PIL import Image, ImageDraw

    lines = [json.loads(x) for x in metrics_path.read_text().splitlines() if x.strip()]
    series = {"loss": [(x["step"], x["loss"]) for x in lines if "loss" in x],
              "val gIoU": [(x["step"], x["gIoU"]) for x in lines if x.get("split") == "validation"]}
    img = Image.new("RGB", (880, 320), "white")
    d = ImageDraw.Draw(img)
    for i, (name, pts) in enumerate(series.items()):
        x0, y0, w, h = 50 + i * 430, 30, 380, 250
        d.rectangle([x0, y0, x0 + w, y0 + h], outline="black")
        d.text((x0, 8), name, fill="black")
        if not pts:
            continue
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        lo, hi = (0.0, 1.0) if name != "loss" else (min(ys), max(ys) or 1.0)
        span_x, span_y = (max(xs) - min(xs)) or 1, (hi - lo) or 1
        xy = [(x0 + (x - min(xs)) / span_x * w, y0 + h - (y - lo) / span_y * h) for x, y in pts]
        d.line(xy, fill="blue", width=2) if len(xy) > 1 else d.ellipse([xy[0][0] - 3, xy[0][1] - 3, xy[0][0] + 3, xy[0][1] + 3], fill="blue")
        d.text((x0 + 2, y0 + h + 4), f"step {min(xs)}..{max(xs)}   {lo:.3g}..{hi:.3g}", fill="black")
    img.save(out)


def train(dataset, out: Path, cfg: ModelConfig, device: str = "auto", resume: bool = True,
          cache_root=None, val_limit: int = VAL_LIMIT, quiet: bool = False) -> dict:
    import torch
    import torch.nn.functional as F
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, \
        TimeRemainingColumn

    from medseg_qa.model.data import augment
    from medseg_qa.model.runtime import Runtime, pick_device

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tc = cfg.train
    torch.manual_seed(tc.seed)
    device = pick_device(device)
    t_start = time.perf_counter()
    train_split, val_split = load_rows(dataset, "train"), load_rows(dataset, "validation")
    if not train_split.samples:
        raise MedsegQAError(f"dataset {dataset} has no training samples (empty train split)")
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TimeRemainingColumn(), disable=quiet, transient=False)
    with progress:
        rt = Runtime(cfg, device, cache_root, progress)
        t_build = time.perf_counter()
        seg_train = None
        if cfg.cached:
            train_split.emb_cache = rt.embeddings([r.image_key for r in train_split.rows], train_split.images)
            val_split.emb_cache = rt.embeddings([r.image_key for r in val_split.rows], val_split.images)
            seg_train = rt.seg_states([s.messages for s in train_split.samples])
            rt.seg_states([s.messages for s in val_split.samples[:val_limit]])
        cache_s = time.perf_counter() - t_build
        names = sorted({r.target for r in train_split.rows})
        name_index = {n: i for i, n in enumerate(names)}
        aligned = bool(cfg.loss.align) and rt.model.locator is None   # a locator reads the state itself
        fixed_names = rt.name_states(names) if cfg.cached and aligned else None
        size = cfg.encoder.grid * 4
        masks = _targets(train_split, size)
        params = [p for p in rt.model.parameters() if p.requires_grad]
        # fused: one kernel for all parameters (the per-tensor loop cost ~15% of a tiny step on CPU)
        opt = torch.optim.AdamW(params, lr=tc.lr, weight_decay=tc.weight_decay, fused=True)
        n = len(train_split.samples)
        per_epoch = math.ceil(n / tc.batch_size)
        total = tc.max_steps or per_epoch * tc.epochs
        warm = max(1, min(50, total // 10))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min(1.0, (s + 1) / warm) * 0.5 * (1 + math.cos(math.pi * min(1.0, s / total))))
        ckpt = out / "checkpoint"
        step = 0
        metrics_path = out / "metrics.jsonl"
        if resume and (ckpt / "trainer.pt").is_file():
            from safetensors.torch import load_file

            state = torch.load(ckpt / "trainer.pt", map_location="cpu", weights_only=True)
            rt.model.load_state_dict(load_file(str(ckpt / "model.safetensors")), strict=False)
            opt.load_state_dict(state["optimizer"])
            sched.load_state_dict(state["scheduler"])
            step = int(state["step"])
        elif metrics_path.exists():
            metrics_path.unlink()
        log = metrics_path.open("a")
        gen = torch.Generator().manual_seed(tc.seed)
        task = progress.add_task(f"training {cfg.name}", total=total, completed=step)
        t_train, seen, last_val = time.perf_counter(), 0, None
        order_epoch, order = None, None
        rt.model.train()
        try:
            while step < total:
                epoch, pos = divmod(step, per_epoch)
                if epoch != order_epoch:   # one permutation per epoch, not per step
                    order_epoch = epoch
                    order = epoch_order(train_split, tc.seed * 1000 + epoch, grouped=rt.model.locator is not None)
                idx = order[pos * tc.batch_size:(pos + 1) * tc.batch_size].tolist()
                batch = [train_split.samples[i] for i in idx]
                rows = [train_split.rows[s.row] for s in batch]
                target = torch.stack([masks[s.row] for s in batch])
                with rt.autocast():
                    index = None
                    if cfg.cached:
                        keys = list(dict.fromkeys(r.image_key for r in rows))
                        index = torch.tensor([keys.index(r.image_key) for r in rows], device=device)
                        emb = torch.stack([train_split.emb_cache[k] for k in keys]).float().to(device)
                        seg = seg_train[idx].to(device)
                        ce = None
                        logits = None if rt.model.locator is not None else rt.model.decode(emb[index], seg)[0]
                    else:
                        pixels = rt.pixels([train_split.images[r.image_key] for r in rows])
                        if tc.augment:
                            pixels, target = augment(pixels, target, gen)
                        logits, _, ce, seg, emb = rt.forward(None, [s.messages for s in batch],
                                                             [s.answer for s in batch], pixels=pixels,
                                                             decode=rt.model.locator is None)
                    if rt.model.locator is not None:
                        # the box variant learns its coarse target map (the box is drawn from it, not learnt)
                        # against the share of each cell the mask covers; the frozen decoder's masks only
                        # matter at evaluation
                        logits = rt.model.locator(seg, emb, index)[:, None]
                        target = F.interpolate(target, size=logits.shape[-2:], mode="area")
                    align = None
                    if aligned:
                        anchors = fixed_names if fixed_names is not None else rt.name_states(names)
                        proj = rt.model.seg_proj[0]
                        align = align_loss(proj(seg.float()), proj(anchors.float()),
                                           torch.tensor([name_index[r.target] for r in rows], device=device))
                parts = {"ce": ce, "align": align, **mask_losses(logits.float(), target.to(device))}
                loss = total_loss(parts, cfg.loss)
                opt.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                sched.step()
                step += 1
                seen += len(batch)
                progress.update(task, advance=1, description=f"training {cfg.name} loss {loss.item():.3f}")
                if step % LOG_EVERY == 0 or step == 1 or step == total:
                    rec = {"step": step, "loss": loss.item(), "lr": sched.get_last_lr()[0],
                           **{k: float(v.detach()) for k, v in parts.items() if v is not None}}
                    log.write(json.dumps(rec) + "\n")
                    log.flush()
                if step % tc.eval_every == 0 or step == total:
                    val = summarise(score(rt, val_split, val_split.samples[:val_limit])[0])
                    rt.model.train()
                    last_val = {"step": step, "split": "validation", **val}
                    log.write(json.dumps(last_val) + "\n")
                    log.flush()
                    rt.save(ckpt, {"optimizer": opt.state_dict(), "scheduler": sched.state_dict(), "step": step})
        except torch.OutOfMemoryError:
            raise MedsegQAError(f"out of memory on {device} at batch size {tc.batch_size}; retry with "
                                f"--batch-size {max(1, tc.batch_size // 2)} or the smaller preset tiny") from None
        finally:
            log.close()
    train_s = time.perf_counter() - t_train
    plot(metrics_path, out / "training.png")
    summary = {"preset": cfg.name, "grounding": cfg.grounding, "device": device, "steps": step,
               "train_samples": n, "cache_s": round(cache_s, 2), "train_s": round(train_s, 2),
               "total_s": round(time.perf_counter() - t_start, 2),
               "samples_per_s": round(seen / train_s, 2) if train_s and seen else None,
               "validation": last_val, "checkpoint": str(ckpt)}
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary
