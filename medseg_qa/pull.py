"""`medsegqa pull NAME`: fetch a registry dataset into a local folder that `ingest --dataset NAME` finds.

The folder is `<cache>/<name>` (cache: `MEDSEGQA_CACHE`, default `~/.cache/medseg-qa`) or `--dest`; it
*is* the source root (archives are extracted into it, a hub mirror is snapshotted into it), and the
bookkeeping lives in its hidden `.medsegqa/` subfolder: partial downloads (`*.part`, resumed with HTTP
Range on the next try), and `pull.json`, written last, which marks the folder complete. Every network
call has a timeout; every failure is a MedsegQAError saying what to do; a checksum mismatch deletes the
partial file instead of keeping it as complete; archives are extracted member by member, refusing
absolute paths, `..` and links, so an archive cannot write outside the dataset folder.

This module decides what to fetch and owns the folder and its marker; the transfers themselves are
`medseg_qa.download` (resumable, verified HTTP) and `medseg_qa.archive` (safe extraction), and the hub
mirror is the snapshot below.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence, Union

from medseg_qa.download import DEFAULT_TIMEOUT, checksum_problem, download_file
from medseg_qa.errors import ConfigError, DownloadError, ManualDownloadRequired
from medseg_qa.archive import archive_kind, extract_archive
from medseg_qa.pull_cache import MARKER, META_DIR, dataset_dir, is_complete, marker
from medseg_qa.registry import DownloadFile, RegistryEntry, get_entry

log = logging.getLogger(__name__)

INSTALLING = "installing"


@dataclass
class PullResult:
    name: str
    path: Path
    method: str  # "url", "hub", "archive" or "cache"
    files: list[str] = field(default_factory=list)


# -- the pull ------------------------------------------------------------------------------------
def pull(name: str, *, dest: Union[str, Path, None] = None, cache_dir: Union[str, Path, None] = None,
         registry: Union[str, Path, dict, None] = None, entry: Optional[RegistryEntry] = None,
         archives: Sequence[Union[str, Path]] = (), force: bool = False, timeout: float = DEFAULT_TIMEOUT,
         retries: int = 3, progress: bool = True, keep_archives: bool = False,
         hf_endpoint: Optional[str] = None) -> PullResult:
    """Download (or unpack given `archives` of) a registry dataset into its folder; idempotent.

    A completed folder is returned as is unless `force`. A manual dataset without `archives` raises
    ManualDownloadRequired naming its homepage.
    """
    entry = entry or get_entry(name, registry)
    folder = Path(dest).expanduser() if dest else dataset_dir(entry.name, cache_dir)
    if is_complete(folder):
        held = marker(folder).get("name")
        if held != entry.name:
            raise ConfigError(f"{folder} holds a pull of '{held}', not '{entry.name}'; choose another --dest")
    if is_complete(folder) and not force:
        log.info("%s is already pulled into %s", entry.name, folder)
        return PullResult(entry.name, folder, "cache")
    dl = entry.download
    if dl.manual and not archives:
        raise ManualDownloadRequired(
            f"{entry.name} needs a manual download ({dl.manual_note.rstrip('.')}): get it from {entry.homepage}, "
            f"then run `medsegqa pull {entry.name} --archive FILE` or ingest the unpacked folder with --path")
    _claim(folder, force)
    meta = folder / META_DIR
    record: dict = {"name": entry.name, "title": entry.title, "licence": entry.licence}
    if archives:
        files = _install_archives(entry, [Path(a).expanduser() for a in archives], folder)
        record.update(method="archive", files=files)
    elif dl.hf_repo:
        _snapshot(dl.hf_repo, dl.hf_revision, dl.hf_allow_patterns, folder, timeout, hf_endpoint)
        record.update(method="hub", hf_repo=dl.hf_repo, revision=dl.hf_revision)
        files = [dl.hf_repo]
    else:
        downloads = meta / "downloads"
        got = [download_file(f.url, downloads / f.filename, sha256=f.sha256, md5=f.md5, timeout=timeout,
                             retries=retries, progress=progress) for f in dl.files if f.url]
        for f, path in zip([f for f in dl.files if f.url], got):
            _install(path, f, folder)
        if not keep_archives:
            shutil.rmtree(downloads, ignore_errors=True)
        files = [f.url for f in dl.files if f.url]
        record.update(method="url", files=files)
    record["pulled_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    _atomic_write(meta / MARKER, json.dumps(record, indent=2))
    (meta / INSTALLING).unlink(missing_ok=True)
    return PullResult(entry.name, folder, record["method"], files)


def _claim(folder: Path, force: bool) -> None:
    """Make `folder` ours: refuse a non-empty folder that no pull wrote; clear ours when re-pulling."""
    meta = folder / META_DIR
    ours = (meta / INSTALLING).exists() or (meta / MARKER).exists()
    content = [p for p in folder.iterdir() if p.name != META_DIR] if folder.is_dir() else []
    if content and not ours:
        raise ConfigError(f"{folder} is not empty and holds no medseg-qa pull; choose an empty --dest or "
                          "remove its contents")
    if force and (meta / MARKER).exists():
        for p in content:
            shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
        (meta / MARKER).unlink()
    meta.mkdir(parents=True, exist_ok=True)
    (meta / INSTALLING).touch()


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    tmp.replace(path)


# -- installing ----------------------------------------------------------------------------------
def _install_archives(entry: RegistryEntry, archives: list[Path], folder: Path) -> list[str]:
    by_name = {f.filename: f for f in entry.download.files}
    for a in archives:
        if not a.is_file():
            raise ConfigError(f"archive {a} not found; give the path of the downloaded file")
        spec = by_name.get(a.name) or (entry.download.files[0] if len(entry.download.files) == 1 else None)
        spec = spec or DownloadFile(filename=a.name)
        problem = checksum_problem(a, sha256=spec.sha256, md5=spec.md5) if spec.filename == a.name else None
        if problem:
            raise DownloadError(f"{a}: {problem} for {spec.filename}; re-download it")
        _install(a, spec.model_copy(update={"archive": archive_kind(a.name) if spec.filename != a.name
                                             else spec.archive}), folder)
    return [str(a) for a in archives]


def _install(path: Path, spec: DownloadFile, folder: Path) -> None:
    """Extract (or copy) one downloaded file into the dataset folder."""
    target = folder / spec.into if spec.into else folder
    target.mkdir(parents=True, exist_ok=True)
    kind = spec.archive or archive_kind(path.name)
    if kind == "none":
        shutil.copyfile(path, target / spec.filename)
        return
    log.info("extracting %s into %s", path.name, target)
    extract_archive(path, target, kind=kind, strip_components=spec.strip_components)


# -- the hub -------------------------------------------------------------------------------------
def configure_hub_timeouts(timeout: float = DEFAULT_TIMEOUT) -> None:
    """Give huggingface_hub's shared HTTP client a timeout (its default has none and can hang forever).

    Only public API: the shared client from `get_session()` keeps whatever factory (proxy, certificates)
    the user set, and gets its `timeout` set; called before every hub use, since `close_session()`
    anywhere recreates the client with the factory's own (unbounded) timeout.
    """
    from huggingface_hub import get_session

    get_session().timeout = timeout


def reset_hub_timeouts() -> None:
    """Drop the shared client so that the next hub call builds a fresh one with its factory's defaults."""
    from huggingface_hub import close_session

    close_session()


