"""The burned-in text screen (`medseg_qa.pixeltext`): how much planted text it finds, how often it flags
clean medical images, and what it costs per image.

Recall corpus, written independently of the screen's rules: random names, ids and dates (never the
strings of the tests) drawn in every TrueType font installed under /usr/share/fonts (DejaVu, Liberation,
...) and PIL's default font, at 9 to 28 px, white or light grey, in a corner or along the bottom, on
ultrasound-like speckle, on a black band, and on a CT-like slice, at 192x256 and 512x512. There is no
other text detector to compare with offline, so the recall row has no baseline; the BurnedInAnnotation
attribute alone finds none of these (they do not declare it).
Clean corpus: every 2D grayscale image pydicom's test data ships, the ITK example slices
(insighttoolkit5-examples) and middle slices of the mricron templates, where present.
Cost: seconds per image of the screen against PNG-encoding the same image (what ingest pays anyway).
"""

from __future__ import annotations

import glob
import random
import time

import numpy as np

from bench.common import row

SIZES = (9, 12, 16, 20, 28)


def _fonts():
    from PIL import ImageFont

    paths = sorted(glob.glob("/usr/share/fonts/**/*.ttf", recursive=True))
    regular = [p for p in paths if not any(w in p for w in ("Italic", "Oblique", "ExtraLight"))][:6]
    return [("pil-default", lambda s: ImageFont.load_default(size=s))] + [
        (p.rsplit("/", 1)[-1], (lambda path: (lambda s: ImageFont.truetype(path, s)))(p)) for p in regular]


def _text(rng: random.Random) -> list[str]:
    first = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWYZ") for _ in range(rng.randint(3, 8)))
    last = "".join(rng.choice("ABCDEFGHIKLMNOPRSTUVWZ") for _ in range(rng.randint(4, 9)))
    pid = f"{rng.choice(['ID', 'MRN', 'PID', '#'])} {rng.randint(10**5, 10**8)}"
    date = f"{rng.randint(1930, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return [f"{last}^{first}", f"{pid}  {date}"]


def _background(kind: str, shape, rng: np.random.Generator) -> np.ndarray:
    h, w = shape
    if kind == "speckle":
        return rng.rayleigh(40, shape).clip(0, 200)
    if kind == "black band":
        img = rng.rayleigh(40, shape).clip(0, 200)
        img[: h // 6], img[-h // 6:] = 0, 0
        return img
    yy, xx = np.mgrid[:h, :w]  # CT-like: a body ellipse with organs of different grey
    body = ((yy - h / 2) / (h * 0.42)) ** 2 + ((xx - w / 2) / (w * 0.45)) ** 2 <= 1
    img = np.where(body, 110.0, 0.0) + rng.normal(0, 6, shape)
    img[(((yy - h * 0.45) / (h * 0.12)) ** 2 + ((xx - w * 0.35) / (w * 0.15)) ** 2) <= 1] = 140
    return img.clip(0, 230)


def _draw(img: np.ndarray, lines, font, fill: int, where: str) -> np.ndarray:
    from PIL import Image, ImageDraw

    canvas = Image.new("L", (img.shape[1], img.shape[0]), 0)
    d = ImageDraw.Draw(canvas)
    size = font.size if hasattr(font, "size") else 12
    for k, line in enumerate(lines):
        y = 2 + k * (size + 3) if where == "corner" else img.shape[0] - (len(lines) - k) * (size + 3) - 2
        d.text((3, y), line, fill=255, font=font)
    out = img.copy()
    out[np.asarray(canvas) > 127] = fill
    return out.astype(np.uint8)


def _clean_images() -> list[np.ndarray]:
    import pydicom
    from PIL import Image
    from pydicom.data import get_testdata_files

    out = []
    for path in get_testdata_files("*.dcm"):
        try:
            ds = pydicom.dcmread(path)
            if "PixelData" not in ds or str(ds.get("Modality", "")) in ("US", "OT", "SC"):
                continue
            arr = np.asarray(ds.pixel_array, dtype=np.float64)
        except Exception:  # noqa: BLE001 - test files include deliberately broken ones
            continue
        if arr.ndim == 3 and arr.shape[-1] != 3:
            arr = arr[arr.shape[0] // 2]
        if arr.ndim != 2 or min(arr.shape) < 32:
            continue
        out.append(((arr - arr.min()) / max(np.ptp(arr), 1e-6) * 255).astype(np.uint8))
    for path in sorted(glob.glob("/usr/share/doc/insighttoolkit5-examples/examples/Data/*Slice*.png")):
        out.append(np.asarray(Image.open(path).convert("L")))
    try:
        import SimpleITK as sitk

        for path in sorted(glob.glob("/usr/share/mricron/templates/*.nii.gz"))[:6]:
            vol = sitk.GetArrayFromImage(sitk.ReadImage(path)).astype(np.float64)
            for sl in (vol[vol.shape[0] // 2], vol[:, vol.shape[1] // 2], vol[:, :, vol.shape[2] // 2]):
                out.append(((sl - sl.min()) / max(np.ptp(sl), 1e-6) * 255).astype(np.uint8))
    except Exception:  # noqa: BLE001 - the templates are optional here
        pass
    return out


def run() -> list[dict]:
    from medseg_qa.imageio import to_png_bytes
    from medseg_qa.pixeltext import available, screen

    if not available():
        return [row("pixel text screen", "none", 0, None, "-", "tesseract-ocr not installed: no figures")]
    rng, nrng = random.Random(7), np.random.default_rng(7)
    found = total = 0
    by_size: dict[int, list[int]] = {s: [0, 0] for s in SIZES}
    fonts = _fonts()
    for name, make in fonts:
        for size in SIZES:
            for bg in ("speckle", "black band", "ct-like"):
                shape = rng.choice([(192, 256), (512, 512)])
                img = _draw(_background(bg, shape, nrng), _text(rng), make(size), rng.choice([255, 225]),
                            rng.choice(["corner", "bottom"]))
                hit = screen(img).suspect
                found += hit
                total += 1
                by_size[size][0] += hit
                by_size[size][1] += 1
    clean = _clean_images()
    t0 = time.perf_counter()
    flagged = sum(screen(img).suspect for img in clean)
    t_screen = (time.perf_counter() - t0) / max(len(clean), 1)
    t0 = time.perf_counter()
    for img in clean:
        to_png_bytes(img)
    t_png = (time.perf_counter() - t0) / max(len(clean), 1)
    sizes = ", ".join(f"{s}px {h}/{n}" for s, (h, n) in by_size.items())
    return [
        row("pixel text screen: recall on planted text", "none (no offline detector to compare)",
            round(found / total, 3), None, "share found", f"{found}/{total} images, {len(fonts)} fonts; {sizes}"),
        row("pixel text screen: false flags on clean images", "none", round(flagged / max(len(clean), 1), 3),
            None, "share flagged", f"{flagged}/{len(clean)} pydicom, ITK and mricron slices"),
        row("pixel text screen: time per image", "PNG encode of the same image", round(t_screen, 4),
            t_png, "s/image", f"{len(clean)} clean images"),
    ]
