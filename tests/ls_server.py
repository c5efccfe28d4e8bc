"""A real Label Studio for the tests and the benchmark, started from its own venv in about 3 s.

The first use builds a migrated "template" data dir (Django migrations take ~25 s; the organisation is
created with legacy tokens on, the only moment that setting counts) in ~/.cache/medseg-qa, keyed by the
label-studio version; every session then copies it and starts on a free loopback port. A missing server venv
raises LSUnavailable with the install hint: callers fail, they never skip.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from medseg_qa.review_ui.server import (LS_VERSION, LabelStudioServerError, LocalServer, copy_template,
                                        default_venv, installed_version, start_server)

USER, PASSWORD, TOKEN = "reviewer@example.com", "reviewer-pass-123", "0123456789abcdef0123456789abcdef01234567"
INSTALL_HINT = (f"run `make test` (or `make install-dev`), which creates the Label Studio venv at {default_venv()} "
                f"(label-studio=={LS_VERSION}; MEDSEGQA_LS_VENV overrides the place)")


class LSUnavailable(RuntimeError):
    """The Label Studio server venv is missing or the server would not start; the message says why."""


def template_dir() -> Path:
    """A migrated data dir with the test reviewer and token, built once per label-studio version."""
    root = Path(os.environ.get("LS_TEMPLATE_CACHE") or Path.home() / ".cache" / "medseg-qa")
    target = root / f"ls-template-{LS_VERSION}"
    if (target / "label_studio.sqlite3").exists():
        return target
    root.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".ls-template-", dir=root))
    media = Path(tempfile.mkdtemp(prefix=".ls-template-media-", dir=root))
    try:
        server = start_server(building / "data", media, username=USER, password=PASSWORD, token=TOKEN)
        server.stop()
        try:
            (building / "data").rename(target)
        except OSError:
            if not (target / "label_studio.sqlite3").exists():  # another process may have won the race
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
        shutil.rmtree(media, ignore_errors=True)
    return target


def start_test_server(data_dir: Path, media_root: Path) -> LocalServer:
    """A fresh copy of the template, served on a free port with `media_root` as its local-files root."""
    if installed_version() != LS_VERSION:
        raise LSUnavailable(f"label-studio=={LS_VERSION} is not installed at {default_venv()}; {INSTALL_HINT}")
    try:
        copy_template(template_dir(), data_dir)
        return start_server(data_dir, media_root, username=USER, password=PASSWORD, token=TOKEN)
    except LabelStudioServerError as exc:
        raise LSUnavailable(str(exc)) from None
