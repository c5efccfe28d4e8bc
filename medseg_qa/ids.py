"""Content-derived identifiers.

IDs are never assigned: the same content always gives the same id, so a rerun binds reviews to the
right item, hits the LLM cache and never duplicates a row. Pixel arrays are hashed by their shape,
dtype and raw bytes (not by an encoded file) so an encoder upgrade cannot change an id.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
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


def conversation_id(record_id_: str, prompt_version: str, model: str, params: dict, style: str,
                    context: dict | None = None) -> str:
    """hash(record_id, prompt version, model, sampling params, question style, context).

    `context` holds everything else that changes the answer (see `pipelines.generate.answer_context`):
    the prompt template text hash, the knowledge entry hash, the record's prompt-visible content, the
    backend and endpoint identity, the multimodal and structured modes."""
    parts = [record_id_.encode(), prompt_version.encode(), model.encode(), canonical_json(params), style.encode()]
    if context:
        parts.append(canonical_json(context))
    return "c" + _digest(*parts)


def stable_hash(obj: Any, length: int = ID_LEN) -> str:
    """A short stable hash of any JSON-able value (for state fingerprints and cache keys)."""
    return hashlib.sha256(canonical_json(obj)).hexdigest()[:length]


def patient_pseudonym(namespace: str, case: str) -> str:
    """The one pseudonymous patient id of a public set's case: `PX-` + sha256(namespace/case)[:10].

    Every source without PHI (folder, hf, nifti, phantom) uses this; DICOM, whose patient ids are
    PHI, uses the salted keyed hash of `medseg_qa.deid` instead."""
    return "PX-" + hashlib.sha256(f"{namespace}/{case}".encode()).hexdigest()[:10]


def knowledge_hash(entry: Any) -> str:
    """Hash of a knowledge entry's JSON (its text reaches the prompt); "" for no entry."""
    if entry is None:
        return ""
    body = entry.model_dump(mode="json") if hasattr(entry, "model_dump") else entry
    return stable_hash(body)


@lru_cache(maxsize=32)
def _folder_hash(folder: str, stamp: tuple) -> str:
    h = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + b"\x00")
            h.update(path.read_bytes())
    return h.hexdigest()[:ID_LEN]


def template_hash(prompt_version: str) -> str:
    """Hash of the text of every file of a prompt version (`pipelines/prompts/<version>/`), so an edited
    template changes conversation ids even when its version name stays; "" when the version has no
    folder (the template backend names versions it renders in code)."""
    from medseg_qa import pipelines

    folder = Path(pipelines.__file__).parent / "prompts" / prompt_version
    if not folder.is_dir():
        return ""
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*")))
    return _folder_hash(str(folder), stamp)


def endpoint_identity(base_url: str | None) -> str:
    """A server's identity for ids and cache keys: scheme, host, port and path, lower-cased host,
    default port and trailing slash dropped, and never credentials (user:password@, query string)."""
    from urllib.parse import urlsplit

    parts = urlsplit((base_url or "https://api.openai.com/v1").strip())
    scheme = (parts.scheme or "http").lower()
    port = parts.port
    if port in ({"http": 80, "https": 443}.get(scheme),):
        port = None
    host = (parts.hostname or "").lower() + (f":{port}" if port else "")
    return f"{scheme}://{host}{parts.path.rstrip('/')}"


ANSWER_FIELDS = ("target", "synonyms", "ontology_code", "modality", "body_region", "orientation", "spacing",
                 "facts")


def record_answer_hash(record: Any) -> str:
    """Hash of the parts of a record that reach the prompt (target, names, modality, orientation,
    facts): when it changes, the record's conversations must be regenerated; provenance fields
    (licence, citation, patient) do not change the answer and are left out."""
    return stable_hash(record.model_dump(mode="json", include=set(ANSWER_FIELDS)))
