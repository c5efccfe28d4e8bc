"""LLM-drafted knowledge entries for targets the knowledge base does not know, for a person to sign off.

Contract:
- any OpenAI-compatible server (the recipe's `generation` section: base_url, model, api_key_env from the
  environment only) drafts one entry per target with structured output: `json_schema`, or `json_object`
  with the schema when the server refuses it (llama.cpp), remembered per server like the conversation
  backend; the backend's retries, rate limits and workspace response cache are reused, so a rerun re-sends
  nothing that completed;
- the prompt carries the label, its modalities and the labels seen beside it, never a patient id, path
  or pixel;
- a draft becomes `<out>/<label>.yaml` with `status: draft` and `drafted_by`; one that fails the entry
  schema is kept raw as `<out>/<label>.rejected.json` with the reason (never loaded as knowledge);
- nothing already there is overwritten: a target whose entry exists (built in, signed off or a draft)
  is not drafted again;
- `sign_off` marks a draft approved with who and when; generation refuses drafts until then unless told.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from pydantic import ValidationError

from medseg_qa.errors import ConfigError, ItemError
from medseg_qa.knowledge import KnowledgeEntry, claimed_elsewhere, knowledge_files, read_entries

log = logging.getLogger(__name__)

REGIONS = ("head", "neck", "thorax", "abdomen", "pelvis", "spine", "upper limb", "lower limb", "skin", "breast",
           "whole body")
SYSTEM = ("You are a clinical anatomist writing one entry of a knowledge base that is used to write implicit "
          "questions about a structure in medical images. Answer with JSON only, following the schema.")
RULES = """Rules:
- synonyms: every word or phrase that names the structure: plural, adjective (kidney -> renal), prefixed forms
  (perirenal), Latin or Greek names, abbreviations (IVC, AAA), combining forms ending in '-' (hepato-).
