"""A local Hugging Face hub for tests: the routes that the installed `huggingface_hub` (2.x, read from its
source: hf_api.py, _commit_api.py, lfs.py, hf_file_system.py) and `datasets` (5.x, DatasetDict.push_to_hub)
call when `medsegqa export --push-to-hub` runs, so the real client code runs unmodified against 127.0.0.1.

Routes (repo types model/dataset/space; REPO = {ns}/{name}, REV = a URL-quoted branch, tag or commit):
- POST /api/repos/create                      -> {"url"}; 409 when it exists (create_repo(exist_ok=True));
  a new repo gets an initial commit holding `.gitattributes`, as on the hub
- GET  /api/{type}s/REPO[/revision/REV]       -> repo info: id, sha, private, siblings (404 + X-Error-Code)
- POST /api/{type}s/REPO/preupload/REV        -> uploadMode per file: "lfs" for the binary suffixes of the
  hub's default .gitattributes, a sample holding a NUL byte or a size over 10 MB, else "regular"; `oid` of
  the file already at that path (sha256 for LFS, git blob sha1 for regular), which lets the client skip an
  unchanged file
- POST /{type}s/REPO.git/info/lfs/objects/batch -> basic-transfer upload actions (none for stored objects)
- PUT  /_lfs/{type}s/REPO/{sha256}             -> stores the object for that repo (LFS objects are per repo,
  as on the hub); the sha256 is checked, a short body (a client killed mid-upload) is refused, stores nothing
- POST /api/{type}s/REPO/commit/REV           -> the NDJSON commit: header (parentCommit -> 412 when stale),
  file (base64), lfsFile (the object must be stored), deletedFile, deletedFolder; applied atomically
- GET  /api/{type}s/REPO/tree/REV[/PATH]      -> RepoFile/RepoFolder entries (recursive=...)
- POST /api/{type}s/REPO/paths-info/REV       -> the same entries for the form's `paths`
- POST /api/{type}s/REPO/tag/REV              -> a tag (409 when it exists); GET .../refs lists refs
- POST /api/validate-yaml                     -> 400 when the card's YAML front matter does not parse
- GET/HEAD /[{type}s/]REPO/resolve/REV/PATH   -> the file (Range supported), X-Repo-Commit and ETag

Set HF_ENDPOINT to `url` and HF_HUB_DISABLE_XET=1 (hf_xet is installed and would otherwise upload to a
xet CAS server this stub does not implement); `client_env()` returns both.

The state lives in a folder, the "hub mirror" (`tests/hub_store.py`): each commit's files as a snapshot
folder, so tests read what was pushed and `datasets.load_dataset(str(store.snapshot(repo)))` opens it;
`load_dataset("ORG/NAME")` with HF_ENDPOINT set reads the same through the resolve and tree routes.
Unknown routes answer 404 and are listed in `store.unhandled`; `store.before_answer` lets a chaos test
SIGKILL the client after a request took effect."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qs, unquote, urlsplit

try:  # tests/ is on sys.path under pytest (see conftest.py); `tests.hub_server` from the repo root
    from hub_store import LFS_MIN_SIZE, LFS_SUFFIXES, REPO_TYPES, HubError, HubStore, git_blob_sha1, pushed_fingerprint
except ImportError:
    from tests.hub_store import (LFS_MIN_SIZE, LFS_SUFFIXES, REPO_TYPES, HubError, HubStore, git_blob_sha1,
                                 pushed_fingerprint)

__all__ = ["HubServer", "HubStore", "pushed_fingerprint"]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    store: HubStore
    base: str

    def log_message(self, *args) -> None:  # quiet
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # a killed client's keep-alive connection
            pass

    # --- plumbing ----------------------------------------------------------------------------------
    def _body(self) -> bytes:
        """The request body; a short one (the client died mid-upload) is a HubError and nothing is stored.
        `store.mid_body` is called once the first part arrived (a chaos test kills the client there)."""
        request = f"{self.command} {urlsplit(self.path).path}"
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(parts)
                chunk = self.rfile.read(size)
                self.rfile.readline()
                if len(chunk) < size:
                    self.store.refused.append(request)
                    raise HubError(400, "truncated chunked body")
                parts.append(chunk)
                if len(parts) == 1 and self.store.mid_body is not None:
                    self.store.mid_body(request)
        n = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(n // 2) if n else b""
        if n and self.store.mid_body is not None:
            self.store.mid_body(request)
        data += self.rfile.read(n - len(data)) if n > len(data) else b""
        if len(data) < n:
            self.store.refused.append(request)
            raise HubError(400, f"body of {len(data)} bytes, Content-Length said {n}")
        return data

    def _send(self, status: int, body=b"", headers: Optional[dict] = None, content_type="application/json") -> None:
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        if self.store.before_answer is not None:
            self.store.before_answer(f"{self.command} {urlsplit(self.path).path}")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _dispatch(self) -> None:
        url = urlsplit(self.path)
        parts = [unquote(p) for p in url.path.split("/")[1:]]
        query = parse_qs(url.query)
        self.store.requests.append(f"{self.command} {url.path}")
        if self.headers.get("Authorization"):
            self.store.auth.add(self.headers["Authorization"])
        try:
            try:
                body = self._body() if self.command in ("POST", "PUT") else b""
                if not self._route(parts, query, body):
                    self.store.unhandled.append(f"{self.command} {url.path}")
                    self._send(404, {"error": "no such route in tests/hub_server.py"})
            except HubError as exc:
                headers = {"X-Error-Message": str(exc)}
                if exc.code:
                    headers["X-Error-Code"] = exc.code
                self._send(exc.status, {"error": str(exc)}, headers)
        except (BrokenPipeError, ConnectionResetError):  # the client is gone (killed): nothing to answer
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_HEAD = _dispatch

    # --- routes ------------------------------------------------------------------------------------
    def _route(self, p: list[str], q: dict, body: bytes) -> bool:
        s, m = self.store, self.command
        if p == ["api", "agent-harnesses"]:  # huggingface_hub's agent detection: ignores any failure
            self._send(404, {"error": "not served"})
            return True
        if m == "POST" and p == ["api", "repos", "create"]:
            req = json.loads(body)
            kind = (req.get("type") or "model") + "s"
            repo = f"{req['organization']}/{req['name']}" if req.get("organization") else req["name"]
            created = s.create_repo(kind, repo, req.get("visibility") == "private")
            url = f"{self.base}/{'' if kind == 'models' else kind + '/'}{repo}"
            self._send(200 if created else 409, {"url": url, "name": repo} if created else
                       {"error": "You already created this repo", "url": url})
            return True
        if m == "POST" and p == ["api", "validate-yaml"]:
            return self._validate_yaml(json.loads(body)["content"])
        if m == "PUT" and len(p) == 5 and p[0] == "_lfs" and p[1] in REPO_TYPES:
            if hashlib.sha256(body).hexdigest() != p[4]:
                raise HubError(400, f"uploaded content does not hash to {p[4]}")
            s.put_lfs(p[1], f"{p[2]}/{p[3]}", body)
            self._send(200, {})
            return True
        if m == "POST" and len(p) == 7 and p[0] in REPO_TYPES and p[2].endswith(".git") and p[3:] == [
                "info", "lfs", "objects", "batch"]:
            return self._lfs_batch(p[0], f"{p[1]}/{p[2][:-4]}", json.loads(body))
        if len(p) >= 5 and p[1] in REPO_TYPES and p[0] == "api":
            return self._repo_api(p[1], f"{p[2]}/{p[3]}", p[4:], q, body)
        if len(p) >= 4 and p[0] == "api" and p[1] in REPO_TYPES:
            return self._repo_api(p[1], f"{p[2]}/{p[3]}", [], q, body)
        kind, rest = (p[0], p[1:]) if p and p[0] in REPO_TYPES else ("models", p)
        if m in ("GET", "HEAD") and len(rest) >= 5 and rest[2] == "resolve":
            return self._resolve(kind, f"{rest[0]}/{rest[1]}", rest[3], "/".join(rest[4:]))
        return False

    def _repo_api(self, kind: str, repo: str, rest: list[str], q: dict, body: bytes) -> bool:
        s, m = self.store, self.command
        if m == "GET" and (not rest or (len(rest) == 2 and rest[0] == "revision")):
            oid = s.resolve(kind, repo, rest[1] if rest else "main")
            files = s.commit(kind, repo, oid)["files"]
            self._send(200, {"id": repo, "sha": oid, "private": s.refs(kind, repo)["private"],
                             "lastModified": "2026-01-01T00:00:00.000Z", "tags": [],
                             "siblings": [{"rfilename": f} for f in sorted(files)]})
            return True
        if not rest:
            return False
        op, rev = rest[0], rest[1] if len(rest) > 1 else "main"
        if m == "POST" and op == "preupload":
            files = s.commit(kind, repo, s.resolve(kind, repo, rev))["files"]
            out = []
            for f in json.loads(body)["files"]:
                sample = base64.b64decode(f["sample"])
                lfs = f["path"].lower().endswith(LFS_SUFFIXES) or b"\0" in sample or f["size"] > LFS_MIN_SIZE
                have = files.get(f["path"])
                oid = None
                if have is not None:
                    oid = have["sha256"] if have["lfs"] else git_blob_sha1(s.object(have["sha256"]))
                out.append({"path": f["path"], "uploadMode": "lfs" if lfs else "regular", "shouldIgnore": False,
                            "oid": oid})
            self._send(200, {"files": out, "commitOid": s.resolve(kind, repo, rev)})
            return True
        if m == "POST" and op == "commit":
            header, ops = {}, []
            for line in body.splitlines():
                if not line.strip():
                    continue
                item = json.loads(line)
                v = item["value"]
                if item["key"] == "header":
                    header = v
                elif item["key"] == "file":
                    ops.append(("add", v["path"], base64.b64decode(v["content"])))
                elif item["key"] == "lfsFile":
                    ops.append(("lfs", v["path"], (v["oid"], v.get("size"))))
                elif item["key"] == "deletedFile":
                    ops.append(("delete", v["path"], None))
                elif item["key"] == "deletedFolder":
                    ops.append(("delete_folder", v["path"], None))
                else:
                    raise HubError(400, f"unknown commit key {item['key']!r}")
            for i, (op_, path, payload) in enumerate(ops):  # an lfsFile line may omit its size
                if op_ == "lfs" and payload[1] is None and s.has_lfs(kind, repo, payload[0]):
                    ops[i] = (op_, path, (payload[0], len(s.object(payload[0]))))
            oid = s.apply_commit(kind, repo, rev, header, ops)
            self._send(200, {"commitUrl": f"{self.base}/{kind}/{repo}/commit/{oid}", "commitOid": oid,
                             "pullRequestUrl": None, "success": True})
            return True
        if m == "GET" and op == "tree":
            files = s.commit(kind, repo, s.resolve(kind, repo, rev))["files"]
            recursive = q.get("recursive", ["False"])[0].lower() == "true"
            self._send(200, s.tree(files, "/".join(rest[2:]), recursive))
            return True
        if m == "POST" and op == "paths-info":
            files = s.commit(kind, repo, s.resolve(kind, repo, rev))["files"]
            form = parse_qs(body.decode())
            out = []
            for path in form.get("paths", []):
                path = path.strip("/")
                if path in files:
                    out.append(s.entry(path, files[path]))
                elif any(f.startswith(path + "/") for f in files):
                    out.append(s.folder(path))
            self._send(200, out)
            return True
        if m == "POST" and op == "tag":
            s.create_tag(kind, repo, rev, json.loads(body)["tag"])
            self._send(200, {})
            return True
        if m == "GET" and op == "refs":
            refs = s.refs(kind, repo)
            self._send(200, {"branches": [{"name": b, "ref": f"refs/heads/{b}", "targetCommit": c}
                                          for b, c in refs["branches"].items()],
                             "tags": [{"name": t, "ref": f"refs/tags/{t}", "targetCommit": c}
                                      for t, c in refs["tags"].items()], "converts": []})
            return True
        return False

    def _lfs_batch(self, kind: str, repo: str, req: dict) -> bool:
        self.store.refs(kind, repo)  # 404 for an unknown repo
        objects = []
        for o in req["objects"]:
            entry = {"oid": o["oid"], "size": o["size"], "authenticated": True}
            if not self.store.has_lfs(kind, repo, o["oid"]):
                entry["actions"] = {"upload": {"href": f"{self.base}/_lfs/{kind}/{repo}/{o['oid']}"}}
            objects.append(entry)
        self._send(200, {"transfer": "basic", "objects": objects}, content_type="application/vnd.git-lfs+json")
        return True

    def _validate_yaml(self, content: str) -> bool:
        import yaml

        match = re.match(r"^---\n(.*?)\n---", content, re.S)
        try:
            if match:
                yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            self._send(400, {"errors": [{"message": f"invalid YAML: {exc}"}], "warnings": []})
            return True
        self._send(200, {"errors": [], "warnings": []})
        return True

    def _resolve(self, kind: str, repo: str, rev: str, path: str) -> bool:
        s = self.store
        oid = s.resolve(kind, repo, rev)
        f = s.commit(kind, repo, oid)["files"].get(path)
        if f is None:
            raise HubError(404, f"{path} not found at {rev}", "EntryNotFound")
        data = s.object(f["sha256"])
        etag = f["sha256"] if f["lfs"] else git_blob_sha1(data)
        headers = {"X-Repo-Commit": oid, "ETag": f'"{etag}"', "Accept-Ranges": "bytes"}
        if f["lfs"]:
            headers.update({"X-Linked-Etag": f'"{etag}"', "X-Linked-Size": str(f["size"])})
        rng = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", "") or "")
        if rng:
            start = int(rng.group(1))
            end = int(rng.group(2)) if rng.group(2) else len(data) - 1
            headers["Content-Range"] = f"bytes {start}-{min(end, len(data) - 1)}/{len(data)}"
            self._send(206, data[start:end + 1], headers, "application/octet-stream")
        else:
            self._send(200, data, headers, "application/octet-stream")
        return True


class HubServer:
    """The local hub on 127.0.0.1 (a free port), serving `HubStore(root)`; a context manager."""

    def __init__(self, root: Path):
        self.store = HubStore(root)
        handler = type("BoundHandler", (Handler,), {"store": self.store})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        handler.base = self.url
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="hub-server", daemon=True)

    def client_env(self) -> dict[str, str]:
        """The environment that points the real hub client here."""
        return {"HF_ENDPOINT": self.url, "HF_HUB_DISABLE_XET": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}

    def __enter__(self) -> "HubServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


