"""Where pulled datasets live: the cache folder, one folder per registry name, and its completion marker.

Kept apart from `medseg_qa.pull` so the registry can find a pulled copy (`cached_path`) without
importing the downloader, which itself imports the registry: the dependency runs one way,
pull -> registry -> pull_cache.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional, Union

ENV_CACHE = "MEDSEGQA_CACHE"
META_DIR = ".medsegqa"
MARKER = "pull.json"


def cache_root(cache_dir: Union[str, Path, None] = None) -> Path:
    if cache_dir:
        return Path(cache_dir).expanduser()
    env = os.environ.get(ENV_CACHE)
    return Path(env).expanduser() if env else Path.home() / ".cache" / "medseg-qa"


def dataset_dir(name: str, cache_dir: Union[str, Path, None] = None) -> Path:
    return cache_root(cache_dir) / name


def is_complete(folder: Path) -> bool:
    return (folder / META_DIR / MARKER).is_file()


def marker(folder: Path) -> dict:
    """The completion marker's content ({} when absent or unreadable)."""
    try:
        data = json.loads((folder / META_DIR / MARKER).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def cached_path(name: str, cache_dir: Union[str, Path, None] = None) -> Optional[Path]:
    """The folder of a completed pull of `name` in the cache, or None."""
    folder = dataset_dir(name, cache_dir)
    return folder if is_complete(folder) else None
