"""The burned-in text screen on rendered text and on real images (pydicom's test files), with Tesseract."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dicom_factory import burn_text  # noqa: E402

from medseg_qa import pixeltext  # noqa: E402


@pytest.fixture(autouse=True)
def _needs_tesseract():
    if not pixeltext.available():
        pytest.fail("Tesseract OCR is missing: run `make apt-deps` (installs tesseract-ocr)")


def _to_uint8(arr) -> np.ndarray:
    a = np.asarray(arr, dtype=np.float64)
    if a.ndim == 3 and a.shape[-1] != 3:
        a = a[a.shape[0] // 2]
    return ((a - a.min()) / max(a.max() - a.min(), 1e-6) * 255).astype(np.uint8)


@pytest.mark.parametrize("shape,size", [((192, 256), None), ((512, 512), 14), ((256, 256), 20)])
def test_text_burned_into_speckle_is_found(shape, size):
    rng = np.random.default_rng(sum(shape))
    speckle = rng.rayleigh(40, shape).clip(0, 200)
    img = burn_text(speckle, ("SMITH^JOHN  ID 4455123", "DOB 1962-03-14"), value=255, size=size).astype(np.uint8)
    found = pixeltext.screen(img)
    assert found.suspect and found.words >= 2 and found.boxes
    assert not pixeltext.screen(speckle.astype(np.uint8)).suspect


@pytest.mark.parametrize("name,suspect", [
    ("CT_small.dcm", False), ("MR_small.dcm", False), ("MR2_UNCR.dcm", False), ("emri_small.dcm", False),
    ("JPEG2000.dcm", False), ("MR-SIEMENS-DICOM-WithOverlays.dcm", False), ("SC_rgb.dcm", False),
    ("US1_UNCR.dcm", True),  # a real ultrasound frame with the scanner's annotation burned in
])
def test_real_images(name, suspect):
    import pydicom
    from pydicom.data import get_testdata_file

    arr = pydicom.dcmread(get_testdata_file(name)).pixel_array
    img = arr.astype(np.uint8) if arr.ndim == 3 and arr.shape[-1] == 3 else _to_uint8(arr)
    assert pixeltext.screen(img).suspect is suspect


def test_missing_engine_is_a_clear_error(monkeypatch):
    pixeltext.tesseract_command.cache_clear()
    monkeypatch.setenv("PATH", "/nonexistent")
    try:
        with pytest.raises(pixeltext.PixelScreenUnavailable, match="tesseract-ocr"):
            pixeltext.screen(np.arange(256, dtype=np.uint8).reshape(16, 16))
    finally:
        pixeltext.tesseract_command.cache_clear()


def test_flat_images_are_not_read():
    assert pixeltext.screen(np.zeros((32, 32), np.uint8)).words == 0
