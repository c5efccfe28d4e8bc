"""Reading images and masks from any common encoding, and writing canonical PNGs.

Masks are canonicalised to 0/255 uint8 whatever their input (0/1, 0/255, RGB, palette, 16-bit);
images to 8-bit grayscale or RGB. A pixel limit guards against decompression bombs.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from .errors import ItemError

DEFAULT_MAX_PIXELS = 64_000_000


def bomb_error(exc: Exception, what: str, where: str) -> ItemError:
    """The ItemError for a header that PIL itself refuses as a decompression bomb (its own limit,
    `PIL.Image.MAX_IMAGE_PIXELS`, is checked while opening, before our `max_pixels`)."""
    size = str(exc).split(" pixels")[0].replace("Image size (", "")
    return ItemError("too_large", f"{what} header claims {size} pixels, over the decompression-bomb limit; "
                     "remove the file, or re-encode it if it is genuine", where)


def read_image(path: Path, max_pixels: int = DEFAULT_MAX_PIXELS, where: str = "") -> np.ndarray:
    """Decode an image file to uint8 (H, W) grayscale or (H, W, 3) RGB; ItemError (keyed `where`, by
    default the path) when unreadable."""
    from PIL import Image, UnidentifiedImageError

    where = where or str(path)
    try:
        with Image.open(path) as im:
            if im.width * im.height > max_pixels:
                raise ItemError("too_large", f"image has {im.width * im.height} pixels, over the limit "
                                f"{max_pixels}; raise max_pixels in the source options if it is genuine",
                                where)
            im.load()
            return pil_to_uint8(im)
    except ItemError:
        raise
    except Image.DecompressionBombError as exc:
        raise bomb_error(exc, "image", where) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ItemError("unreadable_image", f"cannot decode image ({type(exc).__name__}); "
                        "re-download or remove the file", where) from exc


def pil_to_uint8(im) -> np.ndarray:
    """A decoded PIL image as uint8 grayscale (H, W) or RGB (H, W, 3); 16-bit and float images are
    stretched between their 0.5 and 99.5 percentiles. Shared by the file and Hugging Face sources."""
    if im.mode in ("1", "L", "P"):
        if im.mode == "P":
            im = im.convert("RGB")
            arr = np.asarray(im)
            return arr[..., 0] if (arr[..., 0] == arr[..., 1]).all() and (arr[..., 1] == arr[..., 2]).all() else arr
        return np.asarray(im.convert("L"))
    if im.mode in ("I;16", "I;16B", "I", "F"):
        from .windowing import stretch_to_uint8

        return stretch_to_uint8(np.asarray(im))
    return np.asarray(im.convert("RGB"))


def read_label_array(path: Path, max_pixels: int = DEFAULT_MAX_PIXELS, where: str = "") -> np.ndarray:
    """Decode a mask or label-map file keeping its values (palette indices stay indices)."""
    from PIL import Image, UnidentifiedImageError

    where = where or str(path)
    try:
        with Image.open(path) as im:
            if im.width * im.height > max_pixels:
                raise ItemError("too_large", f"mask {path.name} has {im.width * im.height} pixels, over the "
                                f"limit {max_pixels}; raise max_pixels in the source options if it is genuine",
                                where)
            if im.mode in ("P", "L", "1", "I", "I;16", "I;16B"):
                arr = np.asarray(im if im.mode != "1" else im.convert("L"))
            else:
                arr = np.asarray(im.convert("RGB"))
            return np.array(arr)
    except ItemError:
        raise
    except Image.DecompressionBombError as exc:
        raise bomb_error(exc, f"mask {path.name}", where) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ItemError("unreadable_mask", f"cannot decode mask {path.name} ({type(exc).__name__}); "
                        "re-export or remove the file", where) from exc


def binarize(arr: np.ndarray, where: str = "", strict: bool = False) -> np.ndarray:
    """Any mask encoding to a 0/255 uint8 (H, W) array.

    RGB masks are reduced to 'any channel set'. With `strict` (binary was declared), more than two
    distinct values is an ItemError instead of thresholding.
    """
    a = np.asarray(arr)
    if a.dtype == bool:
        return a.astype(np.uint8) * 255
    if a.ndim == 3:
        a = a.max(axis=2)
    # distinct values: a histogram for 8-bit masks is ~20x cheaper than np.unique's sort
    values = np.flatnonzero(np.bincount(a.ravel(), minlength=256)) if a.dtype == np.uint8 else np.unique(a)
    if strict and len(values) > 2:
        raise ItemError("not_binary", f"mask declared binary has {len(values)} distinct values; "
                        "set the source's mask_mode to 'labels' or fix the mask", where)
    if len(values) <= 2 and values.min() == 0:
        out = a > 0
    else:
        # anti-aliased or JPEG masks: threshold at half the range
        out = a > (int(a.min()) + int(a.max())) / 2
    return out.astype(np.uint8) * 255


def to_png_bytes(arr: np.ndarray) -> bytes:
    """Encode a uint8 (H, W) or (H, W, 3) array as PNG with fixed settings (deterministic bytes)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(arr)).save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


def from_png_bytes(data: bytes) -> np.ndarray:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        return np.asarray(im).copy()
