"""The optional LLM judge of QC: a second OpenAI-compatible call that lists every claim of a
conversation's answers and compares them with the measured facts.

Contract:
- off unless the recipe sets `qc.judge.enabled: true`; generation calls it only for conversations the
  rule-based QC passed (a flagged draft is already rejected, judging it would only cost);
- its prompt is versioned like the generation prompts (`pipelines/prompts/judge-v1/`), rendered from
  the target, the image line, the facts and the answers only (never an id, path or patient detail);
- each request is keyed by `cache.request_key` and its raw body stored in the workspace's LLM cache the
  moment it arrives, so a rerun pays nothing twice; tokens and cost are returned with the verdict
  (priced from `qc.judge.prices`) and recorded in the conversation's provenance;
- the model lists the claims; the comparison of a listed side, position, size class, area, region count
  or relation with the facts is done here, exactly as QC compares prose claims (a small model's own
  verdict is not trusted for those); only claims of kind `other` use the model's verdict;
- 429, 5xx, timeouts and connection errors are retried under `ratelimit.RetryPolicy`, the policy of
  generation too (jittered backoff, Retry-After honoured up to 60 s, then capped and logged); when the judge still cannot
  answer, or answers something that is not the asked JSON, the verdict carries `error` and no flag:
  the conversation keeps its rule-based QC result and the run goes on.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from typing import Optional

from medseg_qa.errors import BackendError
from medseg_qa.schemas import Conversation, SourceRecord

from .cache import request_key
from .ratelimit import RetryPolicy
from .transport import parse_chat_body, retried, retry_after_of

_KINDS = {"side": "side", "vertical": "vertical", "size_class": "size", "area_percent": "percent",
          "regions": "count", "relation": "relation"}
JUDGE_SCHEMA = {"type": "object", "required": ["claims"], "additionalProperties": False, "properties": {
    "claims": {"type": "array", "maxItems": 12, "items": {
        "type": "object", "required": ["text", "kind", "value", "other", "verdict"], "additionalProperties": False,
        "properties": {"text": {"type": "string", "maxLength": 120},
                       "kind": {"type": "string", "enum": [*_KINDS, "other"]},
                       "value": {"type": "string", "maxLength": 40}, "other": {"type": "string", "maxLength": 60},
                       "verdict": {"type": "string", "enum": ["agrees", "contradicts", "unverifiable"]}}}}}}


@dataclass
class JudgeVerdict:
    flags: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "<claim text>: <why>" per contradicted claim
    claims: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    cached: bool = False
    error: Optional[str] = None


def judge_messages(conv: Conversation, record: SourceRecord, version: str) -> list[dict]:
    """The judge's chat messages for one conversation (system and user from the prompt version)."""
    from .prompts import describe_facts, load_templates

    system_t, user_t = load_templates(version)
    image_line = f"{record.modality}, {record.body_region}"
    answers = "\n".join(f"- {t.content}" for t in conv.turns if t.role == "assistant")
    values = dict(target=record.target, image_line=image_line, facts=describe_facts(record.facts), answer=answers)
    return [{"role": "system", "content": system_t.substitute(values)},
            {"role": "user", "content": user_t.substitute(values)}]


def compare_listed(items: list, record: SourceRecord) -> list[str]:
    """Problems of the claims the judge listed: checked against the facts here, by kind."""
    from medseg_qa.qc.compare import contradiction

    problems = []
    for item in items:
        if not isinstance(item, dict):
            continue
        kind, value, text = str(item.get("kind", "")).lower(), item.get("value"), str(item.get("text", ""))[:120]
        if kind in _KINDS:
            claim = _claim(_KINDS[kind], value, item.get("other"))
            flag = contradiction(claim, record.facts) if claim is not None else None
            if flag:
                problems.append(f"{text}: {kind} {value} contradicts the measured facts")
        elif str(item.get("verdict", "")).lower() == "contradicts":
            problems.append(f"{text}: the judge found it contradicts the facts")
    return problems


def _claim(kind: str, value, other):
    from medseg_qa.qc.claim import Claim

    try:
        if kind == "percent":
            return Claim("percent", float(str(value).rstrip("% ")))
        if kind == "count":
            return Claim("count", int(float(str(value))))
    except ValueError:
        return None
    word = str(value or "").strip().lower().replace(" ", "_")
    if kind == "side" and word == "midline":
        return Claim("midline", "midline")
    if kind == "side" and word in ("left", "right", "bilateral"):
        return Claim("side", word) if word != "bilateral" else None
    if kind == "vertical" and word in ("anterior", "posterior", "superior", "inferior"):
        return Claim("vertical", word)
    if kind == "size" and word in ("small", "medium", "large"):
        return Claim("size", word)
    if kind == "relation" and other and word in ("left_of", "right_of", "anterior_to", "posterior_to",
                                                 "superior_to", "inferior_to"):
        return Claim("relation", word, other=str(other).lower().removeprefix("the "))
    return None


