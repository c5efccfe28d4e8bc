"""Access to the review server (what tests/integration/test_review_server.py and tests/e2e/test_review_cli.py
do not already cover): Label Studio listens on 127.0.0.1 only, not on the other loopback addresses nor
on the machine's network address; its local-file serving gives nothing to an anonymous caller and
nothing outside the pushed blobs to an authenticated one, whatever the spelling of the path (absolute,
percent-encoded, double-encoded, backslashes, NUL)."""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest

from medseg_qa.pipelines.review import push
from medseg_qa.review_ui.bridge import Bridge, Connection
from review_data import make_workspace

pytestmark = [pytest.mark.server, pytest.mark.slow]
SECRET = "LEAKCANARY-credentials-and-patient-list"


def _connects(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def _network_address() -> str | None:
    """This machine's address on its default route (no packet is sent), or None without a network."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_label_studio_listens_on_127_0_0_1_only(ls_server):
    assert ls_server.url.startswith("http://127.0.0.1:")
    assert _connects("127.0.0.1", ls_server.port)
    # a server bound to 0.0.0.0 (every interface) would accept on these too
    assert not _connects("127.0.0.2", ls_server.port)
    address = _network_address()
    if address is not None:
        assert not _connects(address, ls_server.port), address


@pytest.fixture()
def pushed(ls_server):
    root = ls_server.media_root / "access-ws"
    ws = make_workspace(root)
    push(ws, Bridge(Connection(ls_server.url, ls_server.token)), project="access", document_root=ls_server.media_root,
         progress=False)
    # what a workspace holds beside its blobs: credentials `review serve` saved, the log, the catalog
    (root / "labelstudio").mkdir(exist_ok=True)
    (root / "labelstudio" / "serve.json").write_text(f'{{"token": "{SECRET}"}}')
    (root / "medsegqa.log").write_text(SECRET)
    (ls_server.media_root / "outside.txt").write_text(SECRET)
    yield ws
    ws.close()


def _get(url: str, token: str | None) -> tuple[int, bytes]:
    headers = {"Authorization": f"Token {token}"} if token else {}
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_local_files_refuse_anonymous_callers_and_every_path_out_of_the_blobs(ls_server, pushed):
    rec = next(iter(pushed.records()))
    ws_name = pushed.root.name
    blob = f"{ws_name}/blobs/{rec.image_blob[:2]}/{rec.image_blob}.png"
    base = f"{ls_server.url}/data/local-files/?d="
    status, body = _get(base + blob, ls_server.token)
    assert status == 200 and body == pushed.get_blob(rec.image_blob)  # the control: the door works

    status, body = _get(base + blob, None)
    assert status != 200 and body != pushed.get_blob(rec.image_blob)  # no token, no image

    media = str(ls_server.media_root)
    attempts = [
        f"{ws_name}/labelstudio/serve.json", f"{ws_name}/medsegqa.log", f"{ws_name}/catalog.sqlite", "outside.txt",
        f"{media}/outside.txt", f"/{media}/{ws_name}/medsegqa.log", "/etc/passwd",
        f"{ws_name}/blobs/../medsegqa.log", f"{ws_name}/blobs/../../outside.txt",
        f"{ws_name}/blobs/{rec.image_blob[:2]}/../../labelstudio/serve.json",
        f"{ws_name}/blobs\\..\\medsegqa.log", f"{ws_name}/blobs/..%2fmedsegqa.log",
        f"{ws_name}/blobs/%2e%2e/medsegqa.log", f"{ws_name}/blobs/%252e%252e/medsegqa.log",
        f"{ws_name}/blobs/..%00/medsegqa.log", f"{ws_name}/blobs/....//medsegqa.log",
    ]
    for path in attempts:
        quoted = path if "%" in path else urllib.parse.quote(path, safe="/\\")
        status, body = _get(base + quoted, ls_server.token)
        assert status != 200, (path, status)
        assert SECRET.encode() not in body and b"SQLite format" not in body and b"root:" not in body, path
