"""Content-keyed cache of frozen outputs (image embeddings, `[SEG]` hidden states).

Contract: `key(*parts)` hashes what determines an output (the model's identity and the input content), so
a changed image, prompt or model never reuses a stale entry and the same content across datasets or runs
is computed once. Entries are single-tensor safetensors files written atomically (temp + rename), under
`<root>/<namespace>/<key[:2]>/<key>.safetensors`; a corrupt entry is recomputed, not trusted.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def default_root() -> Path:
    base = os.environ.get("MEDSEGQA_CACHE") or Path.home() / ".cache" / "medseg-qa"
    return Path(base) / "model"


def key(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode())
        h.update(b"\0")
    return h.hexdigest()[:40]


class ContentCache:
    def __init__(self, root: Path | str | None, namespace: str) -> None:
        self.dir = Path(root or default_root()) / namespace
        self.hits = 0
        self.misses = 0

    def _path(self, k: str) -> Path:
        return self.dir / k[:2] / f"{k}.safetensors"

    def get(self, k: str):
        from safetensors.torch import load_file

        path = self._path(k)
        if not path.is_file():
            self.misses += 1
            return None
        try:
            t = load_file(str(path))["t"]
        except Exception:   # a truncated or foreign file: recompute it
            self.misses += 1
            return None
        self.hits += 1
        return t

    def put(self, k: str, tensor) -> None:
        from safetensors.torch import save_file

        path = self._path(k)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        save_file({"t": tensor.detach().contiguous().cpu()}, str(tmp))
        os.replace(tmp, path)
