"""Content-derived identifiers.

IDs are never assigned: the same content always gives the same id, so a rerun binds reviews to the
right item, hits the LLM cache and never duplicates a row. Pixel arrays are hashed by their shape,
dtype and raw bytes (not by an encoded file) so an encoder upgrade cannot change an id.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

ID_LEN = 20


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:ID_LEN]


def array_bytes(arr) -> bytes:
    """Canonical bytes of a numpy array: shape, dtype and C-ordered data."""
    import numpy as np

    a = np.ascontiguousarray(arr)
    return f"{a.shape}|{a.dtype.str}".encode() + a.tobytes()


def record_id(image, mask, target: str) -> str:
    """hash(image pixels, mask pixels, target)."""
    return "r" + _digest(array_bytes(image), array_bytes(mask), target.encode())


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), default=str).encode()


def conversation_id(record_id_: str, prompt_version: str, model: str, params: dict, style: str) -> str:
    """hash(record_id, prompt version, model, sampling params, question style)."""
    return "c" + _digest(record_id_.encode(), prompt_version.encode(), model.encode(),
                         canonical_json(params), style.encode())


def stable_hash(obj: Any, length: int = ID_LEN) -> str:
    """A short stable hash of any JSON-able value (for state fingerprints and cache keys)."""
    return hashlib.sha256(canonical_json(obj)).hexdigest()[:length]
