"""The `hf` source: a Hugging Face dataset, from the hub or from a local copy, through one code path.

`path` is a hub id (`owner/name`, loaded with `datasets.load_dataset`, optionally streaming so a large
set is read row by row without downloading it all) or a local path: a `save_to_disk` folder, a parquet
file or folder (a hub snapshot made by `medsegqa pull`), or an imagefolder with a metadata file. A
column mapping says where the image, the mask(s) and the target are: one binary mask column with a
fixed `label` or a `label_column` (string or ClassLabel), several binary mask columns
(`mask_columns: {column: label}`), or a label-map column whose values are named by `label_map` or by
the dataset's own ClassLabel metadata. Image columns are read undecoded and decoded here, so one corrupt
row becomes an ItemError instead of stopping the iteration.
"""

from __future__ import annotations

import io
import itertools
import json
import logging
from pathlib import Path
from typing import Any, Iterator, Optional

import numpy as np
from pydantic import Field, model_validator

from medseg_qa.errors import ConfigError, ItemError, MedsegQAError
from medseg_qa.ids import patient_pseudonym
from medseg_qa.imageio import binarize, bomb_error, pil_to_uint8
from medseg_qa.schemas.source import Modality

from .base import ProvenanceOptions, SourceInfo, SourceItem, Yielded

log = logging.getLogger(__name__)

BACKGROUND_NAMES = {"background", "bg", "_background_", "unlabeled", "unlabelled", "void", "none"}


class Options(ProvenanceOptions):
    path: str = Field(description="hub dataset id (owner/name) or a local save_to_disk/parquet/imagefolder path")
    name: Optional[str] = Field(default=None, description="dataset configuration (subset) name")
    split: str = "train"
    revision: Optional[str] = Field(default=None, description="hub branch, tag or commit")
    streaming: bool = Field(default=False, description="iterate rows without downloading the whole set")
    limit: Optional[int] = Field(default=None, ge=1, description="read at most this many rows")
    cache_dir: Optional[Path] = Field(default=None, description="datasets cache (default: HF_DATASETS_CACHE)")
    image_column: str = "image"
    mask_column: Optional[str] = Field(default=None, description="binary mask column")
    mask_columns: dict[str, str] = Field(default_factory=dict, description="several binary masks: column -> label")
    label_map_column: Optional[str] = Field(default=None, description="label-map column (one value per structure)")
    label_map: dict[int, str] = Field(default_factory=dict, description="label-map value (or label id) -> name")
    label_names_from: Optional[str] = Field(default=None, description="ClassLabel column whose names name "
                                            "the label-map values (default: the only ClassLabel, or id2label.json)")
    ignore_values: list[int] = Field(default_factory=lambda: [0], description="label-map values that are not "
                                     "structures (background, void)")
    label_column: Optional[str] = Field(default=None, description="target of a binary mask, per row")
    label: Optional[str] = Field(default=None, description="fixed target of a binary mask")
    case_column: Optional[str] = Field(default=None, description="case/patient id column (default: split-row)")
    modality: Modality = "other"
    body_region: str = "unknown"
    orientation: Optional[str] = Field(default=None, pattern=r"^[RLAPSI]{2}$")
    dataset: Optional[str] = Field(default=None, description="dataset name on records (default: from path)")
    binary_strict: bool = Field(default=True, description="quarantine a binary mask with more than two values "
                                "(JPEG masks are always thresholded)")

    @model_validator(mode="after")
    def _check(self) -> "Options":
        modes = [m for m in ("mask_column", "mask_columns", "label_map_column") if getattr(self, m)]
        if len(modes) != 1:
            raise ValueError("set exactly one of mask_column (binary), mask_columns {column: label} or "
                             f"label_map_column; got {modes or 'none'}")
        if self.mask_column and not (self.label or self.label_column):
            raise ValueError("a binary mask_column needs 'label' (fixed target) or 'label_column'")
        if self.label and self.label_column:
            raise ValueError("set either 'label' or 'label_column', not both")
        return self

    @property
    def is_local(self) -> bool:
        return _looks_local(self.path)

    @property
    def dataset_name(self) -> str:
        if self.dataset:
            return self.dataset
        return Path(self.path.rstrip("/")).name.lower() or "hf"


def _looks_local(path: str) -> bool:
    p = Path(path).expanduser()
    return p.exists() or path.startswith((".", "/", "~")) or path.endswith(".parquet") or path.count("/") > 1


