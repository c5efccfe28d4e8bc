"""The `nifti` source: 3D image volumes with label maps on the same grid (NIfTI, or any ITK format).

Layouts: `msd` (Medical Segmentation Decathlon / nnU-Net: a `dataset.json` naming labels, modality and
the training pairs, or `imagesTr/` + `labelsTr/` with the same file names) and `pairs` (image and
label files found by glob, paired by stem after removing `image_suffix`/`label_suffix`; one image and one
label map pair directly, e.g. an atlas and its template).

Each volume is reoriented to `orientation` (default LPS) with numpy transposes and flips (no resampling)
and cut along `axis`; one item per chosen slice carries the masks of its labels, with the slice's
2-letter patient orientation, pixel spacing and index. With `workers > 1` a process pool reads volumes
in parallel (a worker holds one volume at a time; results are yielded in file order, the same as with
one worker); `items(transform=f)` also runs per-item work such as PNG encoding in the workers, which is
where most of the time goes. A bad volume becomes one ItemError; a bad slice cannot happen once its
volume is good.

This module holds the options, the label and modality resolution, and the pairing of images with
label maps; `nifti_slices` turns one case into items and `nifti_pool` runs the cases, serially or in
worker processes.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Any, Callable, Iterator, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from medseg_qa.errors import ConfigError
from medseg_qa.ids import patient_pseudonym
from medseg_qa.schemas.source import Modality
from medseg_qa.volume import Plane, valid_orientation
from medseg_qa.windowing import auto_ct_preset, ct_window, window_bounds

from .base import SourceInfo, SourceItem, Yielded
from .nifti_pool import run_cases
from .nifti_slices import Case, Plan

log = logging.getLogger(__name__)

VOLUME_EXTS = (".nii.gz", ".nii", ".nrrd", ".nhdr", ".mha", ".mhd")
_MR_NAMES = ("mr", "t1", "t2", "flair", "adc", "dwi", "pd", "swi", "bold")


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    root: Path
    layout: Literal["msd", "pairs"] = "msd"
    image_glob: str = Field(default="**/*.nii.gz", description="pairs: image files under root")
    label_glob: Optional[str] = Field(default=None, description="pairs: label files (default: image_glob "
                                      "files whose stem ends with label_suffix); one image and one label "
                                      "file pair whatever their names")
    label_suffix: str = Field(default="_seg", description="pairs: label stem = image key + this suffix")
    image_suffix: str = Field(default="", description="image stem = key + this (nnU-Net: '_0000')")
    labels: Optional[dict[int, str]] = Field(default=None, description="label value -> name (overrides "
                                             "dataset.json)")
    labels_file: Optional[Path] = Field(default=None, description="text file of 'value name ...' lines "
                                        "(e.g. an atlas .txt)")
    include_labels: Optional[list[str]] = Field(default=None, description="only these label names")
    modality: Optional[Modality] = Field(default=None, description="default: dataset.json, else 'other'")
    channel: int = Field(default=0, ge=0, description="channel of a 4D (multi-sequence) image")
    body_region: str = "unknown"
    window: Union[Literal["abdomen", "lung", "bone", "brain", "auto"], tuple[float, float]] = Field(
        default="auto", description="CT preset, 'auto' (CT: by body_region; others: percentiles) or "
        "(level, width)")
    percentiles: tuple[float, float] = Field(default=(1.0, 99.0), description="non-CT window bounds")
    axis: Plane = "axial"
    slice_step: int = Field(default=1, ge=1, description="every k-th slice holding the label")
    min_area: int = Field(default=16, ge=1, description="pixels of a label for its slice to count")
    min_area_fraction: Optional[float] = Field(default=None, gt=0, lt=1)
    max_slices_per_label: Optional[int] = Field(default=None, ge=1, description="per case, evenly spaced")
    context_labels: bool = Field(default=True, description="an item carries every label large enough on "
                                 "its slice (for relations), not only those its slice was chosen for")
    orientation: str = Field(default="LPS", description="reorient volumes to this (DICOMOrient letters)")
    workers: int = Field(default=1, ge=1, description="processes reading volumes in parallel (a script "
                         "using more than one needs the `if __name__ == '__main__':` guard)")
    max_voxels: int = Field(default=300_000_000, ge=1)
    grid_tolerance: float = Field(default=1e-3, gt=0, description="relative spacing/origin and absolute "
                                  "direction tolerance between image and label grids")
    patient_id_pattern: Optional[str] = Field(default=None, description="regex on the file stem; group 1 "
                                              "is the patient/case id (default: the stem)")
    dataset: Optional[str] = Field(default=None, description="default: dataset.json 'name', else 'nifti'")
    licence: Optional[str] = Field(default=None, description="default: dataset.json 'licence', else unknown")
    citation: Optional[str] = None
    source_url: str = ""

    @field_validator("orientation")
    @classmethod
    def _orientation(cls, v: str) -> str:
        v = v.upper()
        if not valid_orientation(v):
            raise ValueError(f"orientation '{v}' must name each patient axis once, e.g. LPS or RAS")
        return v

    @model_validator(mode="after")
    def _check(self) -> "Options":
        if isinstance(self.window, tuple) and self.window[1] <= 0:
            raise ValueError("window (level, width) needs a positive width")
        if not self.percentiles[0] < self.percentiles[1]:
            raise ValueError("percentiles must be (low, high) with low < high")
        return self


def stem(path: Path) -> str:
    name = path.name
    for ext in VOLUME_EXTS:
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return path.stem


def normalise_modality(name: str) -> Modality:
    n = name.strip().lower()
    if n == "ct":
        return "CT"
    if n.startswith(_MR_NAMES) or "mri" in n:
        return "MR"
    return {"us": "US", "ultrasound": "US", "xr": "XR", "x-ray": "XR"}.get(n, "other")  # type: ignore[return-value]


class NiftiSource:
    def __init__(self, options: Options) -> None:
        o = options
        if not o.root.is_dir():
            raise ConfigError(f"nifti source root {o.root} is not a folder; fix 'root' in the recipe")
        self.o = o
        meta = self._dataset_json()
        self._meta = meta
        labels = self._labels(meta)
        include = self._include(labels)
        modality = o.modality or self._modality(meta)
        if o.window == "auto":
            window = ct_window(auto_ct_preset(o.body_region)) if modality == "CT" else None
        elif isinstance(o.window, tuple):
            window = window_bounds(*o.window)
        else:
            window = ct_window(o.window)
        self.plan = Plan(labels=labels, include=include, modality=modality, body_region=o.body_region,
                         window=window, percentiles=o.percentiles, axis=o.axis, orientation=o.orientation,
                         slice_step=o.slice_step, min_area=o.min_area, min_area_fraction=o.min_area_fraction,
                         max_slices_per_label=o.max_slices_per_label, context_labels=o.context_labels,
                         channel=o.channel, max_voxels=o.max_voxels, tolerance=o.grid_tolerance)
        self.info = SourceInfo(dataset=o.dataset or str(meta.get("name") or "nifti"),
                               licence=o.licence or str(meta.get("licence") or meta.get("license") or "unknown"),
                               citation=o.citation if o.citation is not None else str(meta.get("reference") or ""),
                               source_url=o.source_url)
        self._pattern = re.compile(o.patient_id_pattern) if o.patient_id_pattern else None

    # -- configuration -----------------------------------------------------------------------------
    def _dataset_json(self) -> dict:
        path = self.o.root / "dataset.json"
        if self.o.layout != "msd" or not path.is_file():
            return {}
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read dataset.json ({exc}); fix the file or remove it") from exc
        if not isinstance(meta, dict):
            raise ConfigError(f"{path}: dataset.json must hold an object; fix the file or remove it")
        return meta

    def _labels(self, meta: dict) -> dict[int, str]:
        o = self.o
        raw: dict = {}
        if o.labels is not None:
            raw = dict(o.labels)
        elif o.labels_file is not None:
            raw = _read_labels_file(o.labels_file)
        elif isinstance(meta.get("labels"), dict):
            for k, v in meta["labels"].items():  # MSD: {"1": "liver"}; nnU-Net v2: {"liver": 1}
                value, name = (k, v) if str(k).lstrip("-").isdigit() else (v, k)
                if isinstance(value, (int, str)) and str(value).lstrip("-").isdigit():
                    raw[int(value)] = str(name)
        if not raw:
            raise ConfigError(f"nifti source {o.root}: no label names; set 'labels' {{value: name}}, "
                              "'labels_file', or a dataset.json with 'labels'")
        return {int(k): str(v).strip() for k, v in raw.items() if int(k) != 0}

    def _include(self, labels: dict[int, str]) -> frozenset[int]:
        wanted = self.o.include_labels
        if not wanted:
            return frozenset(labels)
        by_name = {name.lower(): value for value, name in labels.items()}
        missing = [w for w in wanted if w.lower() not in by_name]
        if missing:
            raise ConfigError(f"include_labels {missing} are not label names of {self.o.root}; known: "
                              f"{', '.join(sorted(by_name)[:12])}{' ...' if len(by_name) > 12 else ''}")
        return frozenset(by_name[w.lower()] for w in wanted)

    def _modality(self, meta: dict) -> Modality:
        mods = meta.get("modality") or meta.get("channel_names")
        if isinstance(mods, dict):
            name = mods.get(str(self.o.channel), mods.get(self.o.channel))
            if isinstance(name, str):
                return normalise_modality(name)
        return "other"

    # -- pairing -----------------------------------------------------------------------------------
    def cases(self) -> list[Case]:
        """(image, label) cases in a stable order; an image without its label has `label=None`."""
        pairs = self._msd_pairs() if self.o.layout == "msd" else self._glob_pairs()
        return [self._case(img, lab) for img, lab in pairs]

    def _msd_pairs(self) -> list[tuple[Path, Optional[Path]]]:
        root = self.o.root
        training = self._meta.get("training")
        if isinstance(training, list) and training and all(isinstance(t, dict) for t in training):
            out = []
            for entry in training:
                if "image" not in entry:
                    continue
                img = Path(os.path.normpath(root / str(entry["image"])))
                lab = Path(os.path.normpath(root / str(entry["label"]))) if entry.get("label") else None
                out.append((img, lab if lab is not None and lab.exists() else None))
            return sorted(out, key=lambda p: str(p[0]))
        img_dir, lab_dir = root / "imagesTr", root / "labelsTr"
        if not img_dir.is_dir():
            raise ConfigError(f"{root}: layout 'msd' needs dataset.json with 'training' or imagesTr/ + "
                              "labelsTr/; fix 'root' or use layout 'pairs'")
        labels = {self._key(p, ""): p for p in _volumes(lab_dir)} if lab_dir.is_dir() else {}
        suffix = self._image_suffix()
        return [(img, labels.get(self._key(img, suffix))) for img in _volumes(img_dir, suffix)]

    def _image_suffix(self) -> str:
        """nnU-Net v2 (dataset.json with channel_names) names images case_0000: default to the channel's."""
        if self.o.image_suffix or "channel_names" not in self._meta:
            return self.o.image_suffix
        return f"_{self.o.channel:04d}"

    def _glob_pairs(self) -> list[tuple[Path, Optional[Path]]]:
        o = self.o
        found = sorted(p for p in o.root.glob(o.image_glob) if _is_volume(p))
        if o.image_suffix:
            found = [p for p in found if stem(p).endswith((o.image_suffix, o.label_suffix or o.image_suffix))]
        if o.label_glob:
            labels = sorted(p for p in o.root.glob(o.label_glob) if _is_volume(p))
        else:
            labels = [p for p in found if o.label_suffix and stem(p).endswith(o.label_suffix)]
        label_set = set(labels)
        images = [p for p in found if p not in label_set]
        if o.label_glob and len(images) == 1 and len(labels) == 1:  # an atlas and its template
            return [(images[0], labels[0])]
        by_key = {self._key(p, o.label_suffix): p for p in labels}
        return [(img, by_key.get(self._key(img, o.image_suffix))) for img in images]

    @staticmethod
    def _key(path: Path, suffix: str) -> str:
        s = stem(path)
        return s[: -len(suffix)] if suffix and s.endswith(suffix) else s

    def _case(self, image: Path, label: Optional[Path]) -> Case:
        try:
            key = str(image.relative_to(self.o.root))
        except ValueError:
            key = str(image)
        case = self._key(image, self._image_suffix())
        if self._pattern:
            m = self._pattern.search(case)
            if m:
                case = m.group(1) if m.groups() else m.group(0)
        pid = patient_pseudonym(self.info.dataset, case)
        return Case(key=key, image=image, label=label, case_id=case, patient_id=pid)

    def estimate(self) -> Optional[int]:
        return None  # slices per volume are known only after reading each label map

    # -- items -------------------------------------------------------------------------------------
    def items(self, transform: Optional[Callable[[SourceItem], Any]] = None) -> Iterator[Union[Yielded, Any]]:
        """Items in file then slice order. `transform` (a picklable top-level function) runs on each
        SourceItem where it is made, in the worker process when `workers > 1`, and its result is yielded
        instead; ItemErrors (from the source or raised by `transform`) are yielded as they are."""
        cases = self.cases()
        _warn_forms(cases)
        yield from run_cases(self.plan, cases, transform, self.o.workers)


