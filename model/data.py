"""Exported dataset -> training samples, through Hugging Face `datasets` only.

Contract:
- `load_rows(dataset, split)` accepts an export folder (`load_from_disk`) or a hub id / data folder
  (`load_dataset`); a split without the columns image, mask, conversation, target raises
  `DatasetFormatError` naming the missing ones. Images are grey uint8 arrays kept once per content hash.
- `expand(rows)` turns each conversation into one sample per user turn: (image, dialogue so far ending
  with that user turn, the assistant's reply as the answer, the row's target mask). Later turns refer to
  the target through the dialogue ("What is its extent?"), so the prefix carries the earlier turns.
- `augment` (only where the encoder trains): small shifts, scaling and intensity changes applied to image
  and mask together; never a left-right flip, which would swap the patient's sides.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from medseg_qa.errors import MedsegQAError

REQUIRED = ("image", "mask", "conversation", "target")
BLIND = [{"role": "user", "content": ""}]   # the text-blind ablation's dialogue


class DatasetFormatError(MedsegQAError):
    """The dataset cannot be trained on as given (missing split or columns)."""


@dataclass
class Row:
    id: str
    image_key: str
    mask: np.ndarray            # bool (H, W)
    conversation: list[dict]
    target: str
    synonyms: list[str] = field(default_factory=list)
    modality: str = ""


@dataclass
class Sample:
    row: int
    messages: list[dict]
    answer: str


@dataclass
class Split:
    rows: list[Row]
    images: dict[str, np.ndarray]   # content hash -> grey uint8 (H, W)
    samples: list[Sample]


def _grey(img) -> np.ndarray:
    arr = np.asarray(img.convert("L") if hasattr(img, "convert") else img)
    return arr.astype(np.uint8) if arr.ndim == 2 else arr[..., 0].astype(np.uint8)


def image_key(arr: np.ndarray) -> str:
    return hashlib.sha256(arr.tobytes() + str(arr.shape).encode()).hexdigest()[:32]


def open_dataset(dataset: str | Path):
    from datasets import load_dataset, load_from_disk

    path = Path(dataset)
    if (path / "dataset_dict.json").is_file() or (path / "state.json").is_file():
        return load_from_disk(str(path))
    try:
        return load_dataset(str(dataset))
    except Exception as exc:   # datasets raises many types for a missing path or hub id
        raise DatasetFormatError(f"cannot open dataset {dataset!r} ({type(exc).__name__}: {str(exc)[:160]}); "
                                 "pass an export folder (exports/NAME/VERSION) or a hub id") from None


def load_rows(dataset, split: str, limit: int | None = None) -> Split:
    ds = open_dataset(dataset) if isinstance(dataset, (str, Path)) else dataset
    if hasattr(ds, "keys"):
        if split not in ds:
            raise DatasetFormatError(f"dataset {dataset} has no split {split!r} (it has {', '.join(ds.keys())})")
        ds = ds[split]
    missing = [c for c in REQUIRED if c not in ds.column_names]
    if missing:
        raise DatasetFormatError(f"dataset {dataset} split {split!r} lacks the column(s) {', '.join(missing)} "
                                 f"needed for training; export it with `medsegqa export`")
    rows, images = [], {}
    n = len(ds) if limit is None else min(limit, len(ds))
    for i in range(n):
        r = ds[i]
        img = _grey(r["image"])
        mask = _grey(r["mask"]) > 0
        if mask.shape != img.shape:
            raise DatasetFormatError(f"row {r.get('id', i)} of {split}: mask {mask.shape} and image {img.shape} "
                                     "differ in size")
        key = image_key(img)
        images.setdefault(key, img)
        rows.append(Row(id=str(r.get("id", i)), image_key=key, mask=mask, conversation=list(r["conversation"]),
                        target=str(r["target"]), synonyms=list(r.get("synonyms") or []),
                        modality=str(r.get("modality") or "")))
    return Split(rows, images, expand(rows))


def expand(rows: list[Row]) -> list[Sample]:
    out = []
    for i, row in enumerate(rows):
        turns = row.conversation
        for t, turn in enumerate(turns):
            if turn["role"] != "user":
                continue
            answer = turns[t + 1]["content"] if t + 1 < len(turns) and turns[t + 1]["role"] == "assistant" else ""
            out.append(Sample(i, [dict(m) for m in turns[:t + 1]], answer))
    return out


def augment(pixels, masks, generator):
    """Random affine (shift <= 6%, scale 0.9-1.1, no flip, no rotation beyond 5 degrees) and intensity
    (gain 0.85-1.15, offset +-0.05) on (B,3,S,S) pixels in [0,1] and (B,1,H,W) masks, jointly."""
    import math

    import torch
    import torch.nn.functional as F

    b = pixels.shape[0]
    u = torch.rand(b, 6, generator=generator)
    scale = 0.9 + 0.2 * u[:, 0]
    ang = (u[:, 1] - 0.5) * math.radians(10)
    tx, ty = (u[:, 2] - 0.5) * 0.12, (u[:, 3] - 0.5) * 0.12
    cos, sin = torch.cos(ang) / scale, torch.sin(ang) / scale
    theta = torch.stack([torch.stack([cos, -sin, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, list(pixels.shape), align_corners=False)
    pixels = F.grid_sample(pixels, grid, padding_mode="border", align_corners=False)
    mgrid = F.affine_grid(theta, list(masks.shape), align_corners=False)
    masks = (F.grid_sample(masks, mgrid, mode="nearest", align_corners=False) > 0.5).float()
    gain = (0.85 + 0.3 * u[:, 4]).view(b, 1, 1, 1)
    offset = ((u[:, 5] - 0.5) * 0.1).view(b, 1, 1, 1)
    return (pixels * gain + offset).clamp(0, 1), masks
