"""Safe extraction of downloaded zip and tar archives into a dataset folder.

Archives come from third-party servers, so nothing in one may write outside the folder it is unpacked
into: members are extracted one by one, and an absolute path, a `..` component, a drive letter, a
symbolic or hard link, or a device file makes the whole archive refused with a DownloadError (rather
than silently skipping the member and leaving a dataset that looks complete but is not). macOS
resource forks (`__MACOSX/`, `._*`, carried by the Decathlon tars) are not data and are skipped.
"""

from __future__ import annotations

import shutil
import tarfile
import zipfile
from pathlib import Path, PurePosixPath
from functools import partial
from typing import Callable, Iterator, Optional

from medseg_qa.errors import DownloadError


def archive_kind(filename: str) -> str:
    """The archive format a file name says ("tar.gz", "tgz", "tar.bz2", "tar", "zip"), else "none"."""
    name = filename.lower()
    for suffix in ("tar.gz", "tgz", "tar.bz2", "tar", "zip"):
        if name.endswith("." + suffix):
            return suffix
    return "none"


COPY_CHUNK = 1 << 20


def extract_archive(archive: Path, dest: Path, *, kind: Optional[str] = None, strip_components: int = 0) -> int:
    """Extract regular files and folders of a zip/tar archive under `dest`; returns the file count.

    Links, devices and paths that leave `dest` make the whole archive refused (DownloadError).
    """
    kind = kind or archive_kind(archive.name)
    root = dest.resolve()
    count = 0

    def out_path(rel: PurePosixPath) -> Path:
        p = (dest / Path(*rel.parts)).resolve()
        if root != p and root not in p.parents:
            raise DownloadError(f"archive {archive.name}: member '{rel}' would land outside {dest}; refusing")
        return p

    try:
        for name, is_dir, open_member in _members(archive, kind):
            rel = _member_path(name, strip_components, archive)
            if rel is None:
                continue
            p = out_path(rel)
            if is_dir:
                p.mkdir(parents=True, exist_ok=True)
                continue
            p.parent.mkdir(parents=True, exist_ok=True)
            with open_member() as src, open(p, "wb") as dst:
                shutil.copyfileobj(src, dst, COPY_CHUNK)
            count += 1
    except (zipfile.BadZipFile, tarfile.TarError, EOFError) as exc:
        raise DownloadError(f"{archive} is not a readable {kind} archive ({type(exc).__name__}); delete it and "
                            "pull again") from None
    return count


def _members(archive: Path, kind: str) -> Iterator[tuple[str, bool, Callable]]:
    """(name, is_dir, opener) of every member of a zip or tar archive; a link or special file refuses
    the whole archive."""
    if kind == "zip":
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if (info.external_attr >> 16) & 0o170000 == 0o120000:
                    raise DownloadError(f"archive {archive.name} has a symbolic link '{info.filename}'; "
                                        "refusing to extract it")
                yield info.filename, info.is_dir(), partial(zf.open, info)
    elif kind in ("tar", "tar.gz", "tgz", "tar.bz2"):
        with tarfile.open(archive, "r:*") as tf:
            for m in tf:
                if not (m.isfile() or m.isdir()):
                    raise DownloadError(f"archive {archive.name} has a link or special file '{m.name}'; "
                                        "refusing to extract it")
                yield m.name, m.isdir(), partial(tf.extractfile, m)
    else:
        raise DownloadError(f"{archive.name}: unknown archive format '{kind}'; use zip, tar, tar.gz or tgz")


def _member_path(name: str, strip: int, archive: Path) -> Optional[PurePosixPath]:
    p = PurePosixPath(name.replace("\\", "/"))
    if p.is_absolute() or ".." in p.parts or (p.parts and ":" in p.parts[0]):
        raise DownloadError(f"archive {archive.name} has an unsafe member '{name}' (absolute or '..' path); "
                            "refusing to extract it")
    if "__MACOSX" in p.parts or p.name.startswith("._"):
        return None  # macOS resource forks (the Decathlon tars carry them): not data
    parts = [x for x in p.parts if x not in ("", ".")][strip:]
    return PurePosixPath(*parts) if parts else None


__all__ = ["extract_archive"]
