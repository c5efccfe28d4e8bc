"""The push stage: an exported version -> a Hugging Face dataset repo, tagged with the version.

Contract:
- the export folder is verified first (`medseg_qa.manifest.verify`): a damaged export is not pushed;
- the licence gate (`medseg_qa.licence`, decided at export time and stored in the manifest) must allow
  publishing, or `override_licence` must be given; the card then records the override;
- the steps, each under the wall-clock timeout of `medseg_qa.hub.call`: create the repo (private if
  asked), `DatasetDict.push_to_hub` (parquet shards), upload the release files (card and its images,
  manifest, index, preview) over the card push_to_hub wrote, then tag the commit `v<version>` (a tag
  left by a killed push of the same files is accepted; one on other files is an error);
- only when every step succeeded is the push recorded in the workspace (`status` lists it): a failed or
  timed-out push never marks the version released, and re-running it is safe (`exist_ok` repo,
  an existing push of the same version to the same repo is a no-op);
- what is uploaded is what `write_hub_mirror` writes, so a local mirror shows exactly the release.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from medseg_qa.errors import HubError, LicenceError
from medseg_qa.hub import DEFAULT_TIMEOUT, RELEASE_PATTERNS, call, hub_splits, hub_token, num_shards, write_hub_mirror
from medseg_qa.manifest import MANIFEST, verify
from medseg_qa.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass
class PushResult:
    repo_id: str
    version: str
    tag: Optional[str]
    commit_url: Optional[str]
    created: bool
    message: str


def tag_for(version: str) -> str:
    return f"v{version}"


def _gated_readme(folder: Path, manifest: dict, override: bool) -> Optional[str]:
    """The card to upload: as exported, or with its licence section saying the gate was overridden."""
    from medseg_qa.card import licence_section

    decision = manifest.get("licence") or {}
    if decision.get("blocked") and not override:
        listed = "; ".join(f"{k}: {n} rows" for k, n in decision["blocked"].items())
        raise LicenceError(f"the licence gate blocks publishing {folder.name}: {listed}. Drop those sources "
                           "from the recipe and export a new version, or pass --override-licence if you hold "
                           "the right to redistribute them")
    if not decision.get("blocked"):
        return None
    card = (folder / "README.md").read_text(encoding="utf-8")
    overridden = {**decision, "allowed": True, "overridden": True,
                  "reason": decision["reason"] + " The publisher overrode the gate explicitly "
                  "(--override-licence) and takes responsibility for having the right to redistribute these rows."}
    return card.replace(licence_section(decision), licence_section(overridden))


def _remove_abandoned_staging(parent: Path) -> None:
    """Delete the staging folders that a killed push left (`.hub-mirror-<pid>-*` whose process is gone)."""
    from medseg_qa.pipelines.export import _alive

    for folder in parent.glob(".hub-mirror-*"):
        pid = folder.name.split("-")[2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _tag(api: Any, repo_id: str, tag: str, oid: Optional[str], message: str) -> None:
    """Tag commit `oid`. The tag may exist already when an earlier push of this version was killed after
    tagging and before the workspace recorded it: accepted when it marks the same files (path and blob
    id), so the rerun completes; a tag on different files is an error, never moved silently."""
    try:
        api.create_tag(repo_id, tag=tag, revision=oid, repo_type="dataset", tag_message=message)
    except Exception as exc:  # noqa: BLE001 - the hub client raises httpx2-based errors; only 409 is handled
        if getattr(getattr(exc, "response", None), "status_code", None) != 409:
            raise

        def files(rev):
            return {f.path: getattr(f, "blob_id", None)
                    for f in api.list_repo_tree(repo_id, revision=rev, recursive=True, repo_type="dataset")}
        if files(tag) != files(oid):
            raise HubError(f"tag {tag} already exists on {repo_id} and marks other files than this release; "
                           f"push a new version, or delete the tag on the hub if it is a failed attempt") from None


def push_release(ws: Workspace, folder: str | Path, repo_id: str, *, private: bool = False, tag: bool = True,
                 override_licence: bool = False, timeout: float = DEFAULT_TIMEOUT, mirror: Optional[Path] = None,
                 api: Any = None, push_data: Optional[Callable[..., Any]] = None,
                 endpoint: Optional[str] = None) -> PushResult:
    """Push the export in `folder` to the dataset repo `repo_id`; `api` and `push_data` replace the hub
    client (HfApi, DatasetDict.push_to_hub) only in tests."""
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8")) if (folder / MANIFEST).is_file() else {}
    verify(folder)  # VerifyError names what is damaged
    version, state = manifest["version"], manifest["state_hash"]
    if "/" not in repo_id or repo_id.count("/") != 1 or not all(repo_id.split("/")):
        raise HubError(f"--push-to-hub {repo_id!r} is not ORG/NAME; give e.g. my-lab/medseg-qa")
    done = [p for p in ws.pushes() if p[0] == version and p[1] == repo_id]
    if done:
        return PushResult(repo_id, version, done[0][2], done[0][3], False,
                          f"version {version} is already on {repo_id} ({done[0][3] or 'no commit url'}); nothing to do")
    readme = _gated_readme(folder, manifest, override_licence)
    token = hub_token()
    if api is None:
        from huggingface_hub import HfApi

        api = HfApi(endpoint=endpoint or os.environ.get("HF_ENDPOINT"), token=token)
    if mirror is None:
        _remove_abandoned_staging(folder.parent)
    staging = (Path(tempfile.mkdtemp(prefix=f".hub-mirror-{os.getpid()}-", dir=folder.parent)) if mirror is None
               else Path(mirror))
    try:
        write_hub_mirror(folder, staging, readme)
        from datasets import DatasetDict, load_from_disk

        dd = DatasetDict(hub_splits(load_from_disk(str(folder))))
        shards = {split: num_shards(ds) for split, ds in dd.items()}
        message = f"medseg-qa release {version} (state {state[:12]})"
        call(lambda: api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True),
             timeout, "create repo", token)
        if push_data is None:
            def push_data(**kw):
                return dd.push_to_hub(repo_id, token=token, **kw)
        call(lambda: push_data(private=private, num_shards=shards, commit_message=message + ": data"),
             timeout, "push_to_hub (parquet shards)", token)
        info = call(lambda: api.upload_folder(folder_path=str(staging), repo_id=repo_id, repo_type="dataset",
                                              allow_patterns=RELEASE_PATTERNS, commit_message=message + ": card"),
                    timeout, "upload card and manifest", token)
        commit_url = getattr(info, "commit_url", None) or (str(info) if info else None)
        oid = getattr(info, "oid", None)
        tag_name = tag_for(version) if tag else None
        if tag_name:
            call(lambda: _tag(api, repo_id, tag_name, oid, message), timeout, f"create tag {tag_name}", token)
    finally:
        if mirror is None:
            shutil.rmtree(staging, ignore_errors=True)
    with ws.transaction():
        ws.add_push(version, repo_id, tag=tag_name, commit_url=commit_url, private=private, state_hash=state)
    text = (f"pushed {manifest.get('name')} {version} to {repo_id}" + (f" (tag {tag_name})" if tag_name else "")
            + (" as a private repo" if private else ""))
    log.info(text)
    return PushResult(repo_id, version, tag_name, commit_url, True, text)