- functions: what it does, as verb phrases that do NOT contain its name or synonyms ("produces bile ...").
- clinical: clinical scenarios, clauses that read after "when" and do NOT name it ("a patient with ... has ...").
- relations: anatomical relations, verb phrases without its name ("lies behind the stomach").
- differentials: structures it is confused with in images, as noun phrases.
- neighbours: structures typically next to it. expected_side: left, right, midline, bilateral or none.
- modality_notes: how it looks on the listed modalities.
- descriptor: a noun phrase that points at it without naming it.
- ontology_code: 'SCT:<id>', 'FMA:<id>' or 'UBERON:<id>' only when you are certain; otherwise an empty string.
- functions and clinical make no claims about side, size or position."""


def draft_schema(*, grammar: bool = False) -> dict:
    """JSON Schema of the drafted fields. `grammar=True` (json_object + schema, compiled into a sampling
    grammar by llama.cpp) adds length caps and patterns so a small model closes the JSON in time."""
    # no quotes, escapes or control characters in grammar mode (the server's generic string rule lets a raw
    # newline through, which is not JSON), and a length cap
    text = {"type": "string", "pattern": r'^[^\n\r\t"\\]{3,90}$'} if grammar else {"type": "string"}

    def items(lo: int, hi: int) -> dict:
        return {"type": "array", "items": text, "minItems": lo, "maxItems": hi} if grammar else \
            {"type": "array", "items": {"type": "string"}}

    code = {"type": "string", "pattern": r"^((SCT|FMA|UBERON):[0-9]{1,12})?$"} if grammar else {"type": "string"}
    props = {"synonyms": items(2, 8), "category": {"type": "string", "enum": [
                 "organ", "vessel", "bone", "muscle", "cartilage", "nervous tissue", "fluid space", "airway",
                 "cardiac chamber", "lesion", "region", "other"]},
             "region": {"type": "string", "enum": list(REGIONS)}, "descriptor": text,
             "functions": items(3, 3), "clinical": items(3, 3), "relations": items(2, 2), "differentials": items(2, 2),
             "neighbours": items(1, 3), "expected_side": {"type": "string", "enum": ["left", "right", "midline",
                                                                                     "bilateral", "none"]},
             "modality_notes": items(1, 1), "ontology_code": code}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def draft_messages(target: str, modalities: list[str], beside: list[str]) -> list[dict]:
    user = (f"Target structure (a segmentation label): {target}\n"
            f"Modalities: {', '.join(modalities) or 'unknown'}\n"
            f"Other labels seen in the same images: {', '.join(beside) or 'none'}\n\n{RULES}\n\n"
            "Write the entry for the target structure.")
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def entry_from_answer(target: str, text: Optional[str], model: str) -> KnowledgeEntry:
    """The drafted entry, or ValueError/ValidationError saying why the answer is not one."""
    data = json.loads(text or "")
    if not isinstance(data, dict):
        raise ValueError("the answer is not a JSON object")
    side = data.pop("expected_side", None)
    code = (data.pop("ontology_code", None) or "").strip() or None
    return KnowledgeEntry.model_validate({**data, "name": target, "ontology_code": code,
                                          "expected_side": None if side in (None, "none") else side,
                                          "status": "draft", "drafted_by": model})


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "entry"


def write_entry(entry: KnowledgeEntry, path: Path) -> Path:
    """One entry as a YAML mapping, fields in schema order, empty optional fields left out."""
    import yaml

    data = entry.model_dump(mode="json", exclude_defaults=True)
    data = {"name": entry.name, **{k: v for k, v in data.items() if k != "name"}}
    tmp = path.with_suffix(".tmp")
    note = (f"# LLM draft: check every line, then `medsegqa knowledge sign-off '{entry.name}' --by NAME`\n"
            if entry.status == "draft" else "")
    tmp.write_text(note + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                                  width=110))
    tmp.replace(path)
    return path


@dataclass
class DraftSummary:
    written: list[Path] = field(default_factory=list)
    rejected: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dropped: dict[str, list[str]] = field(default_factory=dict)  # target -> synonyms other entries own
    already: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Drafter:
    """Drafts entries through an `OpenAIBackend` (its key handling, retries, limits, cache and mode)."""

    def __init__(self, backend) -> None:
        self.backend = backend

    def ask(self, messages: list[dict]) -> tuple[Optional[str], dict]:
        self.backend.preflight()
        return asyncio.run(self._ask(messages))

    async def _ask(self, messages: list[dict]) -> tuple[Optional[str], dict]:
        import openai

        from medseg_qa.llm.cache import request_key
        from medseg_qa.llm.ratelimit import RateLimiter
        from medseg_qa.llm.transport import Unsupported, parse_chat_body, post_chat

        b, cfg = self.backend, self.backend.config
        client = openai.AsyncOpenAI(base_url=b.base_url, api_key=b._api_key(), timeout=cfg.timeout_s, max_retries=0)
        limiter = RateLimiter(cfg.rpm, cfg.tpm)
        params = {**b.api_params(), "seed": cfg.seed}
        try:
            for mode in [b._mode] if b._mode else ["json_schema", "json_object"]:
                fmt = ({"type": "json_schema", "json_schema": {"name": "knowledge_entry", "strict": True,
                                                               "schema": draft_schema()}}
                       if mode == "json_schema" else {"type": "json_object", "schema": draft_schema(grammar=True)})
                key = request_key(b.model, messages, params, fmt)
                raw = b.cache.get_response(key) if b.cache is not None else None
                data = parse_chat_body(raw) if raw is not None else None
                if data is None:
                    try:
                        data, raw = await post_chat(client, limiter, {"model": b.model, "messages": messages, **params}, fmt,
                                                    cfg, b.retry, b.stats, b.base_url)
                    except Unsupported:
                        log.info("%s refuses response_format json_schema; using json_object", b.base_url)
                        continue
                    if b.cache is not None:
                        b.cache.put_response(key, raw)
                if b._mode is None:
                    b._remember_mode(mode)
                return data["choices"][0]["message"].get("content"), data.get("usage") or {}
        finally:
            await client.close()
        raise ItemError("llm_rejected", f"{b.base_url} accepts neither json_schema nor json_object output")

    def draft(self, target: str, modalities: list[str], beside: list[str], out_dir: Path, kb,
              summary: DraftSummary) -> None:
        text, usage = self.ask(draft_messages(target, modalities, beside))
        summary.prompt_tokens += int(usage.get("prompt_tokens") or 0)
        summary.completion_tokens += int(usage.get("completion_tokens") or 0)
        try:
            entry = entry_from_answer(target, text, self.backend.model)
        except (ValueError, ValidationError) as exc:
            reason = (f"field '{'.'.join(map(str, exc.errors()[0]['loc']))}': {exc.errors()[0]['msg']}"
                      if isinstance(exc, ValidationError) else str(exc))
            path = out_dir / f"{slug(target)}.rejected.json"
            path.write_text(json.dumps({"target": target, "model": self.backend.model,
                                        "reason": f"not a valid knowledge entry: {reason}", "raw": text}, indent=2))
            summary.rejected.append(path)
            return
        taken = claimed_elsewhere(entry, kb)
        if taken:  # names of other structures would contradict them: not this structure's synonyms
            entry = entry.model_copy(update={"synonyms": [x for x in entry.synonyms if x not in taken]})
            summary.dropped[target] = taken
        rejected = out_dir / f"{slug(target)}.rejected.json"
        rejected.unlink(missing_ok=True)
        summary.written.append(write_entry(entry, out_dir / f"{slug(target)}.yaml"))


def targets_in(ws) -> dict[str, tuple[list[str], list[str]]]:
    """target -> (modalities, other labels seen beside it) over the workspace's records."""
    seen: dict[str, tuple[set, set]] = {}
    for rec in ws.records():
        mods, beside = seen.setdefault(rec.target, (set(), set()))
        mods.add(rec.modality)
        beside.update(rel.other for rel in rec.facts.relations)
    return {t: (sorted(m), sorted(b - {t})[:12]) for t, (m, b) in sorted(seen.items())}