# -- helpers ---------------------------------------------------------------------------------------

def _warn_forms(cases: list[Case]) -> None:
    """Log, in this process (worker logs are not forwarded), each file read by its sform because its
    qform disagrees (`volume.read_header` applies the same rule in whichever process reads the file)."""
    from medseg_qa.geometry import sform_override

    for case in cases:
        for path in (case.image, case.label):
            fix = sform_override(path) if path is not None else None
            if fix is not None:
                log.warning("%s: %s", case.key, fix.note)


def _is_volume(p: Path) -> bool:
    return p.is_file() and not p.name.startswith("._") and p.name.lower().endswith(VOLUME_EXTS)


def _volumes(folder: Path, suffix: str = "") -> list[Path]:
    return sorted(p for p in folder.iterdir() if _is_volume(p) and stem(p).endswith(suffix))


def _read_labels_file(path: Path) -> dict[int, str]:
    """'value name [...]' lines (atlas .txt/.lut in text form); lines not starting with an integer are skipped."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"labels_file {path} cannot be read ({exc}); fix the path") from exc
    out: dict[int, str] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].isdigit():
            out[int(parts[0])] = parts[1]
    if not out:
        raise ConfigError(f"labels_file {path} holds no 'value name' lines; give a text label list")
    return out


def build(options: Options) -> NiftiSource:
    return NiftiSource(options)


__all__ = ["Options", "NiftiSource", "build"]
