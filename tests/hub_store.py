"""The state of the local hub (`tests/hub_server.py`) on disk: repos, refs, commits and their files.

Layout under `root` (the "hub mirror"): objects/<sha256> (content-addressed bytes), and per repo under
repos/{type}s/{ns}/{name}/: lfs/<sha256> (markers of the LFS objects uploaded to that repo), refs.json
(branches, tags), commits/<oid>.json (parent, message, files: path -> sha256, size, lfs) and
snapshots/<oid>/ (each commit's files as a folder, so `datasets.load_dataset(str(store.snapshot(repo)))`
opens what was pushed). Every mutation holds one lock and ends with an atomic rename: a commit is visible
whole or not at all. `pushed_fingerprint` recomputes an export's content fingerprint from pushed shards."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import unquote

LFS_SUFFIXES = (".parquet", ".arrow", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bin", ".npy",
                ".npz", ".pt", ".pth", ".safetensors", ".zip", ".gz", ".tar", ".zst", ".h5", ".pkl", ".nii")
LFS_MIN_SIZE = 10 * 1024 * 1024
GITATTRIBUTES = "".join(f"*{s} filter=lfs diff=lfs merge=lfs -text\n" for s in LFS_SUFFIXES).encode()
REPO_TYPES = ("models", "datasets", "spaces")


def git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def lfs_pointer(sha256: str, size: int) -> bytes:
    return f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha256}\nsize {size}\n".encode()


class HubError(Exception):
    def __init__(self, status: int, message: str, code: Optional[str] = None):
        super().__init__(message)
        self.status, self.code = status, code


class HubStore:
    """The hub's state on disk; every mutation holds one lock and ends with an atomic rename."""

    def __init__(self, root: Path):
        self.root = Path(root)
        (self.root / "objects").mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self.unhandled: list[str] = []
        self.requests: list[str] = []
        self.auth: set[str] = set()  # Authorization headers seen (tests check the token was sent)
        # called with "METHOD /path" after a request took effect and before its answer is sent: a chaos
        # test SIGKILLs the client there (a commit made whose answer the client never reads)
        self.before_answer: Optional[Callable[[str], None]] = None
        self.mid_body: Optional[Callable[[str], None]] = None  # called once half a request body arrived
        self.refused: list[str] = []  # requests whose body came short (a client killed mid-upload)

    # --- storage -----------------------------------------------------------------------------------
    def repo_dir(self, kind: str, repo: str) -> Path:
        return self.root / "repos" / kind / repo

    def _write_json(self, path: Path, value) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(value, indent=1, sort_keys=True))
        os.replace(tmp, path)

    def put_object(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        dest = self.root / "objects" / sha
        if not dest.exists():
            tmp = dest.with_name(f".{sha}.{threading.get_ident()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, dest)
        return sha

    def has_object(self, sha: str) -> bool:
        return (self.root / "objects" / sha).is_file()

    def put_lfs(self, kind: str, repo: str, data: bytes) -> None:
        self.refs(kind, repo)  # 404 for an unknown repo
        sha = self.put_object(data)
        (self.repo_dir(kind, repo) / "lfs").mkdir(exist_ok=True)
        (self.repo_dir(kind, repo) / "lfs" / sha).touch()

    def has_lfs(self, kind: str, repo: str, sha: str) -> bool:
        return (self.repo_dir(kind, repo) / "lfs" / sha).is_file()

    def object(self, sha: str) -> bytes:
        return (self.root / "objects" / sha).read_bytes()

    def damaged_objects(self) -> list[str]:
        """Stored objects whose bytes do not hash to their name, and temp files left: must be none."""
        return sorted(p.name for p in (self.root / "objects").iterdir()
                      if p.name.startswith(".") or hashlib.sha256(p.read_bytes()).hexdigest() != p.name)

    def refs(self, kind: str, repo: str) -> dict:
        path = self.repo_dir(kind, repo) / "refs.json"
        if not path.is_file():
            raise HubError(404, f"Repository {repo} not found", "RepoNotFound")
        return json.loads(path.read_text())

    def commit(self, kind: str, repo: str, oid: str) -> dict:
        return json.loads((self.repo_dir(kind, repo) / "commits" / f"{oid}.json").read_text())

    def resolve(self, kind: str, repo: str, rev: str) -> str:
        refs = self.refs(kind, repo)
        rev = unquote(rev)
        for name in (rev, rev.removeprefix("refs/heads/"), rev.removeprefix("refs/tags/")):
            if name in refs["branches"]:
                return refs["branches"][name]
            if name in refs["tags"]:
                return refs["tags"][name]
        if re.fullmatch(r"[0-9a-f]{40}", rev) and (self.repo_dir(kind, repo) / "commits" / f"{rev}.json").is_file():
            return rev
        raise HubError(404, f"Revision {rev} not found", "RevisionNotFound")

    def files(self, repo: str, rev: str = "main", kind: str = "datasets") -> dict[str, dict]:
        """path -> {sha256, size, lfs} of the tree at `rev`."""
        return self.commit(kind, repo, self.resolve(kind, repo, rev))["files"]

    def snapshot(self, repo: str, rev: str = "main", kind: str = "datasets") -> Path:
        """The folder holding the files of `rev` (written when the commit was made)."""
        return self.repo_dir(kind, repo) / "snapshots" / self.resolve(kind, repo, rev)

    def history(self, repo: str, rev: str = "main", kind: str = "datasets") -> list[dict]:
        """Commits from `rev` back to the initial one, newest first, each with its `oid`."""
        out, oid = [], self.resolve(kind, repo, rev)
        while oid:
            c = self.commit(kind, repo, oid)
            out.append({**c, "oid": oid})
            oid = c["parent"]
        return out

    # --- mutations ---------------------------------------------------------------------------------
    def create_repo(self, kind: str, repo: str, private: bool) -> bool:
        with self.lock:
            if (self.repo_dir(kind, repo) / "refs.json").is_file():
                return False
            oid = self._new_commit(kind, repo, None, "initial commit", {}, [("add", ".gitattributes", GITATTRIBUTES)])
            self._write_json(self.repo_dir(kind, repo) / "refs.json",
                             {"branches": {"main": oid}, "tags": {}, "private": private})
            return True

    def apply_commit(self, kind: str, repo: str, rev: str, header: dict, ops: list[tuple]) -> str:
        with self.lock:
            refs = self.refs(kind, repo)
            branch = unquote(rev).removeprefix("refs/heads/")
            if branch not in refs["branches"]:
                raise HubError(404, f"Branch {branch} not found", "RevisionNotFound")
            head = refs["branches"][branch]
            parent = header.get("parentCommit")
            if parent and parent != head:
                raise HubError(412, f"parentCommit {parent} is not the head of {branch} ({head})")
            oid = self._new_commit(kind, repo, head, header.get("summary", ""), self.commit(kind, repo, head)["files"],
                                   ops)
            refs["branches"][branch] = oid
            self._write_json(self.repo_dir(kind, repo) / "refs.json", refs)
            return oid

    def _new_commit(self, kind: str, repo: str, parent: Optional[str], message: str, files: dict, ops) -> str:
        files = dict(files)
        for op, path, payload in ops:
            if op == "add":
                files[path] = {"sha256": self.put_object(payload), "size": len(payload), "lfs": False}
            elif op == "lfs":
                sha, size = payload
                if not self.has_lfs(kind, repo, sha):
                    raise HubError(422, f"lfsFile {path}: object {sha} was never uploaded")
                files[path] = {"sha256": sha, "size": size, "lfs": True}
            elif op == "delete":
                if path not in files:
                    raise HubError(404, f"A file with this name doesn't exist: {path}", "EntryNotFound")
                del files[path]
            elif op == "delete_folder":
                files = {p: f for p, f in files.items() if not p.startswith(path.rstrip("/") + "/")}
        body = {"parent": parent, "message": message, "files": files, "time": time.time()}
        oid = hashlib.sha1(json.dumps(body, sort_keys=True).encode()).hexdigest()
        snap = self.repo_dir(kind, repo) / "snapshots" / oid
        tmp = snap.with_name(f".{oid}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        for path, f in files.items():
            (tmp / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.root / "objects" / f["sha256"], tmp / path)
        tmp.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, snap)
        self._write_json(self.repo_dir(kind, repo) / "commits" / f"{oid}.json", body)
        return oid

    def create_tag(self, kind: str, repo: str, rev: str, tag: str) -> None:
        with self.lock:
            refs = self.refs(kind, repo)
            if tag in refs["tags"]:
                raise HubError(409, f"Tag {tag} already exists")
            refs["tags"][tag] = self.resolve(kind, repo, rev)
            self._write_json(self.repo_dir(kind, repo) / "refs.json", refs)

    # --- views -------------------------------------------------------------------------------------
    def entry(self, path: str, f: dict) -> dict:
        if not f["lfs"]:
            return {"type": "file", "path": path, "size": f["size"], "oid": git_blob_sha1(self.object(f["sha256"]))}
        pointer = lfs_pointer(f["sha256"], f["size"])
        return {"type": "file", "path": path, "size": f["size"], "oid": git_blob_sha1(pointer),
                "lfs": {"oid": f["sha256"], "size": f["size"], "pointerSize": len(pointer)}}

    def folder(self, path: str) -> dict:
        return {"type": "directory", "path": path, "oid": hashlib.sha1(path.encode()).hexdigest()}

    def tree(self, files: dict, path: str, recursive: bool) -> list[dict]:
        prefix = path.strip("/") + "/" if path.strip("/") else ""
        if prefix and prefix.rstrip("/") in files:
            return [self.entry(prefix.rstrip("/"), files[prefix.rstrip("/")])]
        out, folders = [], set()
        for p in sorted(files):
            if not p.startswith(prefix):
                continue
            parts = p[len(prefix):].split("/")
            for depth in range(1, len(parts) if recursive else min(2, len(parts))):
                folders.add(prefix + "/".join(parts[:depth]))
            if recursive or len(parts) == 1:
                out.append(self.entry(p, files[p]))
        if prefix and not out and not folders:
            raise HubError(404, f"{path} does not exist", "EntryNotFound")
        return [self.folder(f) for f in sorted(folders)] + out


def pushed_fingerprint(folder: Path) -> str:
    """`medseg_qa.manifest.content_fingerprint` recomputed from the parquet shards a push committed
    (`data/<split>-*.parquet` under a snapshot), the way `dataset_fingerprint` does for an export folder."""
    import pyarrow.parquet as pq
    from datasets import Dataset, Image

    from medseg_qa.manifest import content_fingerprint, row_digest

    digests = []
    for shard in sorted(Path(folder).glob("data/*.parquet")):
        split = shard.name.split("-")[0]
        ds = Dataset(pq.read_table(shard))  # features from the shard's `huggingface` schema metadata
        ds = ds.cast_column("image", Image(decode=False)).cast_column("mask", Image(decode=False))
        for row in ds:
            digests.append((split, row["id"], row_digest(row, hashlib.sha256(row["image"]["bytes"]).hexdigest(),
                                                         hashlib.sha256(row["mask"]["bytes"]).hexdigest())))
    return content_fingerprint(digests)