class HFSource:
    def __init__(self, options: Options) -> None:
        o = options
        if o.is_local and not Path(o.path).expanduser().exists():
            raise ConfigError(f"hf source path {o.path} does not exist; give a hub id (owner/name) or an "
                              "existing local dataset, or run `medsegqa pull` first")
        self.o = o
        url = o.source_url or ("" if o.is_local else f"https://huggingface.co/datasets/{o.path}")
        self.info = SourceInfo(dataset=o.dataset_name, licence=o.licence, citation=o.citation, source_url=url)
        self._ds = None
        self._names: Optional[dict[int, str]] = None
        self._label_names: Optional[list[str]] = None

    # -- loading ---------------------------------------------------------------------------------
    def _load(self):
        if self._ds is None:
            try:
                ds = self._open()
            except MedsegQAError:
                raise
            except Exception as exc:  # datasets, fsspec and httpx2 raise many unrelated types
                where = "local dataset" if self.o.is_local else "Hugging Face dataset"
                raise MedsegQAError(
                    f"cannot load {where} '{self.o.path}' (split {self.o.split}): {type(exc).__name__}: "
                    f"{_first_line(exc)}; check the id or path, the split and config names, the network "
                    "and HF_TOKEN, or download it first with `medsegqa pull`") from exc
            self._ds = self._prepare(ds)
        return self._ds

    def _open(self):
        import datasets

        o = self.o
        common: dict[str, Any] = dict(split=o.split, streaming=o.streaming)
        if o.cache_dir:
            common["cache_dir"] = str(o.cache_dir)
        if not o.is_local:
            from medseg_qa.pull import configure_hub_timeouts

            configure_hub_timeouts()
            return datasets.load_dataset(o.path, o.name, revision=o.revision, **common)
        p = Path(o.path).expanduser()
        if p.is_file():
            if p.suffix != ".parquet":
                raise ConfigError(f"hf source path {p} is a file but not .parquet; give a parquet file or a folder")
            return datasets.load_dataset("parquet", data_files={o.split: str(p)}, **common)
        if any((p / f).exists() for f in ("dataset_info.json", "state.json", "dataset_dict.json")):
            ds = datasets.load_from_disk(str(p))
            if isinstance(ds, datasets.DatasetDict):
                if o.split not in ds:
                    raise ConfigError(f"{p} has splits {sorted(ds)}, not '{o.split}'; set 'split'")
                ds = ds[o.split]
            return ds.to_iterable_dataset() if o.streaming else ds
        if next(iter(p.rglob("*.parquet")), None) is not None:
            # a hub snapshot: the folder's README configs and file names give the splits, as on the hub
            return datasets.load_dataset(str(p), o.name, **common)
        return datasets.load_dataset("imagefolder", data_dir=str(p), **common)

    def _prepare(self, ds):
        """Check the mapped columns exist, read images undecoded, and resolve label names."""
        import datasets

        o = self.o
        features = ds.features
        columns = list(features) if features is not None else (ds.column_names or [])
        wanted = [c for c in (o.image_column, o.mask_column, o.label_map_column, o.label_column,
                              o.case_column, o.label_names_from) if c] + list(o.mask_columns)
        if columns:
            for col in wanted:
                if col not in columns:
                    raise ConfigError(f"hf source {o.path} (split {o.split}) has no column '{col}'; "
                                      f"available columns: {', '.join(columns)}; fix the column mapping")
        if features is not None:
            for col in wanted:
                if isinstance(features.get(col), datasets.Image):
                    ds = ds.cast_column(col, datasets.Image(decode=False))
            if o.label_column and isinstance(features.get(o.label_column), datasets.ClassLabel):
                self._label_names = list(features[o.label_column].names)
        if o.label_map_column:
            self._names = self._resolve_label_map(features)
        if o.limit and not o.streaming and hasattr(ds, "select"):
            ds = ds.select(range(min(o.limit, len(ds))))
        return ds

    def _resolve_label_map(self, features) -> dict[int, str]:
        o = self.o
        if o.label_map:
            return dict(o.label_map)
        names = None
        if features is not None:
            if o.label_names_from:
                names = _class_names(features.get(o.label_names_from))
            else:
                found = [n for n in (_class_names(f) for f in features.values()) if n]
                names = found[0] if len(found) == 1 else None
        if names is None and o.is_local:
            id2label = next(iter(Path(o.path).expanduser().glob("id2label.json")), None)
            if id2label is not None:
                try:
                    names = {int(k): str(v) for k, v in json.loads(id2label.read_text()).items()}
                except (OSError, ValueError, AttributeError) as exc:
                    raise ConfigError(f"{id2label}: cannot read it as {{value: name}} ({type(exc).__name__}); "
                                      "fix it or set label_map") from None
        if not names:
            raise ConfigError(f"hf source {o.path}: cannot tell what the values of '{o.label_map_column}' mean; "
                              "set label_map {value: name} or label_names_from (a ClassLabel column)")
        if isinstance(names, list):
            names = dict(enumerate(names))
        return {v: n for v, n in names.items() if v not in o.ignore_values and n.lower() not in BACKGROUND_NAMES}

    def estimate(self) -> Optional[int]:
        ds = self._load()
        n = None
        if hasattr(ds, "__len__") and not self.o.streaming:
            n = len(ds)
        else:
            splits = getattr(getattr(ds, "info", None), "splits", None) or {}
            split = splits.get(self.o.split) if hasattr(splits, "get") else None
            n = getattr(split, "num_examples", None) or None
        if self.o.limit:
            n = min(n, self.o.limit) if n else self.o.limit
        return n

    # -- items -----------------------------------------------------------------------------------
    def items(self) -> Iterator[Yielded]:
        o = self.o
        rows = iter(self._load())
        for index in itertools.count():
            if o.limit and index >= o.limit:
                break
            try:
                row = next(rows)
            except StopIteration:
                break
            except Exception as exc:  # a streamed read can fail mid-way (network, a corrupt shard)
                raise MedsegQAError(f"reading '{o.path}' (split {o.split}) failed at row {index}: "
                                    f"{type(exc).__name__}: {_first_line(exc)}; rerun the ingest (it skips "
                                    "what is already stored) or pull the dataset first") from exc
            case = str(row.get(o.case_column)) if o.case_column and row.get(o.case_column) is not None \
                else f"{o.split}-{index}"
            key = f"{o.split}/{index}" + (f" ({case})" if o.case_column else "")
            try:
                yield self._item(key, case, row)
            except ItemError as exc:
                yield exc

    def _item(self, key: str, case: str, row: dict) -> SourceItem:
        o = self.o
        mapped = [o.image_column, o.mask_column, o.label_map_column, *o.mask_columns]
        missing = [c for c in mapped if c and c not in row]
        if missing:
            raise ConfigError(f"hf source {o.path}: rows have no column '{missing[0]}'; available columns: "
                              f"{', '.join(row)}; fix the column mapping")
        if row[o.image_column] is None:
            raise ItemError("missing_image", "row has no image; drop the row or fill the image", key)
        image, _ = _decode(row[o.image_column], o.max_pixels, key, self._base, as_mask=False)
        if o.label_map_column:
            masks = self._split_labels(self._mask(row, o.label_map_column, image, key, raw=True), key)
            binary = False
        else:
            columns = o.mask_columns or {o.mask_column: self._row_label(row, key)}
            masks = {}
            for col, label in columns.items():
                mask = self._mask(row, col, image, key)
                masks[label] = np.maximum(masks[label], mask) if label in masks else mask
            binary = True
        return SourceItem(item_key=key, image=image, masks=masks, case_id=case,
                          patient_id=patient_pseudonym(self.info.dataset, case),
                          modality=o.modality, body_region=o.body_region, orientation=o.orientation,
                          binary_declared=binary)

    @property
    def _base(self) -> Optional[Path]:
        if not self.o.is_local:
            return None
        p = Path(self.o.path).expanduser()
        return p if p.is_dir() else p.parent

    def _mask(self, row: dict, column: str, image: np.ndarray, key: str, raw: bool = False) -> np.ndarray:
        value = row[column]
        if value is None:
            raise ItemError("missing_mask", f"row has no mask in '{column}'; drop the row or add the mask", key)
        arr, lossy = _decode(value, self.o.max_pixels, key, self._base, as_mask=True)
        if arr.shape[:2] != image.shape[:2]:
            raise ItemError("size_mismatch", f"mask '{column}' is {arr.shape[1]}x{arr.shape[0]} but the image "
                            f"is {image.shape[1]}x{image.shape[0]}; re-export the mask at the image size", key)
        if raw:
            return arr
        return binarize(arr, key, strict=self.o.binary_strict and not lossy)

    def _row_label(self, row: dict, key: str) -> str:
        o = self.o
        if o.label:
            return o.label
        value = row.get(o.label_column)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ItemError("missing_label", f"row has no target in '{o.label_column}'; fill it or set a "
                            "fixed 'label'", key)
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            value = int(value)
            if self._label_names is not None and 0 <= value < len(self._label_names):
                return self._label_names[value]
            if value in o.label_map:
                return o.label_map[value]
        raise ItemError("unknown_label_value", f"target {value!r} in '{o.label_column}' has no name; add it "
                        "to label_map", key)

    def _split_labels(self, arr: np.ndarray, key: str) -> dict[str, np.ndarray]:
        if arr.ndim == 3:
            if (arr == arr[..., :1]).all():
                arr = arr[..., 0]
            else:
                raise ItemError("rgb_label_map", "a colour label map cannot be read as values; store it as a "
                                "single-channel or palette image", key)
        names = self._names or {}
        unknown = sorted(set(np.unique(arr).tolist()) - set(names) - set(self.o.ignore_values))
        if unknown:
            raise ItemError("unknown_label_value", f"label-map values {unknown[:5]} are not in label_map; add "
                            "them to label_map or ignore_values", key)
        masks: dict[str, np.ndarray] = {}
        for value, name in sorted(names.items()):
            m = (arr == value).astype(np.uint8) * 255
            masks[name] = np.maximum(masks[name], m) if name in masks else m
        return masks


