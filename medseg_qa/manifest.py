"""A release's manifest: what is inside, provably.

Contract:
- `file_hashes(folder)` gives the sha256 and size of every file under an export folder except the
  manifest itself, keyed by POSIX relative path;
- `content_fingerprint(rows)` hashes the rows' content independently of how it is stored (shard
  layout, arrow or parquet): per row its id, the sha256 of its image and mask bytes and a hash of its
  other columns, in id order. The export computes it from the workspace blobs as it writes them;
  `verify` recomputes it from the dataset as written, so a row changed inside an arrow file is caught
  even when someone rewrote the manifest's file hashes too;
- `verify(folder)` rechecks both and raises VerifyError naming what differs (missing, extra or changed
  files; a changed fingerprint), or returns a summary.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, Mapping

from medseg_qa.errors import VerifyError
from medseg_qa.ids import stable_hash

MANIFEST = "manifest.json"
CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def file_hashes(folder: Path) -> dict[str, dict]:
    """{relative path: {sha256, bytes}} of every file under `folder` except the manifest."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel != MANIFEST:
            out[rel] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    return out


def row_digest(meta: Mapping, image_sha256: str, mask_sha256: str) -> str:
    """One row's content: its columns other than the pixels, and the sha256 of its image and mask bytes.

    The export hashes the values it writes and `verify` the values `datasets` reads back; they agree
    because every column has one declared type (floats come from float-typed pydantic fields, so a 0
    is 0.0 on both sides), which the verify round-trip test checks on every column of the demo."""
    columns = {k: v for k, v in meta.items() if k not in ("image", "mask")}
    return stable_hash([columns, image_sha256, mask_sha256], length=64)


def content_fingerprint(row_digests: Iterable[tuple[str, str, str]]) -> str:
    """sha256 over (split, row id, row digest) in (split, id) order."""
    h = hashlib.sha256()
    for split, rid, digest in sorted(row_digests):
        h.update(f"{split}\t{rid}\t{digest}\n".encode())
    return h.hexdigest()


def dataset_fingerprint(folder: Path) -> str:
    """The content fingerprint of a `save_to_disk` DatasetDict, recomputed from its stored rows."""
    from datasets import Image, load_from_disk

    dd = load_from_disk(str(folder))
    digests = []
    for split in dd:
        ds = dd[split].cast_column("image", Image(decode=False)).cast_column("mask", Image(decode=False))
        for row in ds:
            digests.append((split, row["id"], row_digest(row, hashlib.sha256(row["image"]["bytes"]).hexdigest(),
                                                         hashlib.sha256(row["mask"]["bytes"]).hexdigest())))
    return content_fingerprint(digests)


def verify(folder: str | Path) -> dict:
    """Recheck an export folder against its manifest; VerifyError names what differs."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VerifyError(f"{folder / MANIFEST} not found; is {folder} an export folder "
                          "(exports/<name>/<version>)?") from None
    except ValueError as exc:
        raise VerifyError(f"{folder / MANIFEST} is not valid JSON ({exc}); the export is damaged") from None
    listed = manifest.get("files")
    if not isinstance(listed, dict) or "content_fingerprint" not in manifest:
        raise VerifyError(f"{folder / MANIFEST} has no file checksums; it was written by an older medseg-qa: "
                          "export the version again to get a verifiable manifest")
    found = file_hashes(folder)
    missing = sorted(set(listed) - set(found))
    extra = sorted(set(found) - set(listed))
    changed = sorted(p for p in set(listed) & set(found) if listed[p]["sha256"] != found[p]["sha256"])
    problems = [f"{label}: {', '.join(paths[:5])}" + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
                for label, paths in (("missing", missing), ("changed", changed), ("not in the manifest", extra))
                if paths]
    if problems:
        raise VerifyError(f"{folder} does not match its manifest ({'; '.join(problems)}); restore the "
                          "files from the release or export again")
    fingerprint = dataset_fingerprint(folder)
    if fingerprint != manifest["content_fingerprint"]:
        raise VerifyError(f"{folder}: the rows' content fingerprint {fingerprint[:16]}... differs from the "
                          f"manifest's {manifest['content_fingerprint'][:16]}...; the dataset was changed after export")
    return {"files": len(found), "bytes": sum(f["bytes"] for f in found.values()),
            "content_fingerprint": fingerprint, "rows": manifest.get("rows", {})}
