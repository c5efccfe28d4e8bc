"""A local Label Studio server in its own virtualenv, for `medsegqa review serve`, the tests and the benchmark.

Contract:
- the server runs from a separate venv pinned to `label-studio==LS_VERSION` (created on first use), never
  from the pipeline's environment: pip silently backtracks to years-old releases when label-studio shares a
  venv with `openai>=2` or `pyarrow>=25`;
- it binds 127.0.0.1 only, keeps its SQLite data dir where the caller says, serves local files only from
  `media_root` (the workspace) through a Local Files import storage on a subfolder of it, has signup disabled,
  and creates one reviewer account whose API token is given (legacy tokens are enabled when the organisation
  is first created, the only moment that setting counts);
- a busy port is an error, never the silent move to port+1 that Label Studio makes on its own;
- the token and password go to the child's environment only, never to a log or the command line.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from medseg_qa.errors import MedsegQAError

log = logging.getLogger(__name__)
LS_VERSION = "1.23.2"
_START_TIMEOUT_S = 240.0
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through a proxy
# get_env(NAME) in Label Studio also reads the bare NAME: drop these so a stray HOST or PORT cannot steer it
_STRAY_ENV = ("HOST", "PORT", "USERNAME", "PASSWORD", "DEBUG", "LOG_LEVEL", "DATABASE_NAME", "BASE_DATA_DIR",
              "DJANGO_DB", "LABEL_STUDIO_API_KEY", "USER_TOKEN", "LOCAL_FILES_DOCUMENT_ROOT")


class LabelStudioServerError(MedsegQAError):
    """The local Label Studio could not be installed, started or reached."""


def default_venv() -> Path:
    """MEDSEGQA_LS_VENV, else ~/.cache/medseg-qa/labelstudio-<version> (shared by every workspace: ~1 GB)."""
    env = os.environ.get("MEDSEGQA_LS_VENV")
    return Path(env) if env else Path.home() / ".cache" / "medseg-qa" / f"labelstudio-{LS_VERSION}"


def server_bin(venv: Optional[Path] = None) -> Path:
    return (venv or default_venv()) / "bin" / "label-studio"


def installed_version(venv: Optional[Path] = None) -> Optional[str]:
    """The label-studio version installed in the venv, or None when there is none."""
    py = (venv or default_venv()) / "bin" / "python"
    if not py.exists():
        return None
    out = subprocess.run([str(py), "-c", "import importlib.metadata as m; print(m.version('label-studio'))"],
                         capture_output=True, text=True)
    return out.stdout.strip() or None if out.returncode == 0 else None


def ensure_venv(venv: Optional[Path] = None) -> Path:
    """Create the server venv with the pinned label-studio when it is missing (about a minute, ~1 GB)."""
    venv = venv or default_venv()
    if installed_version(venv) == LS_VERSION:
        return venv
    log.info("installing label-studio==%s into %s", LS_VERSION, venv)
    try:
        if not (venv / "bin" / "python").exists():  # the interpreter behind our venv makes a clean one
            base = getattr(sys, "_base_executable", None) or sys.executable
            subprocess.run([base, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                        f"label-studio=={LS_VERSION}"], check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise LabelStudioServerError(f"installing label-studio=={LS_VERSION} into {venv} failed ({exc}); check "
                                     "network access to the package index, or set MEDSEGQA_LS_VENV to a venv "
                                     f"that has label-studio=={LS_VERSION}") from None
    return venv


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_busy(port: int) -> bool:
    """True when something listens there (a port in TIME_WAIT after a restart is free, as for the server)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


@dataclass
class LocalServer:
    """A running local Label Studio; `stop()` ends that process group (and nothing else)."""

    url: str
    port: int
    data_dir: Path
    media_root: Path
    username: str
    token: str = field(repr=False)
    password: str = field(repr=False)
    process: subprocess.Popen = field(repr=False)
    log_path: Path = field(repr=False)
    startup_s: float = 0.0

    @property
    def pid(self) -> int:
        return self.process.pid

    def peak_rss_mb(self) -> Optional[float]:
        """The server's peak resident memory (VmHWM), while it runs."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def stop(self, timeout: float = 15.0) -> None:
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        except ProcessLookupError:
            pass

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def server_env(data_dir: Path, media_root: Path, username: str, password: str, token: str) -> dict[str, str]:
    """The child environment: ours less stray names Label Studio would read, plus its settings."""
    env = {k: v for k, v in os.environ.items() if k not in _STRAY_ENV and not k.startswith("LABEL_STUDIO_")}
    env.update({
        "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
        "LABEL_STUDIO_USERNAME": username,
        "LABEL_STUDIO_PASSWORD": password,
        "LABEL_STUDIO_USER_TOKEN": token,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LABEL_STUDIO_LOCAL_FILES_SERVING_ENABLED": "true",
        "LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT": str(media_root),
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        "LATEST_VERSION_CHECK": "false",
        "COLLECT_ANALYTICS": "false",
        "SENTRY_DSN": "",
        "FRONTEND_SENTRY_DSN": "",
    })
    return env


def start_server(data_dir: Path, media_root: Path, *, username: str, password: str, token: str,
                 port: Optional[int] = None, venv: Optional[Path] = None,
                 timeout: float = _START_TIMEOUT_S) -> LocalServer:
    """Start Label Studio on 127.0.0.1:`port` (a free one when None) and wait until /health answers.

    Raises LabelStudioServerError with the log tail when it exits, moves to another port or never answers.
    """
    binary = server_bin(venv)
    if not binary.exists():
        raise LabelStudioServerError(f"{binary} is missing; run `make install-dev` or `medsegqa review serve` once "
                                     f"(it installs label-studio=={LS_VERSION} in its own venv)")
    if len(token) <= 5:
        raise LabelStudioServerError("the reviewer token must be longer than 5 characters; set MEDSEGQA_LS_TOKEN")
    port = port or free_port()
    if _port_busy(port):
        raise LabelStudioServerError(f"port {port} on 127.0.0.1 is already in use; stop what runs there or pass "
                                     "--port with a free port")
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / "server.log"
    t0 = time.perf_counter()
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [str(binary), "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port),
             "--log-level", "WARNING"],
            env=server_env(data_dir, media_root, username, password, token), cwd=str(data_dir),
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    server = LocalServer(f"http://127.0.0.1:{port}", port, data_dir, media_root, username, token, password,
                         proc, log_path)
    try:
        _wait_healthy(server, timeout)
    except BaseException:
        server.stop()
        raise
    server.startup_s = time.perf_counter() - t0
    return server


def _wait_healthy(server: LocalServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise LabelStudioServerError(f"Label Studio exited with code {server.process.returncode} while "
                                         f"starting; its log ({server.log_path}) ends: {server.log_tail()}")
        log = server.log_tail(20000)
        marker = "Starting development server at http://127.0.0.1:"
        if marker in log and f"{marker}{server.port}/" not in log:
            raise LabelStudioServerError(f"Label Studio moved off port {server.port} (it was taken); pass --port "
                                         "with a free port")
        try:
            with _LOCAL.open(f"{server.url}/health", timeout=2) as resp:
                if resp.status == 200 and b"UP" in resp.read():
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise LabelStudioServerError(f"Label Studio did not answer {server.url}/health within {timeout:.0f} s; its "
                                 f"log ({server.log_path}) ends: {server.log_tail()}")


def copy_template(template: Path, target: Path) -> None:
    """Copy a migrated data dir (SQLite DB, SECRET_KEY) so a start skips the ~20 s of Django migrations."""
    shutil.copytree(template, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("server.log", "export"))
