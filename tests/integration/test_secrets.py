"""Secrets never leave: distinctive API keys, Label Studio tokens and hub tokens are planted in the
environment, the real CLI runs generate (openai backend against the fault server, faults and a rejected
key included), export, a hub push whose server refuses and echoes the token back, status, and review
push/pull against a real Label Studio; then every artefact is scanned: every file of the workspace
(catalog, its WAL, blobs, log), a SQL dump of the catalog, the export folder, and the CLI's stdout and
stderr. Zero hits."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.fault_server import MODEL, FaultServer, Faults

MEDSEGQA = str(Path(sys.executable).parent / "medsegqa")
OPENAI_KEY = "sk-proj-LEAKCANARYopenai7f3a9c1e5b2d8f4a6c0e9b7d"
HF_TOKEN = "hf_LEAKCANARYhubT0kenQzX9wV8uT7sR6pO5nM4"
LS_TOKEN_UNUSED = "LEAKCANARYlstoken5e6f7a8b9c0d1e2f3a4b5c6d"  # planted where a token is read, never valid


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDSEGQA_LS_", "HF_", "OPENAI_"))}
    env.update(MEDSEGQA_NO_PROGRESS="1", COLUMNS="200", **extra)
    return env


def _run(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run([MEDSEGQA, *args], capture_output=True, text=True, env=env, timeout=600)


def _needles(secret: str) -> list[bytes]:
    """The secret, a distinctive part of it (a truncated or masked echo still leaks), and its base64
    forms (an Authorization header written down)."""
    raw = secret.encode()
    return [raw, raw[4:20], base64.b64encode(raw), base64.b64encode(b":" + raw)[4:24]]


def scan(secrets: list[str], folders: list[Path], texts: dict[str, str]) -> list[tuple[str, str]]:
    """(where, secret) for every artefact holding any form of a secret."""
    hits = []
    blobs: dict[str, bytes] = {name: text.encode() for name, text in texts.items()}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                blobs[str(path)] = path.read_bytes()
        for db in folder.rglob("*.sqlite"):
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            blobs[f"{db} (SQL dump)"] = "\n".join(con.iterdump()).encode()
            con.close()
    assert len(blobs) > len(texts), "nothing was scanned"
    for where, data in blobs.items():
        for secret in secrets:
            if any(n in data for n in _needles(secret)):
                hits.append((where, secret[:6] + "..."))
    return hits


class EchoingHub:
    """A hub endpoint that refuses every call with 401 and quotes the request's Authorization header in
    its error body, as a careless proxy does: the worst case for an error message that shows the body."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _refuse(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                body = json.dumps({"error": f"Invalid credentials in Authorization header: "
                                            f"{self.headers.get('Authorization')}"}).encode()
                self.send_response(401)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Error-Message", f"bad token {self.headers.get('Authorization')}")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_HEAD = _refuse

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.server
def test_api_and_hub_tokens_reach_no_artefact(tmp_path):
    faults = Faults(api_key=OPENAI_KEY, rate_429=0.1, rate_500=0.1, rate_invalid_content=0.15, seed=3)
    hub = EchoingHub()
    try:
        with FaultServer(faults) as srv:
            recipe = tmp_path / "recipe.yaml"
            recipe.write_text(
                "name: secrets\nsources:\n  - type: phantom\n    options: {cases: 2, slices_per_case: 2, size: 128}\n"
                f"generation:\n  backend: openai\n  model: {MODEL}\n  base_url: {srv.base_url}\n  concurrency: 4\n"
                "  max_retries: 12\n"
                f"export:\n  name: secrets-set\n  output: {tmp_path / 'exports'}\n")
            ws = tmp_path / "ws"
            env = _env(OPENAI_API_KEY=OPENAI_KEY, HF_TOKEN=HF_TOKEN, HF_ENDPOINT=hub.url,
                       MEDSEGQA_LS_TOKEN=LS_TOKEN_UNUSED, HF_HUB_DISABLE_TELEMETRY="1")
            runs = {"generate": _run("generate", str(recipe), "-w", str(ws), "--no-progress", env=env)}
            assert runs["generate"].returncode == 0, runs["generate"].stderr[-2000:]
            assert srv.stats.requests["chat"] > 0 and sum(srv.stats.faults.values()) > 0
            runs["export"] = _run("export", "--version", "0.1.0", "--recipe", str(recipe), "-w", str(ws), env=env)
            assert runs["export"].returncode == 0, runs["export"].stderr[-2000:]
            runs["push"] = _run("export", "--version", "0.2.0", "--recipe", str(recipe), "-w", str(ws),
                                "--push-to-hub", "lab/secrets-set", "--hub-timeout", "20", env=env)
            assert runs["push"].returncode == 2 and "error:" in runs["push"].stderr, runs["push"].stderr[-2000:]
            runs["status"] = _run("status", "-w", str(ws), env=env)
            # a key the server rejects: one clear error that names the variable, not the value
            wrong = _env(OPENAI_API_KEY=OPENAI_KEY[::-1])
            runs["rejected"] = _run("generate", str(recipe), "-w", str(tmp_path / "ws2"), "--no-progress", env=wrong)
            assert runs["rejected"].returncode == 2 and "OPENAI_API_KEY" in runs["rejected"].stderr
    finally:
        hub.close()
    texts = {f"{name} {stream}": getattr(r, stream) for name, r in runs.items() for stream in ("stdout", "stderr")}
    folders = [tmp_path / "ws", tmp_path / "ws2", tmp_path / "exports"]
    assert (ws / "medsegqa.log").is_file() and list((tmp_path / "exports").rglob("README.md"))
    assert scan([OPENAI_KEY, OPENAI_KEY[::-1], HF_TOKEN, LS_TOKEN_UNUSED], folders, texts) == []
    assert scan([HF_TOKEN], folders, {"control": "Bearer " + HF_TOKEN[:22] + "..."})  # a cut echo is found


@pytest.mark.server
@pytest.mark.slow
def test_label_studio_tokens_reach_no_artefact(ls_server):
    from review_data import make_workspace

    root = ls_server.media_root / "secrets-ws"
    make_workspace(root).close()
    env = _env(MEDSEGQA_LS_URL=ls_server.url, MEDSEGQA_LS_TOKEN=ls_server.token)
    runs = {"push": _run("review", "push", "-w", str(root), "--document-root", str(ls_server.media_root), env=env)}
    assert runs["push"].returncode == 0, runs["push"].stderr[-2000:]
    runs["pull"] = _run("review", "pull", "-w", str(root), env=env)
    assert runs["pull"].returncode == 0, runs["pull"].stderr[-2000:]
    runs["status"] = _run("review", "status", "-w", str(root), env=env)
    runs["wrong"] = _run("review", "push", "-w", str(root), "--document-root", str(ls_server.media_root),
                         env=_env(MEDSEGQA_LS_URL=ls_server.url, MEDSEGQA_LS_TOKEN=LS_TOKEN_UNUSED))
    assert runs["wrong"].returncode == 2 and "refused the token" in runs["wrong"].stderr
    runs["export"] = _run("export", "--version", "0.1.0", "-w", str(root), "--output", str(root.parent / "ls-exports"),
                          env=env)
    assert runs["export"].returncode == 0, runs["export"].stderr[-2000:]
    texts = {f"{name} {stream}": getattr(r, stream) for name, r in runs.items() for stream in ("stdout", "stderr")}
    assert scan([ls_server.token, LS_TOKEN_UNUSED], [root, root.parent / "ls-exports"], texts) == []
