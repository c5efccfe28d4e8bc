"""Resumable, verified HTTP downloads of single files, for `medsegqa pull`.

Dataset archives are large and servers drop connections, so a transfer writes to `<target>.part` and
the next try resumes it with an HTTP Range request (starting over when the server ignores the range).
The file is renamed to `target` only after a complete transfer whose sha256, when the registry gives
one, matches; a mismatch deletes the partial file instead of keeping it as complete. Every request has
a timeout, transient failures (network errors, HTTP 5xx and 429) are retried with exponential backoff,
and every final failure is a DownloadError saying whether a rerun resumes.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import socket
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from medseg_qa.errors import DownloadError

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
CHUNK = 1 << 20
USER_AGENT = "medseg-qa-pull/0.1"


class _Interrupted(Exception):
    pass


def download_file(url: str, target: Path, *, sha256: Optional[str] = None, md5: Optional[str] = None,
                  timeout: float = DEFAULT_TIMEOUT, retries: int = 3, progress: bool = True,
                  backoff: float = 1.0) -> Path:
    """Fetch `url` to `target`, resuming `target.part` with HTTP Range; verify `sha256`/`md5` when given
    (md5 only where the publisher gives nothing stronger, as MONAI does for the Decathlon tars).

    A complete `target` (renamed from .part only after a full, verified transfer) is reused as is.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        if checksum_problem(target, sha256=sha256, md5=md5) is None:
            return target
        target.unlink()
    part = target.with_name(target.name + ".part")
    last: Optional[BaseException] = None
    for attempt in range(max(1, retries)):
        try:
            _fetch(url, part, timeout, progress)
            break
        except urllib.error.HTTPError as exc:
            if exc.code < 500 and exc.code != 429:
                raise DownloadError(f"{url} answered HTTP {exc.code} {exc.reason}; check the URL in the registry "
                                    "or download the file by hand and pass it with --archive") from None
            last = exc
        except (_Interrupted, urllib.error.URLError, http.client.HTTPException, socket.timeout, OSError) as exc:
            last = exc
        log.warning("download of %s failed (%s); retry %d of %d", url, _reason(last), attempt + 1, retries)
        if attempt + 1 < retries:
            time.sleep(backoff * (2 ** attempt))
    else:
        kept = f"{part.stat().st_size} bytes kept in {part}; " if part.exists() else ""
        raise DownloadError(f"download of {url} failed after {retries} tries ({_reason(last)}); "
                            f"{kept}run the pull again to resume")
    problem = checksum_problem(part, sha256=sha256, md5=md5)
    if problem:
        part.unlink()
        raise DownloadError(f"{url}: {problem}; the file was deleted; run the pull again, or fix the checksum "
                            "if the file changed upstream")
    part.replace(target)
    return target


def sha256_of(path: Path) -> str:
    return file_digest(path, "sha256")


def file_digest(path: Path, algorithm: str) -> str:
    """Hex digest of a file with a hashlib algorithm, read in chunks."""
    h = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def checksum_problem(path: Path, *, sha256: Optional[str] = None, md5: Optional[str] = None) -> Optional[str]:
    """None when the file matches every checksum given, else what does not match."""
    for algorithm, want in (("sha256", sha256), ("md5", md5)):
        if want:
            got = file_digest(path, algorithm)
            if got != want:
                return f"{algorithm} {got[:12]}... does not match the registry's {want[:12]}..."
    return None


def _reason(exc: Optional[BaseException]) -> str:
    if exc is None:
        return "unknown error"
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    return f"{type(exc).__name__}: {str(exc)[:200]}" if str(exc) else type(exc).__name__


def _fetch(url: str, part: Path, timeout: float, show: bool) -> None:
    have = part.stat().st_size if part.exists() else 0
    headers = {"User-Agent": USER_AGENT}
    if have:
        headers["Range"] = f"bytes={have}-"
    try:
        resp = urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # nothing left to send: the part is whole (the checksum decides)
            total = _content_range_total(exc.headers.get("Content-Range"))
            if total is None or total == have:
                return
            part.unlink()
            raise _Interrupted(f"server refused resuming at byte {have} of {total}; starting over") from None
        raise
    with resp:
        if have and resp.status == 206 and _content_range_start(resp.headers.get("Content-Range")) == have:
            mode, done = "ab", have
            total = _content_range_total(resp.headers.get("Content-Range"))
        else:  # the server ignored the Range header: start over
            mode, done = "wb", 0
            length = resp.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
        if have:
            log.info("resuming %s at byte %d (%s)", url, done, "appending" if mode == "ab" else "restarting")
        with open(part, mode) as out, _progress(part.name[:-5], total, done, show) as advance:
            while True:
                chunk = resp.read(CHUNK)
                if not chunk:
                    break
                out.write(chunk)
                done += len(chunk)
                advance(len(chunk))
    if total is not None and done != total:
        raise _Interrupted(f"connection closed after {done} of {total} bytes")


def _content_range_start(value: Optional[str]) -> Optional[int]:
    try:
        return int(value.split()[1].split("-")[0]) if value else None
    except (IndexError, ValueError):
        return None


def _content_range_total(value: Optional[str]) -> Optional[int]:
    try:
        total = value.rsplit("/", 1)[1] if value else "*"
        return int(total) if total != "*" else None
    except (IndexError, ValueError):
        return None


@contextmanager
def _progress(label: str, total: Optional[int], done: int, show: bool):
    """A rich progress bar over bytes (to stderr) yielding `advance(n)`; nothing when `show` is false."""
    if not show:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn,
                               TransferSpeedColumn)

    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total, completed=done)
        yield lambda n: bar.advance(task, n)


__all__ = ["DEFAULT_TIMEOUT", "checksum_problem", "download_file", "file_digest", "sha256_of"]
