"""Hugging Face hub mechanics: the hub layout of a release, hub calls under a wall-clock timeout, the token.

Contract:
- `write_hub_mirror(export_folder, dest)` writes exactly the files a push uploads: the parquet shards
  `data/<split>-NNNNN-of-NNNNN.parquet` (the names and shard counts `DatasetDict.push_to_hub` uses
  with the same `num_shards`) and the release files (README.md card with its `configs`, card images,
  manifest.json, index.json, preview.png). `datasets.load_dataset(dest)` opens it with the splits and
  features of the export;
- `call(fn, timeout, what)` runs one hub call in a daemon worker thread and abandons it after `timeout`
  seconds: the hub client has no timeout of its own and a silent endpoint blocks it forever. Any error
  (the client raises httpx2's classes, not its own) becomes one HubError naming the step, with the
  token scrubbed from the text;
- `hub_token()` is `HF_TOKEN` from the environment, else None (the hub client then uses its own stored
  login); it is never logged, written to a card or a manifest.
"""

from __future__ import annotations

import math
import os
import shutil
import threading
from pathlib import Path
from typing import Any, Callable, Optional

from medseg_qa.errors import HubError

DEFAULT_TIMEOUT = 300.0
MAX_SHARD_BYTES = 500 << 20      # the size push_to_hub aims at per shard
RELEASE_FILES = ("README.md", "manifest.json", "index.json", "preview.png")
RELEASE_PATTERNS = [*RELEASE_FILES, "card/**"]


def hub_token() -> Optional[str]:
    return os.environ.get("HF_TOKEN") or None


def scrub(text: str, token: Optional[str]) -> str:
    text = text.replace(token, "***") if token else text
    return " ".join(text.split())[:400]


def call(fn: Callable[[], Any], timeout: float, what: str, token: Optional[str] = None) -> Any:
    """fn() in a worker thread under a wall-clock timeout; every failure is one HubError."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - the hub raises httpx2's classes; all are wrapped
            box["error"] = exc

    worker = threading.Thread(target=run, name=f"hub: {what}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():  # left running (daemon): a blocked socket read cannot be interrupted
        raise HubError(f"hub step '{what}' got no answer within {timeout:g} s (the endpoint accepts "
                       "connections but does not reply); check the network and HF_ENDPOINT, or raise "
                       "--hub-timeout; nothing was marked as released")
    if "error" in box:
        exc = box["error"]
        raise HubError(f"hub step '{what}' failed: {type(exc).__name__}: {scrub(str(exc), token)}; check the "
                       "network, the repo name and that HF_TOKEN (or `hf auth login`) may write to it; nothing "
                       "was marked as released") from None
    return box.get("value")


def num_shards(dataset) -> int:
    """Shards for one split, as push_to_hub would cut it (at least one)."""
    size = dataset.data.nbytes if dataset.num_rows else 0
    return max(1, math.ceil(size / MAX_SHARD_BYTES))


def shard_name(split: str, index: int, total: int) -> str:
    return f"data/{split}-{index:05d}-of-{total:05d}.parquet"


def hub_splits(dd) -> dict:
    """The splits a release puts on the hub: those with rows. `load_dataset` refuses a declared split
    without data, so an empty one is left off the hub as the card's `configs` leave it off."""
    return {split: ds for split, ds in dd.items() if ds.num_rows}


def write_hub_mirror(export_folder: Path, dest: Path, readme: Optional[str] = None) -> list[str]:
    """Write the hub layout of an export into `dest`; returns the relative paths written."""
    from datasets import load_from_disk

    dd = load_from_disk(str(export_folder))
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for split, ds in hub_splits(dd).items():
        total = num_shards(ds)
        for i in range(total):
            rel = shard_name(split, i, total)
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            ds.shard(num_shards=total, index=i, contiguous=True).to_parquet(str(dest / rel))
            written.append(rel)
    for name in RELEASE_FILES:
        if (export_folder / name).is_file():
            shutil.copyfile(export_folder / name, dest / name)
            written.append(name)
    if readme is not None:
        (dest / "README.md").write_text(readme, encoding="utf-8")
    if (export_folder / "card").is_dir():
        shutil.copytree(export_folder / "card", dest / "card", dirs_exist_ok=True)
        written += [p.relative_to(dest).as_posix() for p in sorted((dest / "card").rglob("*")) if p.is_file()]
    return sorted(written)
