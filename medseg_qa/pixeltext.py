"""A screen for text burned into image pixels (names, ids, dates that no header de-identification sees).

Detection is Tesseract OCR (the Debian `tesseract-ocr` package with its English model, run as the
`tesseract` command; nothing is downloaded at run time). Burned-in annotation is bright, flat text laid
over the image, so the image is reduced to its brightest pixels at two levels (the 99th percentile,
at least 160, and a fixed 200 of 255), upscaled so the shorter side is about 400 pixels, and read in
sparse-text mode. A word counts when Tesseract is at least 60% confident and it has three or more
letters or digits; an image is a suspect when those words hold `min_chars` characters or more. Real
anatomy rarely reads as confident words (the CT, MR and NM images shipped with pydicom give none);
dark text on a bright background is not looked for.

`screen(image)` returns the finding (counts and boxes, never the words read); `require_no_text` turns it
into a quarantine reason that does not repeat the text. Any source can use them on any 8-bit image.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from medseg_qa.errors import ItemError, MedsegQAError

MIN_CONFIDENCE = 60.0
MIN_WORD_CHARS = 3
MIN_CHARS = 5
_TARGET_SIDE = 400
# one OpenMP thread per Tesseract run: on small images its threads cost more than they save (measured
# 35-40% faster on pydicom's test images), and ingest may run several screens at once
_OMP_DEFAULT = "1"


class PixelScreenUnavailable(MedsegQAError):
    """The OCR engine is not installed."""


@dataclass
class TextFinding:
    """What the screen found in one image: counts and boxes only, never the text itself."""

    words: int = 0
    chars: int = 0
    boxes: list[tuple[int, int, int, int]] = field(default_factory=list)  # (x, y, w, h) in image pixels

    @property
    def suspect(self) -> bool:
        return self.chars >= MIN_CHARS


@lru_cache(maxsize=1)
def tesseract_command() -> str:
    """Path of the `tesseract` executable; PixelScreenUnavailable with the install hint if missing."""
    path = shutil.which("tesseract")
    if path is None:
        raise PixelScreenUnavailable("the burned-in text screen needs Tesseract OCR: install the Debian package "
                                     "tesseract-ocr (make apt-deps), or turn the screen off for this source")
    return path


def available() -> bool:
    try:
        tesseract_command()
    except PixelScreenUnavailable:
        return False
    return True


def _gray(image: np.ndarray) -> np.ndarray:
    a = np.asarray(image)
    if a.ndim == 3:
        a = a[..., :3].mean(axis=-1)
    return np.asarray(a, dtype=np.uint8)


def _read_words(binary: np.ndarray, scale: int, timeout: float) -> TextFinding:
    from PIL import Image

    im = Image.fromarray(binary)
    if scale > 1:
        im = im.resize((im.width * scale, im.height * scale), Image.NEAREST)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    try:
        proc = subprocess.run([tesseract_command(), "stdin", "stdout", "--psm", "11", "-l", "eng", "tsv"],
                              input=buf.getvalue(), capture_output=True, timeout=timeout, check=False,
                              env={**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", _OMP_DEFAULT)})
    except subprocess.TimeoutExpired:
        raise PixelScreenUnavailable(f"Tesseract took over {timeout:.0f} s on one image") from None
    if proc.returncode != 0:
        raise PixelScreenUnavailable(f"Tesseract failed (exit {proc.returncode}); check the tesseract-ocr install")
    found = TextFinding()
    for line in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) != 12 or not cols[11].strip():
            continue
        try:
            conf = float(cols[10])
            x, y, w, h = (int(v) // scale for v in cols[6:10])
        except ValueError:
            continue
        n = sum(c.isalnum() for c in cols[11])
        if conf >= MIN_CONFIDENCE and n >= MIN_WORD_CHARS:
            found.words += 1
            found.chars += n
            found.boxes.append((x, y, w, h))
    return found


def screen(image: np.ndarray, *, timeout: float = 60.0) -> TextFinding:
    """Look for burned-in text in an 8-bit grayscale or RGB image; the finding with the most text.

    Stops at the first binarisation level that makes the image a suspect. Raises
    PixelScreenUnavailable when Tesseract is missing or fails.
    """
    a = _gray(image)
    if a.size == 0 or int(a.max()) == int(a.min()):
        return TextFinding()
    scale = max(1, min(4, -(-_TARGET_SIDE // max(min(a.shape), 1))))
    best = TextFinding()
    for level in (max(float(np.percentile(a, 99.0)), 160.0), 200.0):
        binary = np.where(a >= level, 0, 255).astype(np.uint8)  # dark text on white reads best
        found = _read_words(binary, scale, timeout)
        if found.chars > best.chars:
            best = found
        if best.suspect:
            break
    return best


def require_no_text(image: np.ndarray, where: str, key: str, *, override: str) -> None:
    """Raise ItemError('burned_in_text') when `image` shows text (counts only, never the text), or
    ItemError('pixel_screen_unavailable') when Tesseract is missing; `override` names the source option
    that turns the screen off."""
    try:
        found = screen(image)
    except PixelScreenUnavailable as exc:
        raise ItemError("pixel_screen_unavailable", f"{exc} ({where})", key) from None
    if found.suspect:
        raise ItemError("burned_in_text", f"image ({where}) shows {found.words} text-like regions, which may be "
                        f"burned-in identifiers; check the pixels, then set {override} for this source if they "
                        "are clean", key)


__all__ = ["TextFinding", "PixelScreenUnavailable", "screen", "require_no_text", "available", "tesseract_command",
           "MIN_CHARS", "MIN_CONFIDENCE", "MIN_WORD_CHARS"]