def draft_missing(ws, recipe, out_dir: Path, *, backend=None, only: Optional[list[str]] = None,
                  progress: bool = True) -> DraftSummary:
    """Draft an entry for every target of the workspace (or `only`) that has none in the built-in base,
    the recipe's knowledge or `out_dir`."""
    from medseg_qa.knowledge import use_knowledge

    if recipe.generation.backend != "openai":
        raise ConfigError("knowledge draft needs an OpenAI-compatible LLM: set generation.backend: openai, "
                          "base_url and model in the recipe (or pass --base-url and --model)")
    out_dir.mkdir(parents=True, exist_ok=True)
    if backend is None:
        from medseg_qa.llm.openai_backend import OpenAIBackend

        backend = OpenAIBackend(recipe.generation, workspace=ws)
    kb = use_knowledge([*recipe.knowledge, str(out_dir)])
    found = targets_in(ws)
    wanted = {t: found.get(t, ([], [])) for t in only} if only else found
    summary, drafter = DraftSummary(), Drafter(backend)
    from medseg_qa.pipelines.progress import progress_bar

    todo = [(t, ctx) for t, ctx in wanted.items() if kb.lookup(t) is None]
    summary.already = len(wanted) - len(todo)
    with progress_bar("draft knowledge", len(todo), progress) as advance:
        for target, (mods, beside) in todo:
            try:
                drafter.draft(target, mods, beside, out_dir, kb, summary)
                kb = use_knowledge([*recipe.knowledge, str(out_dir)])  # later drafts see this one
            except ItemError as exc:  # the server refused this request: the others go on
                summary.failed.append(f"{target}: {exc}")
            advance()
    use_knowledge([*recipe.knowledge, str(out_dir)])
    return summary


def find_entry_file(name: str, paths: list[str]) -> tuple[Path, KnowledgeEntry]:
    """The file among `paths` that defines `name` (as written), and its entry."""
    key = " ".join(name.lower().split())
    for p in paths:
        for f in knowledge_files(p):
            for e in read_entries(f):
                if e.name == key:
                    return f, e
    raise ConfigError(f"no knowledge entry named '{name}' in {', '.join(map(str, paths)) or '(no knowledge paths)'};"
                      " `medsegqa knowledge check` lists them")


def sign_off(name: str, by: str, paths: list[str]) -> Path:
    """Mark the entry `name` approved by `by` now; its file must hold that one entry (a draft file does)."""
    if not by.strip():
        raise ConfigError("give who signs the entry off: --by NAME")
    path, entry = find_entry_file(name, paths)
    if len(read_entries(path)) != 1:
        raise ConfigError(f"{path} holds several entries; edit it by hand: set `status: approved`, "
                          "`reviewed_by` and `reviewed_at` on the entry")
    approved = entry.model_copy(update={"status": "approved", "reviewed_by": by.strip(),
                                        "reviewed_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    return write_entry(KnowledgeEntry.model_validate(approved.model_dump()), path)