def _snapshot(repo: str, revision: Optional[str], patterns: list[str], folder: Path, timeout: float,
              endpoint: Optional[str]) -> None:
    """Snapshot a hub dataset repo into `folder`, pinned to one commit, and check every file arrived.

    huggingface_hub returns a non-empty local_dir as is when the hub cannot be reached, so the file
    list is fetched first and checked after the download: an unreachable hub is an error, never a
    silently partial copy.
    """
    from huggingface_hub import HfApi, snapshot_download
    from huggingface_hub.utils import filter_repo_objects

    configure_hub_timeouts(timeout)
    try:
        info = HfApi(endpoint=endpoint).dataset_info(repo, revision=revision, timeout=timeout)
        wanted = list(filter_repo_objects([s.rfilename for s in info.siblings or []],
                                          allow_patterns=patterns or None))
        if not wanted:
            raise DownloadError(f"hub dataset {repo} has no files matching {patterns or 'any pattern'}; fix "
                                "hf_allow_patterns in the registry")
        snapshot_download(repo, repo_type="dataset", revision=info.sha, local_dir=str(folder),
                          allow_patterns=patterns or None, etag_timeout=timeout, endpoint=endpoint)
    except DownloadError:
        raise
    except Exception as exc:  # hub errors, network errors of its HTTP client, OSError: all become one message
        text = str(exc).strip().splitlines()
        raise DownloadError(f"cannot download the hub dataset {repo}: {type(exc).__name__}: "
                            f"{text[0][:200] if text else 'no message'}; check the network, HF_ENDPOINT and "
                            "HF_TOKEN (gated sets need an accepted licence on the hub), then pull again to "
                            "resume") from None
    missing = [f for f in wanted if not (folder / f).is_file()]
    if missing:
        raise DownloadError(f"hub dataset {repo}: {len(missing)} file(s) missing after the download, e.g. "
                            f"{missing[0]}; pull again to resume")
