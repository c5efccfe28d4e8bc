"""The dataset registry: public image-mask sets by name, with how to get them and how to ingest them.

`pipelines/registry.yaml` holds the built-in entries; files named by `MEDSEGQA_REGISTRY` (separated by
the path separator) and a `path` given to `load_registry` are laid over it in that order, an entry of
the same name replacing the earlier one, so a lab can add private sets or point a set at a mirror
without editing the package. `source_spec_for(name, path)` turns an entry into the `(type, options)`
pair that `medseg_qa.sources.build_source` takes, so `medsegqa ingest --dataset NAME` needs no recipe.
"""

from __future__ import annotations

import copy
import difflib
import os
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from medseg_qa.archive import archive_kind
from medseg_qa.errors import ConfigError
from medseg_qa.licence import KNOWN_SPDX, Redistribution, redistribution_of
from medseg_qa.pull_cache import cached_path
from medseg_qa.schemas.source import Modality

ENV_REGISTRY = "MEDSEGQA_REGISTRY"
ArchiveKind = Literal["zip", "tar", "tar.gz", "tgz", "tar.bz2", "none"]
# source options that the registry fills from the entry when a template leaves them out
_METADATA_KEYS = ("dataset", "licence", "citation", "source_url", "modality", "body_region")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DownloadFile(_Strict):
    """One file of a dataset: fetched from `url`, or (manual sets) given by the user with `--archive`."""

    url: Optional[str] = Field(default=None, description="direct http(s) URL; none for a manual download")
    filename: Optional[str] = Field(default=None, description="file name (default: the URL's last part)")
    sha256: Optional[str] = Field(default=None, pattern=r"^[0-9a-f]{64}$", description="checksum, when published")
    md5: Optional[str] = Field(default=None, pattern=r"^[0-9a-f]{32}$", description="md5, where only that is "
                               "published (MONAI's list for the Decathlon tars)")
    archive: Optional[ArchiveKind] = Field(default=None, description="archive format (default: from the name)")
    strip_components: int = Field(default=0, ge=0, description="leading folders to drop when extracting")
    into: str = Field(default="", description="subfolder of the dataset folder to extract into")

    @model_validator(mode="after")
    def _fill(self) -> "DownloadFile":
        if not self.url and not self.filename:
            raise ValueError("a download file needs 'url' or 'filename'")
        if self.url and not self.url.startswith(("http://", "https://")):
            raise ValueError(f"url {self.url!r} is not http(s)")
        if not self.filename:
            self.filename = PurePosixPath(self.url.split("?", 1)[0]).name or "download"
        if "/" in self.filename or self.filename in (".", ".."):
            raise ValueError(f"filename {self.filename!r} must be a plain file name")
        if PurePosixPath(self.into).is_absolute() or ".." in PurePosixPath(self.into).parts:
            raise ValueError(f"into {self.into!r} must be a relative folder inside the dataset folder")
        if self.archive is None:
            self.archive = archive_kind(self.filename)
        return self


class Download(_Strict):
    """Where a dataset comes from: a hub mirror, direct URLs, or a manual (licence click-through) download.

    `url`, `sha256`, `archive` and `strip_components` are a shorthand for a single entry of `files`.
    """

    hf_repo: Optional[str] = Field(default=None, description="Hugging Face dataset repo id of a mirror")
    hf_revision: Optional[str] = None
    hf_allow_patterns: list[str] = Field(default_factory=list)
    url: Optional[str] = None
    sha256: Optional[str] = None
    md5: Optional[str] = None
    archive: Optional[ArchiveKind] = None
    strip_components: int = 0
    files: list[DownloadFile] = Field(default_factory=list)
    manual: bool = Field(default=False, description="needs a registration or licence click-through")
    manual_note: str = ""
    size_note: str = Field(default="", description="approximate download size, for the user")

    @model_validator(mode="after")
    def _check(self) -> "Download":
        if self.url:
            if self.files:
                raise ValueError("give either 'url' (one file) or 'files', not both")
            self.files = [DownloadFile(url=self.url, sha256=self.sha256, md5=self.md5, archive=self.archive,
                                       strip_components=self.strip_components)]
            self.url = self.sha256 = self.md5 = self.archive = None
            self.strip_components = 0
        if self.manual and not self.manual_note:
            raise ValueError("a manual download needs 'manual_note' (where to register and what to fetch)")
        if not self.manual and not self.hf_repo and not any(f.url for f in self.files):
            raise ValueError("give 'hf_repo', a 'url' or 'files' with urls, or set manual: true")
        if self.hf_repo and self.files and not self.manual:
            raise ValueError("give either 'hf_repo' or direct 'files', not both")
        return self


