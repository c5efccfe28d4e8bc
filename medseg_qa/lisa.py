"""The ReasonSeg/LISA layout: one image file and one JSON per sample, the mask as polygons.

LISA's `ReasonSegDataset` reads `<root>/reason_seg/<Name>/<split>/*.jpg` and, beside each image, a JSON
with `text` (the questions), `is_sentence` and `shapes` (labelme polygons: `target` to fill, `ignore`
for regions the loss skips). Its decoder fills every polygon (outline included) in order of decreasing
area. So a mask becomes, per connected component, the polygon through the centres of its boundary
pixels (filling it, outline included, gives the component back) and, per hole, an `ignore` polygon
through the hole's boundary pixels. `polygons_to_mask` decodes the same way LISA does, so a test can
round-trip a mask and measure the loss.

Each JSON also carries the full conversation, the answer (the first assistant turn, with `[SEG]`), the
target and the row id, which LISA ignores and other code can use.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

SPLIT_NAMES = {"train": "train", "validation": "val", "test": "test"}  # LISA's folder names


def _simplify(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop repeated and collinear vertices of a closed polygon (same filled area, smaller JSON)."""
    out: list[tuple[int, int]] = []
    for p in points:
        if not out or p != out[-1]:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    changed = True
    while changed and len(out) > 3:
        changed = False
        keep = []
        n = len(out)
        for i in range(n):
            a, b, c = out[i - 1], out[i], out[(i + 1) % n]
            if (b[0] - a[0]) * (c[1] - b[1]) == (b[1] - a[1]) * (c[0] - b[0]):
                changed = True
                continue
            keep.append(b)
        out = keep if len(keep) >= 3 else out
        if len(keep) < 3:
            break
    return out


def _component_polygons(component: np.ndarray) -> list[list[tuple[int, int]]]:
    """Polygons through the centres of a component's boundary pixels, as (x, y) integer points."""
    import contourpy

    padded = np.pad(component.astype(np.float64), 1)
    lines = contourpy.contour_generator(z=padded, line_type=contourpy.LineType.Separate).lines(0.5)
    polygons = []
    for line in lines:
        pts = []
        for x, y in line:  # each vertex lies half-way between an inside and an outside pixel centre
            lo, hi = (int(np.floor(x)), int(np.floor(y))), (int(np.ceil(x)), int(np.ceil(y)))
            cx, cy = lo if padded[lo[1], lo[0]] else hi
            pts.append((cx - 1, cy - 1))
        simple = _simplify(pts)
        if simple:
            polygons.append(simple)
    return polygons


def mask_to_shapes(mask: np.ndarray, label: str = "target") -> list[dict]:
    """labelme shapes of a binary mask: `target` polygons per component, `ignore` polygons per hole."""
    from scipy import ndimage

    binary = np.asarray(mask) > 127 if np.asarray(mask).max() > 1 else np.asarray(mask) > 0
    filled = ndimage.binary_fill_holes(binary)
    shapes = []
    for region, name in ((filled, label), (filled & ~binary, "ignore")):
        labelled, n = ndimage.label(region)
        for i in range(1, n + 1):
            for poly in _component_polygons(labelled == i):
                shapes.append({"label": name, "labelme_class": name, "points": [[x, y] for x, y in poly],
                               "group_id": None, "shape_type": "polygon", "flags": {}})
    return shapes


def polygons_to_mask(shapes: Sequence[Mapping], height: int, width: int) -> np.ndarray:
    """Decode shapes the way LISA does (fill with outline, largest first); `ignore` becomes background."""
    from PIL import Image, ImageDraw

    def area(points) -> float:
        pts = np.asarray(points, dtype=np.float64)
        return abs(np.dot(pts[:, 0], np.roll(pts[:, 1], 1)) - np.dot(pts[:, 1], np.roll(pts[:, 0], 1))) / 2

    canvas = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(canvas)
    for shape in sorted((s for s in shapes if s["label"].lower() != "flag"), key=lambda s: -area(s["points"])):
        value = 2 if "ignore" in shape["label"].lower() else 1
        points = [tuple(int(v) for v in p) for p in shape["points"]]
        if len(points) == 1:
            draw.point(points, fill=value)
        else:
            draw.polygon(points, fill=value, outline=value)
    return (np.asarray(canvas) == 1).astype(np.uint8) * 255


def sample_json(row: Mapping, mask: np.ndarray, image_name: str) -> dict:
    questions = [t["content"] for t in row["conversation"] if t["role"] == "user"]
    answers = [t["content"] for t in row["conversation"] if t["role"] == "assistant"]
    answer = next((a for a in answers if "[SEG]" in a), answers[0] if answers else "")
    shapes = mask_to_shapes(mask)
    for s in shapes:
        s["image_name"] = image_name
    return {"text": questions[:1], "is_sentence": True, "shapes": shapes, "answer": answer,
            "conversation": list(row["conversation"]), "target": row["target"], "id": row["id"],
            "record_id": row["record_id"], "height": int(mask.shape[0]), "width": int(mask.shape[1])}


def write_sample(folder: Path, row: Mapping, image_png: bytes, mask_png: bytes) -> Path:
    """Write `<id>.jpg` and `<id>.json` into `folder`; returns the JSON path."""
    from PIL import Image

    from medseg_qa.imageio import from_png_bytes

    folder.mkdir(parents=True, exist_ok=True)
    stem = row["id"]
    with Image.open(io.BytesIO(image_png)) as im:
        im.convert("RGB").save(folder / f"{stem}.jpg", format="JPEG", quality=95)
    mask = from_png_bytes(mask_png)
    path = folder / f"{stem}.json"
    path.write_text(json.dumps(sample_json(row, mask, f"{stem}.jpg")) + "\n", encoding="utf-8")
    return path


def write_lisa(root: Path, name: str, splits: Mapping[str, Iterable[tuple[Mapping, bytes, bytes]]]) -> int:
    """Write `root/reason_seg/<name>/<split>/`; returns the number of samples written."""
    n = 0
    for split, items in splits.items():
        folder = root / "reason_seg" / name / SPLIT_NAMES.get(split, split)
        folder.mkdir(parents=True, exist_ok=True)
        for row, image_png, mask_png in items:
            write_sample(folder, row, image_png, mask_png)
            n += 1
    return n
