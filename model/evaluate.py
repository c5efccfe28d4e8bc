"""Evaluation: gIoU, cIoU and Dice (overall, per target, per modality), answer metrics (target named,
ROUGE-L), the text-blind ablation (the dialogue replaced by one empty user prompt), a JSON report and an
overlay gallery.

Contract: `score(rt, split, samples, blind)` returns one score dict per sample (predicted mask upsampled
to the image's own size, thresholded at logit 0); `evaluate(...)` writes `report.json` and
`gallery.png` under `out` and returns the report. `text_gap` = gIoU - blind gIoU.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy as np

from medseg_qa.model.data import BLIND, Sample, Split, load_rows
from medseg_qa.model.losses import mask_scores, rouge_l, summarise
from medseg_qa.model.text import clean_answer, encode

EVAL_BATCH = 16
GALLERY = 12


def predict_masks(rt, split: Split, samples: list[Sample], blind: bool = False) -> list[np.ndarray]:
    import torch
    import torch.nn.functional as F

    rt.model.eval()
    out = []
    with torch.no_grad(), rt.autocast():
        for i in range(0, len(samples), EVAL_BATCH):
            chunk = samples[i:i + EVAL_BATCH]
            rows = [split.rows[s.row] for s in chunk]
            keys = [r.image_key for r in rows]
            dialogues = [BLIND if blind else s.messages for s in chunk]
            logits = rt.forward([split.images[k] for k in keys], dialogues, image_keys=keys,
                                      emb_cache=getattr(split, "emb_cache", None))[0]
            for lg, r in zip(logits.float(), rows):
                up = F.interpolate(lg[None], size=r.mask.shape, mode="bilinear", align_corners=False)
                out.append((up[0, 0] > 0).cpu().numpy())
    return out


def score(rt, split: Split, samples: list[Sample], blind: bool = False) -> tuple[list[dict], list]:
    """Per-sample score dicts and the predicted masks."""
    preds = predict_masks(rt, split, samples, blind)
    res = []
    for s, p in zip(samples, preds):
        row = split.rows[s.row]
        sc = mask_scores(p[None], row.mask[None])
        res.append({"id": row.id, "target": row.target, "modality": row.modality,
                    **{k: v[0] for k, v in sc.items()}})
    return res, preds


def generate_answer(rt, sample: Sample, image: np.ndarray, max_new: int) -> str:
    import torch

    lm = rt.lm()
    ids, _ = encode(rt.tok, sample.messages, None, rt.cfg.train.max_prompt_tokens, 0)
    ids = torch.tensor([ids], device=rt.device)
    with torch.no_grad(), rt.autocast():
        embeds = lm.get_input_embeddings()(ids)
        if rt.model.img_proj is not None:
            emb = rt.model.image_embedding(rt.pixels([image]))
            embeds = torch.cat([rt.model.image_tokens(emb).to(embeds.dtype), embeds], dim=1)
        attn = torch.ones(embeds.shape[:2], dtype=torch.long, device=rt.device)
        new = lm.generate(inputs_embeds=embeds, attention_mask=attn, max_new_tokens=max_new, do_sample=False,
                          pad_token_id=rt.tok.pad_token_id, eos_token_id=rt.tok.eos_token_id)
    return rt.tok.decode(new[0], skip_special_tokens=True).strip()


def answer_metrics(rt, split: Split, samples: list[Sample], limit: int) -> dict:
    """Over samples whose reference answer names the target: share of generated answers naming it (or a
    synonym), and mean ROUGE-L against the reference."""
    named, rouge, shown = [], [], []
    for s in samples:
        if len(named) >= limit:
            break
        row = split.rows[s.row]
        names = [row.target.lower()] + [x.lower() for x in row.synonyms]
        ref = clean_answer(s.answer)
        if not any(n in ref.lower() for n in names):
            continue
        gen = generate_answer(rt, s, split.images[row.image_key], rt.cfg.train.max_answer_tokens)
        named.append(any(n in gen.lower() for n in names))
        rouge.append(rouge_l(gen, ref))
        if len(shown) < 3:
            shown.append({"question": s.messages[-1]["content"], "answer": gen, "reference": ref})
    n = len(named)
    return {"n": n, "target_named": sum(named) / n if n else None,
            "rouge_l": sum(rouge) / n if n else None, "examples": shown}


def _grouped(scores: list[dict], field: str) -> dict:
    groups = defaultdict(list)
    for s in scores:
        groups[s[field] or "?"].append(s)
    return {k: summarise(v) for k, v in sorted(groups.items())}


def gallery(split: Split, samples: list[Sample], preds: list[np.ndarray], path: Path) -> None:
    """Grid of overlays: ground truth in green, prediction in red, overlap yellow; question as caption."""
    from PIL import Image, ImageDraw

    tile = 192
    n = min(GALLERY, len(samples))
    if n == 0:
        return
    cols = 4
    sheet = Image.new("RGB", (cols * tile, ((n + cols - 1) // cols) * (tile + 28)), "black")
    draw = ImageDraw.Draw(sheet)
    for i in range(n):
        row = split.rows[samples[i].row]
        img = np.repeat(split.images[row.image_key][..., None], 3, axis=2).astype(np.float32)
        gt, pr = row.mask, preds[i]
        img[gt] = img[gt] * 0.5 + np.array([0, 255, 0]) * 0.5
        img[pr] = img[pr] * 0.5 + np.array([255, 0, 0]) * 0.5
        x, y = (i % cols) * tile, (i // cols) * (tile + 28)
        sheet.paste(Image.fromarray(img.clip(0, 255).astype(np.uint8)).resize((tile, tile)), (x, y))
        draw.text((x + 2, y + tile + 2), f"{row.target}: {samples[i].messages[-1]['content'][:34]}", fill="white")
    sheet.save(path)


def evaluate(rt, dataset, split_name: str = "test", out: Path | None = None, limit: int | None = None,
             answer_samples: int = 16, split: Split | None = None) -> dict:
    split = split or load_rows(dataset, split_name)
    samples = split.samples[:limit] if limit else split.samples
    if rt.cfg.cached:
        split.emb_cache = rt.embeddings([r.image_key for r in split.rows], split.images)
    scores, preds = score(rt, split, samples)
    blind, _ = score(rt, split, samples, blind=True)
    overall, blind_sum = summarise(scores), summarise(blind)
    report = {"dataset": str(dataset), "split": split_name, "preset": rt.cfg.name, "grounding": rt.cfg.grounding,
              "samples": len(samples), "overall": overall, "text_blind": blind_sum,
              "text_gap": overall["gIoU"] - blind_sum["gIoU"] if samples else None,
              "per_target": _grouped(scores, "target"), "per_modality": _grouped(scores, "modality"),
              "answers": answer_metrics(rt, split, samples, answer_samples) if answer_samples else None}
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.json").write_text(json.dumps(report, indent=2))
        gallery(split, samples, preds, out / "gallery.png")
    return report


def print_report(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"MedSeg-R {report['preset']} ({report['grounding']}) on {report['split']}: "
                    f"{report['samples']} samples")
    for col in ("group", "n", "gIoU", "cIoU", "Dice"):
        t.add_column(col)

    def add(name, s):
        t.add_row(name, str(s["n"]), f"{s['gIoU']:.3f}", f"{s['cIoU']:.3f}", f"{s['dice']:.3f}")
    add("all", report["overall"])
    add("text-blind ablation", report["text_blind"])
    for k, s in report["per_target"].items():
        add(f"target: {k}", s)
    for k, s in report["per_modality"].items():
        add(f"modality: {k}", s)
    c = Console(width=140)
    c.print(t)
    gap = report["text_gap"]
    c.print(f"text gap (gIoU - text-blind gIoU): {gap:.3f}" if gap is not None else "text gap: n/a")
    a = report.get("answers")
    if a and a["n"]:
        c.print(f"answers ({a['n']} generated): target named {a['target_named']:.2f}, ROUGE-L {a['rouge_l']:.3f}")