class SourceTemplate(_Strict):
    type: Literal["folder", "hf", "nifti", "dicom", "phantom"]
    options: dict[str, Any] = Field(default_factory=dict, description="source options without root/path")


class RegistryEntry(_Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    title: str
    aliases: list[str] = Field(default_factory=list)
    modality: Modality
    body_region: str
    labels: list[str] = Field(min_length=1, description="targets the source yields (knowledge-base names)")
    licence: str = Field(pattern=r"^[A-Za-z0-9.\-+]+$", description="SPDX id, or 'other' with licence_note")
    licence_note: str = ""
    redistribution: Optional[Redistribution] = Field(default=None, description="what the terms allow for a "
                                                     "derived dataset: allowed, non-commercial, forbidden or "
                                                     "unknown (the licence gate blocks the last two); default: "
                                                     "what the licence id alone allows")
    redistribution_note: str = Field(default="", description="the clause that decides `redistribution`")
    citation: str
    homepage: str
    source: Optional[SourceTemplate] = Field(default=None, description="none when no built-in source reads "
                                             "the set's layout yet (notes say why); pull still works")
    download: Download
    expected_pairs: Optional[int] = Field(default=None, ge=1, description="approximate image-mask pairs "
                                          "(2D slices for volumes) after ingest with the template options")
    notes: str = ""

    @model_validator(mode="after")
    def _check(self) -> "RegistryEntry":
        if self.licence == "other" and not self.licence_note:
            raise ValueError("licence 'other' needs a licence_note saying the terms")
        if self.licence != "other" and self.licence not in KNOWN_SPDX:
            raise ValueError(f"licence {self.licence!r} is not a known SPDX id; use one, or 'other' with a "
                             "licence_note")
        if self.source is None and not self.notes:
            raise ValueError("an entry without a source needs 'notes' saying why it cannot be ingested yet")
        if self.source is not None and self.source.options.keys() & {"root", "path"}:
            raise ValueError("source options must not set root/path; the pull cache or --path fills it")
        implied = redistribution_of(self.licence)
        if self.redistribution is None:
            self.redistribution = implied
        elif implied in ("forbidden", "non-commercial") and self.redistribution in ("allowed", "non-commercial") \
                and self.redistribution != implied:
            raise ValueError(f"licence {self.licence} allows at most redistribution: {implied}, not "
                             f"{self.redistribution}")
        elif self.redistribution != "allowed" and not (self.redistribution_note or self.licence_note):
            raise ValueError(f"redistribution: {self.redistribution} needs a redistribution_note saying why")
        return self


Registry = dict[str, RegistryEntry]


def builtin_registry_path() -> Path:
    from medseg_qa import pipelines

    return Path(pipelines.__file__).parent / "registry.yaml"


@lru_cache(maxsize=16)
def _parse(path: str, mtime_ns: int, size: int):
    """YAML of one registry file, cached until the file changes."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(Path(path).read_text(), Loader=loader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({type(exc).__name__}); fix the syntax") from None


def _read(path: Path) -> list[RegistryEntry]:
    if not path.is_file():
        raise ConfigError(f"registry file {path} not found; fix the path or {ENV_REGISTRY}")
    stat = path.stat()
    data = copy.deepcopy(_parse(str(path.resolve()), stat.st_mtime_ns, stat.st_size))
    raw = data.get("datasets") if isinstance(data, dict) else data
    if not isinstance(raw, list):
        raise ConfigError(f"{path}: a registry is a list of entries under 'datasets:'")
    out = []
    for i, item in enumerate(raw):
        label = item.get("name", f"#{i}") if isinstance(item, dict) else f"#{i}"
        try:
            out.append(RegistryEntry.model_validate(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            key = ".".join(str(p) for p in err["loc"]) or "(entry)"
            raise ConfigError(f"{path}: registry entry '{label}', key '{key}': {err['msg']}; fix the entry") from None
    return out


def load_registry(path: Union[str, Path, None] = None) -> Registry:
    """Entries by name: the built-in file, then each file in MEDSEGQA_REGISTRY, then `path`."""
    files = [builtin_registry_path()]
    files += [Path(p) for p in os.environ.get(ENV_REGISTRY, "").split(os.pathsep) if p.strip()]
    if path is not None:
        files.append(Path(path))
    registry: Registry = {}
    for f in files:
        for entry in _read(f):
            registry[entry.name] = entry
    return registry


def get_entry(name: str, registry: Union[Registry, str, Path, None] = None) -> RegistryEntry:
    reg = registry if isinstance(registry, dict) else load_registry(registry)
    key = name.strip().lower()
    if key in reg:
        return reg[key]
    for entry in reg.values():
        if key in (a.lower() for a in entry.aliases):
            return entry
    names = list(reg) + [a for e in reg.values() for a in e.aliases]
    close = difflib.get_close_matches(key, names, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "run `medsegqa sources list` to see the names"
    raise ConfigError(f"unknown dataset '{name}' in the registry; {hint}")


def _options_fields(type_: str) -> Optional[set[str]]:
    """Field names of a source type's options model, or None when its module is not installed."""
    from medseg_qa.sources import options_model

    try:
        return set(options_model(type_).model_fields)
    except ImportError:
        return None


def path_key(type_: str) -> str:
    fields = _options_fields(type_)
    if fields is not None and "root" not in fields and "path" in fields:
        return "path"
    return "path" if type_ == "hf" and fields is None else "root"


def template_options(entry: RegistryEntry) -> dict[str, Any]:
    """The entry's source options with its metadata (dataset name, licence, ...) filled in."""
    if entry.source is None:
        return {}
    options = copy.deepcopy(entry.source.options)
    fields = _options_fields(entry.source.type)
    meta = {"dataset": entry.name, "licence": entry.licence, "citation": entry.citation,
            "source_url": entry.homepage, "modality": entry.modality, "body_region": entry.body_region}
    for key in _METADATA_KEYS:
        if key not in options and (fields is None or key in fields):
            options[key] = meta[key]
    return options


def source_spec_for(name: str, path: Union[str, Path, None] = None,
                    registry: Union[Registry, str, Path, None] = None) -> tuple[str, dict[str, Any]]:
    """(source type, options) that ingest the dataset at `path`, or at its pull cache when no path is given."""
    entry = get_entry(name, registry)
    if entry.source is None:
        raise ConfigError(f"dataset '{entry.name}' has no built-in ingest mapping yet ({entry.notes.rstrip('.')}); "
                          "write a recipe source for it by hand")
    if path is None:
        found = cached_path(entry.name)
        if found is None:
            how = (f"download it as described at {entry.homepage} and pass --path DIR" if entry.download.manual
                   else f"run `medsegqa pull {entry.name}` or pass --path DIR")
            raise ConfigError(f"dataset '{entry.name}' has no local copy in the pull cache; {how}")
        path = found
    options = template_options(entry)
    options[path_key(entry.source.type)] = str(Path(path).expanduser())
    return entry.source.type, options


def template_labels(entry: RegistryEntry) -> set[str]:
    """The target names the entry's source options can produce (for consistency checks)."""
    if entry.source is None:
        return set()
    o = entry.source.options
    labels: set[str] = set()
    for key in ("label",):
        if o.get(key):
            labels.add(str(o[key]))
    for key in ("labels", "label_map"):
        if isinstance(o.get(key), dict):
            labels.update(str(v) for v in o[key].values())
    if isinstance(o.get("mask_columns"), dict):
        labels.update(str(v) for v in o["mask_columns"].values())
    if not labels and o.get("preset") and entry.source.type == "folder":
        from medseg_qa.sources.folder import PRESETS

        labels.add(PRESETS[o["preset"]].get("label", ""))
    return {label.lower() for label in labels if label}
