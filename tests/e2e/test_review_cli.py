"""`medsegqa review serve|push|pull|status` as a user runs them, against the Label Studio `serve` starts."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from medseg_qa.review_ui.server import copy_template, free_port
from review_data import make_workspace

pytestmark = [pytest.mark.server, pytest.mark.slow]
MEDSEGQA = str(Path(sys.executable).parent / "medsegqa")


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDSEGQA_LS_")}
    env.update(MEDSEGQA_NO_PROGRESS="1", **extra)
    return env


def _run(*args, env=None):
    return subprocess.run([MEDSEGQA, "review", *args], capture_output=True, text=True, env=env or _env(), timeout=300)


def _signup(url: str, email: str) -> int:
    """POST the signup form with its CSRF token, as a browser would; the HTTP status."""
    import http.cookiejar
    import re
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{url}/user/signup/").read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, "email": email, "password": "Intruder-pass-123",
                                   "allow_newsletters": "false"}).encode()
    try:
        with opener.open(urllib.request.Request(f"{url}/user/signup/", data=form,
                                                headers={"Referer": f"{url}/user/signup/"})) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_push_pull_status_from_the_command_line(tmp_path):
    from ls_server import PASSWORD, TOKEN, USER, template_dir

    ws = make_workspace(tmp_path / "ws")
    ws.close()
    # a data dir from an earlier `serve` (the migrated template), so the start takes seconds, not a minute
    copy_template(template_dir(), tmp_path / "ws" / "labelstudio" / "data")
    port = free_port()
    serve = subprocess.Popen([MEDSEGQA, "review", "serve", "-w", str(tmp_path / "ws"), "--port", str(port)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env=_env(MEDSEGQA_LS_USER=USER, MEDSEGQA_LS_PASSWORD=PASSWORD, MEDSEGQA_LS_TOKEN=TOKEN),
                             # Ctrl-C as a terminal sends it, even when the suite runs as a background job
                             # (which would hand the child an ignored SIGINT)
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines = []
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = serve.stdout.readline()
            assert line, f"serve exited: {''.join(lines)}"
            lines.append(line)
            if line.startswith("Ctrl-C"):
                break
        out = "".join(lines)
        url = f"http://127.0.0.1:{port}"
        assert f"running at {url}" in out and f"log in as {USER}" in out and TOKEN not in out
        creds = tmp_path / "ws" / "labelstudio" / "serve.json"
        assert stat.S_IMODE(creds.stat().st_mode) == 0o600
        assert _signup(url, "intruder@example.com") == 403  # a valid signup form, refused

        pushed = _run("push", "-w", str(tmp_path / "ws"))  # URL and token from what serve saved
        assert pushed.returncode == 0, pushed.stderr
        assert "6 task(s) pushed, 0 already there, of 6 candidate(s); images local" in pushed.stdout
        again = _run("push", "-w", str(tmp_path / "ws"), "--include-flagged")
        assert "2 task(s) pushed, 6 already there" in again.stdout
        pulled = _run("pull", "-w", str(tmp_path / "ws"))
        assert pulled.returncode == 0 and "8 task(s), 0 annotation(s)" in pulled.stdout
        status = _run("status", "-w", str(tmp_path / "ws"))
        assert "pushed: 8 (0 deleted in Label Studio), not reviewed by anyone: 8" in status.stdout

        wrong = _run("push", "-w", str(tmp_path / "ws"), "--url", url, "--token", "wrong-token-123456")
        assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1
        assert "refused the token" in wrong.stderr and "wrong-token" not in wrong.stderr
        down = _run("pull", "-w", str(tmp_path / "ws"), "--url", f"http://127.0.0.1:{free_port()}")
        assert down.returncode == 2 and "not reachable" in down.stderr and "Traceback" not in down.stderr
        log = (tmp_path / "ws" / "medsegqa.log").read_text()
        assert TOKEN not in log and PASSWORD not in log
    finally:
        serve.send_signal(signal.SIGINT)
        rest = serve.communicate(timeout=60)[0]
    assert "stopping Label Studio" in rest
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