class Judge:
    """One judge per run; `check(conv, record)` is synchronous (the judge is an optional, slower pass)."""

    def __init__(self, config, workspace=None, *, backoff_base_s: float = 0.5, backoff_cap_s: float = 20.0):
        from .cache import LLMCache

        self.config = config
        self.cache = LLMCache(workspace) if workspace is not None else None
        self.retry = RetryPolicy(config.max_retries, backoff_base_s, backoff_cap_s,
                                 setting="of the QC judge (60 s)")
        self._client = None

    @property
    def base_url(self) -> str:
        return (self.config.base_url or "https://api.openai.com/v1").rstrip("/")

    def _client_for(self):
        if self._client is None:
            import openai

            key = os.environ.get(self.config.api_key_env, "")
            required = self.config.require_key if self.config.require_key is not None else \
                self.config.base_url is None
            if not key and required:
                raise BackendError(f"the QC judge at {self.base_url} needs an API key in {self.config.api_key_env}; "
                                   "export it or set qc.judge.api_key_env")
            self._client = openai.OpenAI(base_url=self.base_url, api_key=key or "no-key-needed",
                                         timeout=self.config.timeout_s, max_retries=0)
        return self._client

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        price = self.config.prices.get(self.config.model)
        if price is None:
            return 0.0
        return prompt_tokens / 1000 * price.prompt_per_1k + completion_tokens / 1000 * price.completion_per_1k

    def check(self, conv: Conversation, record: SourceRecord) -> JudgeVerdict:
        messages = judge_messages(conv, record, self.config.prompt_version)
        params = dict(self.config.params)
        fmt = {"type": "json_object", "schema": JUDGE_SCHEMA} if self.config.response_schema else \
            {"type": "json_object"}
        key = request_key(self.config.model, messages, params, fmt)
        verdict = JudgeVerdict()
        raw = self.cache.get_response(key) if self.cache is not None else None
        verdict.cached = raw is not None
        if raw is None:
            try:
                raw = self._post(messages, params, fmt)
            except BackendError as exc:
                verdict.error = str(exc)
                return verdict
            if self.cache is not None:
                self.cache.put_response(key, raw)
        data = json.loads(raw)
        usage = data.get("usage") or {}
        if not verdict.cached:  # a cached answer was paid for by the run that received it
            verdict.prompt_tokens = int(usage.get("prompt_tokens") or 0)
            verdict.completion_tokens = int(usage.get("completion_tokens") or 0)
            verdict.cost_usd = self.cost(verdict.prompt_tokens, verdict.completion_tokens)
        content = data["choices"][0]["message"].get("content") or ""
        try:
            items = json.loads(content.strip().strip("`").removeprefix("json"), strict=False)["claims"]
            if not isinstance(items, list):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            verdict.error = f"the judge's answer is not the asked JSON ({content[:80]!r}...)"
            return verdict
        verdict.claims = len(items)
        verdict.problems = compare_listed(items, record)
        verdict.flags = ["judge"] if verdict.problems else []
        return verdict

    def _post(self, messages: list[dict], params: dict, fmt: dict) -> str:
        """The raw response body, after retries; BackendError when the server keeps failing."""
        import openai

        client = self._client_for()
        body = {"model": self.config.model, "messages": messages, **params, "response_format": fmt}
        failure = "unknown"
        for attempt in range(self.config.max_retries + 1):
            retry_after = None
            try:
                raw = client.post("/chat/completions", body=body, cast_to=str)
                if parse_chat_body(raw) is not None:
                    return raw
                failure = "malformed response body"
            except (openai.AuthenticationError, openai.PermissionDeniedError, openai.NotFoundError) as exc:
                raise BackendError(f"the QC judge at {self.base_url} refused (HTTP {exc.status_code}); check "
                                   "qc.judge.model and the key in qc.judge.api_key_env") from None
            except openai.APIStatusError as exc:
                if not retried(exc.status_code):
                    raise BackendError(f"the QC judge at {self.base_url} refused the request (HTTP "
                                       f"{exc.status_code}); check qc.judge.params") from None
                failure = f"HTTP {exc.status_code}"
                retry_after = retry_after_of(exc.response.headers)
            except (openai.APIConnectionError, openai.APITimeoutError):
                failure = "connection error or timeout"
            if attempt < self.config.max_retries:
                time.sleep(self.retry.delay(attempt, retry_after, self.base_url))
        raise BackendError(f"the QC judge at {self.base_url} kept failing ({failure}) after "
                           f"{self.config.max_retries} retries")


def build_judge(qc_config, workspace=None) -> Optional[Judge]:
    """The recipe's judge, or None when `qc.judge.enabled` is false (the default)."""
    judge = getattr(qc_config, "judge", None)
    return Judge(judge, workspace) if judge is not None and judge.enabled else None
