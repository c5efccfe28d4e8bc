"""Training losses (LISA weighting by default: CE 1.0, BCE 2.0, Dice 0.5) and segmentation metrics.

Contract: `mask_losses(logits, target)` compares logits at the decoder's resolution with the target mask
area-resized to it; Dice comes from MONAI (`DiceLoss(sigmoid=True)`, per sample, then averaged).
`mask_scores(pred, gt)` gives per-sample intersection, union, IoU and Dice of boolean masks, IoU and Dice
from MONAI's `compute_iou`/`compute_dice`; an empty prediction of an empty target counts as a perfect
match. gIoU is the mean of per-sample IoU, cIoU the cumulative intersection over cumulative union.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from medseg_qa.model.config import LossConfig


def resize_target(target, size):
    """(B,1,H,W) float mask -> (B,1,size,size), a pixel is in when at least half its area is."""
    if target.shape[-1] == size:
        return target
    return (F.interpolate(target, size=(size, size), mode="area") >= 0.5).float()


def mask_losses(logits, target) -> dict:
    from monai.losses import DiceLoss

    target = resize_target(target, logits.shape[-1])
    bce = F.binary_cross_entropy_with_logits(logits, target)
    dice = DiceLoss(sigmoid=True, reduction="mean")(logits, target)
    return {"bce": bce, "dice": dice}


def total_loss(parts: dict, w: LossConfig):
    weights = {"ce": w.ce, "bce": w.bce, "dice": w.dice, "align": w.align}
    return sum(weights[k] * v for k, v in parts.items() if v is not None)


def mask_scores(pred, gt) -> dict:
    """Per-sample scores of boolean masks (B,H,W): lists of intersection, union, iou, dice."""
    from monai.metrics import compute_dice, compute_iou

    p = torch.as_tensor(pred).bool()
    g = torch.as_tensor(gt).bool()
    inter = (p & g).flatten(1).sum(1)
    union = (p | g).flatten(1).sum(1)
    pf, gf = p[:, None].float(), g[:, None].float()
    iou = compute_iou(pf, gf, include_background=True, ignore_empty=False)[:, 0]
    dice = compute_dice(pf, gf, include_background=True, ignore_empty=False)[:, 0]
    return {"intersection": inter.tolist(), "union": union.tolist(), "iou": iou.tolist(), "dice": dice.tolist()}


def summarise(scores: list[dict]) -> dict:
    """gIoU, cIoU and Dice over per-sample score dicts (keys intersection, union, iou, dice)."""
    if not scores:
        return {"n": 0, "gIoU": float("nan"), "cIoU": float("nan"), "dice": float("nan")}
    inter = sum(s["intersection"] for s in scores)
    union = sum(s["union"] for s in scores)
    return {"n": len(scores), "gIoU": sum(s["iou"] for s in scores) / len(scores),
            "cIoU": inter / union if union else 1.0, "dice": sum(s["dice"] for s in scores) / len(scores)}


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 on lower-cased word tokens (longest common subsequence, beta = 1)."""
    c, r = candidate.lower().split(), reference.lower().split()
    if not c or not r:
        return 0.0
    prev = [0] * (len(r) + 1)
    for a in c:
        cur = [0]
        for j, b in enumerate(r):
            cur.append(prev[j] + 1 if a == b else max(prev[j + 1], cur[j]))
        prev = cur
    lcs = prev[-1]
    if lcs == 0:
        return 0.0
    p, rec = lcs / len(c), lcs / len(r)
    return 2 * p * rec / (p + rec)


def align_loss(seg, names, index, tau: float = 0.1):
    """InfoNCE of each sample's projected [SEG] state (B,K) against the projected states of the target
    names (N,K): the sample's own target (index, (B,)) must be the nearest. It teaches the projection to
    read which structure the dialogue means, whatever the wording, early in training when the mask
    losses alone barely reach the text."""
    logits = F.normalize(seg, dim=-1) @ F.normalize(names, dim=-1).T / tau
    return F.cross_entropy(logits, index)