def _class_names(feature) -> Optional[list[str]]:
    import datasets

    if isinstance(feature, datasets.ClassLabel):
        return list(feature.names)
    inner = getattr(feature, "feature", None)  # Sequence / List of ClassLabel
    if isinstance(inner, datasets.ClassLabel):
        return list(inner.names)
    return None


def _decode(value: Any, max_pixels: int, key: str, base: Optional[Path], as_mask: bool) -> tuple[np.ndarray, bool]:
    """An image cell (PIL image, {bytes, path} dict, bytes, file path or nested list) to an array.

    Returns the array and whether it came from a lossy (JPEG) file. Masks keep their values (palette
    indices stay indices); images become uint8 grey or RGB.
    """
    from PIL import Image, UnidentifiedImageError

    what = "mask" if as_mask else "image"
    if isinstance(value, dict):
        value = value.get("bytes") or value.get("path")
    if value is None:
        raise ItemError(f"missing_{what}", f"row has an empty {what} cell; drop the row or fill it", key)
    if isinstance(value, (list, tuple, np.ndarray)):
        arr = np.asarray(value)
        if arr.dtype == bool:
            arr = arr.astype(np.uint8)
        if arr.ndim not in (2, 3):
            raise ItemError(f"unreadable_{what}", f"{what} array has shape {arr.shape}; expected HxW or HxWxC", key)
        return (arr if as_mask else _array_image(arr)), False
    try:
        if isinstance(value, (bytes, bytearray)):
            im = Image.open(io.BytesIO(value))
        elif isinstance(value, (str, Path)):
            p = Path(value)
            if not p.is_absolute() and base is not None and not p.exists():
                p = base / p
            im = Image.open(p)
        elif isinstance(value, Image.Image):
            im = value
        else:
            raise ItemError(f"unreadable_{what}", f"{what} cell of type {type(value).__name__} is not an image", key)
        with im:
            if im.width * im.height > max_pixels:
                raise ItemError("too_large", f"{what} has {im.width * im.height} pixels, over the limit "
                                f"{max_pixels}; raise max_pixels if it is genuine", key)
            lossy = (im.format or "").upper() == "JPEG"
            im.load()
            if not as_mask:
                return pil_to_uint8(im), lossy
            if im.mode in ("P", "L", "1", "I", "I;16", "I;16B"):
                return np.array(im if im.mode != "1" else im.convert("L")), lossy
            return np.array(im.convert("RGB")), lossy
    except ItemError:
        raise
    except Image.DecompressionBombError as exc:
        raise bomb_error(exc, what, key) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ItemError(f"unreadable_{what}", f"cannot decode {what} ({type(exc).__name__}); fix or drop the row",
                        key) from exc


def _array_image(arr: np.ndarray) -> np.ndarray:
    if arr.dtype == np.uint8:
        return arr[..., :3] if arr.ndim == 3 else arr
    from medseg_qa.windowing import stretch_to_uint8

    return stretch_to_uint8(arr)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else "no message"


def build(options: Options) -> HFSource:
    return HFSource(options)
