"""Pictures of image-mask pairs: a mask overlaid in colour, and a contact sheet of several.

Used by the export's `preview.png`, the card gallery and the HTML preview, so every picture of a
release colours the same target the same way.
"""

from __future__ import annotations

import io
from typing import Sequence

PALETTE = [(230, 25, 75), (60, 180, 75), (255, 225, 25), (0, 130, 200), (245, 130, 48), (145, 30, 180),
           (70, 240, 240), (240, 50, 230), (210, 245, 60), (250, 190, 212), (0, 128, 128), (170, 110, 40)]


def colour_for(target: str, targets: Sequence[str]) -> tuple[int, int, int]:
    """The colour of `target` among the sorted targets of a release."""
    ordered = sorted(set(targets))
    return PALETTE[ordered.index(target) % len(PALETTE)] if target in ordered else PALETTE[0]


def overlay(image_png: bytes, mask_png: bytes, colour: tuple[int, int, int], max_side: int = 0):
    """The image in RGB with the mask tinted half-way to `colour` and outlined; scaled to `max_side`."""
    from PIL import Image, ImageFilter

    with Image.open(io.BytesIO(image_png)) as im:
        img = im.convert("RGB")
    with Image.open(io.BytesIO(mask_png)) as im:
        mask = im.convert("L").resize(img.size, Image.NEAREST).point(lambda v: 255 if v > 127 else 0)
    if max_side and max(img.size) != max_side:
        scale = max_side / max(img.size)
        shape = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
        img, mask = img.resize(shape, Image.BILINEAR), mask.resize(shape, Image.NEAREST)
    tinted = Image.blend(img, Image.new("RGB", img.size, colour), 0.5)
    out = Image.composite(tinted, img, mask)
    edge = mask.filter(ImageFilter.FIND_EDGES)
    return Image.composite(Image.new("RGB", img.size, colour), out, edge)


def png_bytes(picture) -> bytes:
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    return buf.getvalue()


def contact_sheet(items: Sequence[tuple[bytes, bytes, str]], tile: int = 160, columns: int = 4) -> bytes:
    """A PNG grid of (image, mask, target) tiles, the target as caption in its colour."""
    from PIL import Image, ImageDraw, ImageFont

    caption = 18
    cols = min(columns, max(len(items), 1))
    nrows = max(1, -(-len(items) // cols))
    sheet = Image.new("RGB", (cols * tile, nrows * (tile + caption)), (24, 24, 24))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    targets = [t for _, _, t in items]
    for i, (image_png, mask_png, target) in enumerate(items):
        colour = colour_for(target, targets)
        pic = overlay(image_png, mask_png, colour, tile - 4)  # a gutter between tiles
        x0, y0 = (i % cols) * tile, (i // cols) * (tile + caption)
        sheet.paste(pic, (x0 + (tile - pic.width) // 2, y0 + (tile - pic.height) // 2))
        label = target if len(target) <= 24 else target[:23] + "…"
        draw.text((x0 + 4, y0 + tile + 3), label, fill=colour, font=font)
    return png_bytes(sheet)


def pick_variety(rows: Sequence, target_of, n: int) -> list:
    """Up to `n` rows, one per target first (in order), then the rest in order: the variety shows."""
    picked, seen = [], set()
    for row in rows:
        if len(picked) == n:
            break
        if target_of(row) not in seen:
            seen.add(target_of(row))
            picked.append(row)
    taken = {id(r) for r in picked}
    for row in rows:
        if len(picked) >= n:
            break
        if id(row) not in taken:
            picked.append(row)
    return picked
