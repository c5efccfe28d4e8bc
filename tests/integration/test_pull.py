"""`medsegqa pull` against real local HTTP servers on 127.0.0.1: a file server with Range support (and a
mode that drops the connection halfway), a server that never answers, and a minimal Hugging Face hub.

Every archive is a tiny Kvasir-like set made in tmp_path; after each pull the folder source is built
from the pulled folder and its items are checked, as `medsegqa ingest --dataset NAME` would do.
"""

from __future__ import annotations

import hashlib
import io
import json
import socket
import tarfile
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image

from medseg_qa.archive import extract_archive
from medseg_qa.errors import ConfigError, DownloadError, ManualDownloadRequired, MedsegQAError
from medseg_qa.pull import pull
from medseg_qa.pull_cache import META_DIR, cached_path, is_complete
from medseg_qa.registry import source_spec_for
from medseg_qa.sources import SourceItem, build_source

pytestmark = pytest.mark.server

N_IMAGES = 3


# -- data ----------------------------------------------------------------------------------------
def _png(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG")
    return buf.getvalue()


def _kvasir_members() -> dict[str, bytes]:
    rng = np.random.default_rng(0)
    out = {}
    for i in range(N_IMAGES):
        img = rng.integers(0, 255, (24, 32, 3), dtype=np.uint8)
        mask = np.zeros((24, 32), np.uint8)
        mask[4 + i: 12 + i, 6: 14 + 2 * i] = 255
        out[f"Kvasir-SEG/images/case{i}.png"] = _png(img)
        out[f"Kvasir-SEG/masks/case{i}.png"] = _png(mask)
    # macOS resource forks, as in the Decathlon tars: skipped, or the folder source would read them as images
    out["Kvasir-SEG/images/._case0.png"] = b"\x00\x05\x16\x07 resource fork"
    out["__MACOSX/Kvasir-SEG/masks/._case0.png"] = b"\x00\x05\x16\x07 resource fork"
    # padding that does not compress, so that "halfway" is many reads into the transfer
    out["Kvasir-SEG/README.txt"] = rng.integers(0, 255, 200_000, dtype=np.uint8).tobytes()
    return out


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def make_tar(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- servers -------------------------------------------------------------------------------------
class FileServer:
    """Serves files from a folder with HTTP Range support; logs (path, Range header, status, bytes sent).

    `break_first`: the first GET of each file sends half of it and closes the connection.
    `ignore_range`: answers every GET with the whole file (200), as some servers do.
    """

    def __init__(self, root: Path) -> None:
        self.root, self.log, self.broken = root, [], set()
        self.break_first = self.ignore_range = False
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def do_GET(self):
                server.handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        path = self.root / h.path.lstrip("/").split("?")[0]
        rng = h.headers.get("Range")
        if not path.is_file():
            self.log.append((h.path, rng, 404, 0))
            h.send_error(404)
            return
        data = path.read_bytes()
        start, status = 0, 200
        if rng and not self.ignore_range:
            start = int(rng.split("=")[1].split("-")[0])
            if start >= len(data):
                self.log.append((h.path, rng, 416, 0))
                h.send_response(416)
                h.send_header("Content-Range", f"bytes */{len(data)}")
                h.end_headers()
                return
            status = 206
        body = data[start:]
        h.send_response(status)
        h.send_header("Content-Length", str(len(body)))
        h.send_header("Accept-Ranges", "bytes")
        if status == 206:
            h.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        h.end_headers()
        if self.break_first and h.path not in self.broken:
            self.broken.add(h.path)
            sent = body[: len(body) // 2]
            h.wfile.write(sent)
            h.wfile.flush()
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
        else:
            sent = body
            h.wfile.write(sent)
        self.log.append((h.path, rng, status, len(sent)))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def served(tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    members = _kvasir_members()
    make_zip(www / "kvasir.zip", members)
    make_tar(www / "kvasir.tar.gz", members)
    with FileServer(www) as server:
        yield server, www


def write_registry(path: Path, **entry) -> Path:
    base = dict(name="tiny-kvasir", title="tiny Kvasir-like set", modality="endoscopy", body_region="colon",
                labels=["polyp"], licence="CC-BY-4.0", citation="test data", homepage="https://example.org/tiny",
                source={"type": "folder", "options": {"preset": "kvasir-seg"}})
    base.update(entry)
    path.write_text(yaml.safe_dump({"datasets": [base]}))
    return path


def check_items(folder: Path, name: str = "tiny-kvasir", registry=None) -> list[SourceItem]:
    type_, options = source_spec_for(name, folder, registry)
    items = list(build_source(type_, options).items())
    assert len(items) == N_IMAGES and all(isinstance(i, SourceItem) for i in items)
    assert {i.case_id for i in items} == {f"case{i}" for i in range(N_IMAGES)}
    for item in items:
        assert set(item.masks) == {"polyp"} and item.modality == "endoscopy"
        assert set(np.unique(item.masks["polyp"]).tolist()) == {0, 255}
    return items


# -- direct URLs ---------------------------------------------------------------------------------
@pytest.mark.parametrize("filename", ["kvasir.zip", "kvasir.tar.gz"])
def test_pull_archive_extracts_a_usable_source_and_is_idempotent(served, tmp_path, monkeypatch, filename):
    server, www = served
    reg = write_registry(tmp_path / "reg.yaml", download={"url": f"{server.url}/{filename}",
                                                          "sha256": sha256(www / filename), "strip_components": 1})
    cache = tmp_path / "cache"
    result = pull("tiny-kvasir", cache_dir=cache, registry=reg, progress=False)
    assert result.method == "url" and result.path == cache / "tiny-kvasir"
    assert (result.path / "images").is_dir() and (result.path / "masks").is_dir()
    assert not (result.path / "Kvasir-SEG").exists()  # strip_components dropped the top folder
    assert not (result.path / META_DIR / "downloads").exists()  # archives are not kept by default
    marker = json.loads((result.path / META_DIR / "pull.json").read_text())
    assert marker["name"] == "tiny-kvasir" and marker["files"] == [f"{server.url}/{filename}"]

    monkeypatch.setenv("MEDSEGQA_CACHE", str(cache))
    assert cached_path("tiny-kvasir") == result.path
    check_items(result.path, registry=reg)
    type_, options = source_spec_for("tiny-kvasir", registry=reg)  # no path: the pull cache is used
    assert options["root"] == str(result.path) and options["dataset"] == "tiny-kvasir"

    requests = len(server.log)
    again = pull("tiny-kvasir", cache_dir=cache, registry=reg, progress=False)
    assert again.method == "cache" and len(server.log) == requests


def test_interrupted_download_resumes_with_range_and_verifies_the_checksum(served, tmp_path):
    server, www = served
    server.break_first = True
    size = (www / "kvasir.zip").stat().st_size
    reg = write_registry(tmp_path / "reg.yaml", download={"url": f"{server.url}/kvasir.zip",
                                                          "sha256": sha256(www / "kvasir.zip"), "strip_components": 1})
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match="run the pull again to resume"):
        pull("tiny-kvasir", cache_dir=cache, registry=reg, progress=False, retries=1)
    part = cache / "tiny-kvasir" / META_DIR / "downloads" / "kvasir.zip.part"
    assert part.is_file() and 0 < part.stat().st_size < size
    assert not is_complete(cache / "tiny-kvasir")
    kept = part.stat().st_size

    result = pull("tiny-kvasir", cache_dir=cache, registry=reg, progress=False, retries=1)
    path, rng, status, sent = server.log[-1]
    assert rng == f"bytes={kept}-" and status == 206 and sent == size - kept  # only the rest was sent
    check_items(result.path, registry=reg)


def test_retries_within_one_pull_resume_the_partial_file(served, tmp_path):
    server, www = served
    server.break_first = True
    reg = write_registry(tmp_path / "reg.yaml", download={"url": f"{server.url}/kvasir.tar.gz", "strip_components": 1,
                                                          "sha256": sha256(www / "kvasir.tar.gz")})
    result = pull("tiny-kvasir", cache_dir=tmp_path / "cache", registry=reg, progress=False, retries=2)
    assert [s for _, _, s, _ in server.log] == [200, 206]
    check_items(result.path, registry=reg)


def test_a_server_that_ignores_range_restarts_the_file(served, tmp_path):
    server, www = served
    server.break_first = server.ignore_range = True
    reg = write_registry(tmp_path / "reg.yaml", download={"url": f"{server.url}/kvasir.zip",
                                                          "sha256": sha256(www / "kvasir.zip"), "strip_components": 1})
    with pytest.raises(DownloadError):
        pull("tiny-kvasir", cache_dir=tmp_path / "cache", registry=reg, progress=False, retries=1)
    result = pull("tiny-kvasir", cache_dir=tmp_path / "cache", registry=reg, progress=False, retries=1)
    assert server.log[-1][1] is not None and server.log[-1][2] == 200  # asked to resume, got the whole file
    check_items(result.path, registry=reg)


def test_bad_checksum_is_refused_and_nothing_is_kept_as_complete(served, tmp_path):
    server, _ = served
    reg = write_registry(tmp_path / "reg.yaml", download={"url": f"{server.url}/kvasir.zip", "sha256": "0" * 64,
                                                          "strip_components": 1})
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match="does not match"):
        pull("tiny-kvasir", cache_dir=cache, registry=reg, progress=False)
    downloads = cache / "tiny-kvasir" / META_DIR / "downloads"
    assert not (downloads / "kvasir.zip").exists() and not (downloads / "kvasir.zip.part").exists()
    assert not is_complete(cache / "tiny-kvasir") and cached_path("tiny-kvasir", cache) is None
    assert not (cache / "tiny-kvasir" / "images").exists()


def test_http_errors_fail_at_once_with_the_status(served, tmp_path):
    server, _ = served
    reg = write_registry(tmp_path / "reg.yaml", download={"url": f"{server.url}/missing.zip"})
    with pytest.raises(DownloadError, match="HTTP 404"):
        pull("tiny-kvasir", cache_dir=tmp_path / "cache", registry=reg, progress=False, retries=3)
    assert len(server.log) == 1  # a 404 is not retried


@pytest.fixture
def silent_server():
    """Accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def test_a_stalled_server_times_out(silent_server, tmp_path):
    reg = write_registry(tmp_path / "reg.yaml", download={"url": f"{silent_server}/kvasir.zip"})
    t0 = time.monotonic()
    with pytest.raises(DownloadError, match="failed after 1 tries"):
        pull("tiny-kvasir", cache_dir=tmp_path / "cache", registry=reg, progress=False, retries=1, timeout=0.5)
    assert time.monotonic() - t0 < 10


# -- manual sets, local archives, destinations ---------------------------------------------------
def test_manual_dataset_says_where_to_get_it_and_accepts_a_local_archive(tmp_path):
    reg = write_registry(tmp_path / "reg.yaml", download={
        "manual": True, "manual_note": "register first", "files": [{"filename": "kvasir.zip", "strip_components": 1}]})
    with pytest.raises(ManualDownloadRequired) as err:
        pull("tiny-kvasir", cache_dir=tmp_path / "cache", registry=reg, progress=False)
    assert "https://example.org/tiny" in str(err.value) and "\n" not in str(err.value)

    archive = make_zip(tmp_path / "kvasir.zip", _kvasir_members())
    result = pull("tiny-kvasir", cache_dir=tmp_path / "cache", registry=reg, archives=[archive], progress=False)
    assert result.method == "archive"
    check_items(result.path, registry=reg)


def test_dest_folder_with_foreign_content_is_refused(served, tmp_path):
    server, www = served
    dest = tmp_path / "data" / "tiny"
    dest.mkdir(parents=True)
    (dest / "precious.txt").write_text("not ours")
    reg = write_registry(tmp_path / "reg.yaml", download={"url": f"{server.url}/kvasir.zip", "strip_components": 1})
    with pytest.raises(ConfigError, match="not empty"):
        pull("tiny-kvasir", dest=dest, registry=reg, progress=False)
    assert (dest / "precious.txt").read_text() == "not ours"

    result = pull("tiny-kvasir", dest=tmp_path / "data" / "other", registry=reg, progress=False)
    check_items(result.path, registry=reg)
    forced = pull("tiny-kvasir", dest=result.path, registry=reg, progress=False, force=True)
    assert forced.method == "url"
    check_items(forced.path, registry=reg)
    other = write_registry(tmp_path / "other.yaml", name="other-set",
                           download={"url": f"{server.url}/kvasir.zip", "strip_components": 1})
    with pytest.raises(ConfigError, match="holds a pull of 'tiny-kvasir'"):
        pull("other-set", dest=result.path, registry=other, progress=False, force=True)


# -- unsafe archives -----------------------------------------------------------------------------
@pytest.mark.parametrize("member", ["../evil.txt", "/tmp/evil-abs.txt", "a/../../evil.txt"])
def test_zip_with_escaping_paths_is_refused(tmp_path, member):
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("ok.txt", b"fine")
        zf.writestr(member, b"evil")
    dest = tmp_path / "out" / "inner"
    dest.mkdir(parents=True)
    with pytest.raises(DownloadError, match="unsafe|outside"):
        extract_archive(archive, dest)
    assert not (tmp_path / "out" / "evil.txt").exists() and not Path("/tmp/evil-abs.txt").exists()


def test_tar_with_links_is_refused(tmp_path):
    archive = tmp_path / "bad.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        link = tarfile.TarInfo("data/passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
    with pytest.raises(DownloadError, match="link"):
        extract_archive(archive, tmp_path / "out")
    assert not (tmp_path / "out" / "data" / "passwd").exists()


def test_corrupt_archive_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"this is not a zip file")
    with pytest.raises(DownloadError, match="not a readable zip"):
        extract_archive(bad, tmp_path / "out")


# -- the hub -------------------------------------------------------------------------------------
@pytest.fixture
def hub_client():
    """Pulls give huggingface_hub's shared client a timeout; hand its own factory back afterwards."""
    from medseg_qa.pull import reset_hub_timeouts

    yield
    reset_hub_timeouts()


class HubStub:
    """The read-only part of the Hugging Face hub API that snapshot_download uses, for one repo."""

    SHA = "c0ffee" + "0" * 34

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files, self.log = files, []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_HEAD(self):
                stub.handle(self, head=True)

            def do_GET(self):
                stub.handle(self, head=False)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def _send(self, h, code: int, body: bytes, head: bool, headers: dict) -> None:
        h.send_response(code)
        for k, v in {"Content-Length": str(len(body)), **headers}.items():
            h.send_header(k, v)
        h.end_headers()
        if not head:
            h.wfile.write(body)

    def handle(self, h, head: bool) -> None:
        path = h.path.split("?")[0]
        self.log.append((h.command, path))
        if "/resolve/" in path:
            name = path.split("/resolve/", 1)[1].split("/", 1)[1]
            data = self.files.get(name)
            if data is None:
                return self._send(h, 404, b"{}", head, {})
            return self._send(h, 200, data, head, {"X-Repo-Commit": self.SHA,
                                                   "ETag": f'"{hashlib.sha1(data).hexdigest()}"'})
        if path.startswith("/api/datasets/") and "/tree/" in path:
            tree = [{"type": "file", "oid": hashlib.sha1(d).hexdigest(), "size": len(d), "path": f}
                    for f, d in self.files.items()]
            return self._send(h, 200, json.dumps(tree).encode(), head, {"Content-Type": "application/json"})
        if path.startswith("/api/datasets/"):
            info = {"id": "lab/tiny", "sha": self.SHA, "siblings": [{"rfilename": f} for f in self.files]}
            return self._send(h, 200, json.dumps(info).encode(), head, {"Content-Type": "application/json"})
        self._send(h, 404, b"{}", head, {})

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _hf_parquet(tmp_path: Path) -> bytes:
    from datasets import Dataset, Features, Image as HFImage, Value

    members = _kvasir_members()
    rows = {"name": [], "image": [], "annotation": []}
    for i in range(N_IMAGES):
        rows["name"].append(f"case{i}")
        rows["image"].append({"bytes": members[f"Kvasir-SEG/images/case{i}.png"], "path": None})
        rows["annotation"].append({"bytes": members[f"Kvasir-SEG/masks/case{i}.png"], "path": None})
    ds = Dataset.from_dict(rows, features=Features({"name": Value("string"), "image": HFImage(),
                                                    "annotation": HFImage()}))
    out = tmp_path / "train.parquet"
    ds.to_parquet(str(out))
    return out.read_bytes()


def test_hub_mirror_pull_snapshots_into_the_cache_and_feeds_the_hf_source(tmp_path, hub_client):
    hub = HubStub({"data/train-00000-of-00001.parquet": _hf_parquet(tmp_path), "README.md": b"# tiny\n"})
    try:
        reg = write_registry(tmp_path / "reg.yaml", source={"type": "hf", "options": {
            "split": "train", "image_column": "image", "mask_column": "annotation", "case_column": "name",
            "label": "polyp", "cache_dir": str(tmp_path / "hf-cache")}}, download={"hf_repo": "lab/tiny"})
        result = pull("tiny-kvasir", cache_dir=tmp_path / "cache", registry=reg, progress=False,
                      hf_endpoint=hub.url, timeout=5)
    finally:
        hub.close()
    assert result.method == "hub" and (result.path / "data" / "train-00000-of-00001.parquet").is_file()
    assert ("GET", "/api/datasets/lab/tiny") in hub.log or any("/revision/" in p for _, p in hub.log)
    check_items(result.path, registry=reg)


def test_unreachable_or_stalled_hub_is_a_medsegqa_error(silent_server, tmp_path, hub_client):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    reg = write_registry(tmp_path / "reg.yaml", download={"hf_repo": "lab/tiny"})
    for endpoint in (f"http://127.0.0.1:{port}", silent_server):
        t0 = time.monotonic()
        with pytest.raises(DownloadError, match="cannot download the hub dataset lab/tiny") as err:
            pull("tiny-kvasir", cache_dir=tmp_path / "cache", registry=reg, progress=False,
                 hf_endpoint=endpoint, timeout=1)
        assert isinstance(err.value, MedsegQAError) and time.monotonic() - t0 < 30
        assert not is_complete(tmp_path / "cache" / "tiny-kvasir")


# -- the CLI command -----------------------------------------------------------------------------
def test_pull_command_runs_as_a_cli(served, tmp_path):
    import typer
    from typer.testing import CliRunner

    from medseg_qa.cli_sources import pull_command

    server, www = served
    app = typer.Typer()
    app.command("pull")(pull_command)
    app.command("noop")(lambda: None)  # two commands, so that "pull" is a sub-command as in the real CLI
    reg = write_registry(tmp_path / "reg.yaml", download={"url": f"{server.url}/kvasir.zip", "strip_components": 1})
    runner = CliRunner()
    out = runner.invoke(app, ["pull", "tiny-kvasir", "--cache-dir", str(tmp_path / "c"), "--registry", str(reg),
                              "--no-progress"])
    assert out.exit_code == 0, out.output
    assert "pulled tiny-kvasir" in out.output and "medsegqa ingest --dataset tiny-kvasir" in out.output
    check_items(tmp_path / "c" / "tiny-kvasir", registry=reg)

    manual = write_registry(tmp_path / "manual.yaml", download={"manual": True, "manual_note": "sign the form"})
    out = runner.invoke(app, ["pull", "tiny-kvasir", "--cache-dir", str(tmp_path / "d"),
                              "--registry", str(manual)])
    assert out.exit_code == 3 and "https://example.org/tiny" in out.output
    out = runner.invoke(app, ["pull", "tiny-kvasr", "--registry", str(reg)])
    assert out.exit_code == 2 and "did you mean tiny-kvasir" in out.output
