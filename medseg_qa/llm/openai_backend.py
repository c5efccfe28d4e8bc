"""Backend "openai": conversations from any OpenAI-compatible chat server (OpenAI, vLLM, llama.cpp, ...).

Contract:
- the API key comes from the environment variable the recipe names (`generation.api_key_env`) and only
  from there; it never reaches logs, provenance, exports or cache keys. A missing key (when the URL is
  OpenAI's or `require_key` is set) or an unreachable server is one BackendError before any work
  (`preflight`, which probes GET /models with a short timeout);
- the answer must be JSON `{"turns": [...]}` (see `prompts.parse_turns`); an invalid answer gets one
  repair reprompt that quotes the problem, then an ItemError with `raw_text` (the stage stores the
  conversation as failed and goes on);
- `structured: auto` tries `response_format` json_schema and, when the server says it does not support it,
  falls back to json_object with the schema attached (llama.cpp grammar-constrains that), remembering the
  choice in the workspace;
- throughput: `concurrency` requests in flight, requests- and tokens-per-minute buckets, a per-request
  deadline, and retries with full-jitter exponential backoff (honouring Retry-After) on 429, 5xx, resets,
  timeouts and malformed bodies, capping Retry-After at `generation.retry_after_max_s` (logged); the
  policy is `ratelimit.RetryPolicy`, shared with the batch path, and the openai client's own retries
  are off so these are the only ones. A malformed body is retried, never cached.
  Retries that run out abort the run with a BackendError (finished conversations are already committed,
  so a rerun resumes) rather than failing every remaining item;
- every response is stored in the workspace cache when it arrives, keyed by what decides it
  (`cache.request_key`: the endpoint identity and the request), so a rerun re-sends nothing that
  completed, repairs included; its usage goes to the workspace's usage ledger and `billed` at once, so
  every attempt is counted (repairs, QC regenerations, answers that fail validation).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from collections import Counter
from contextlib import contextmanager, nullcontext
from typing import Any, Iterable, Iterator, Optional

from medseg_qa.errors import BackendError, ItemError, MedsegQAError

from .base import ConversationDraft, ConversationRequest
from .cache import LLMCache, request_key
from .prompts import (AnswerInvalid, answer_schema, asks_for_claims, build_messages, contour_overlay_png, parse_answer,
                      repair_messages)
from .ratelimit import RateLimiter, RetryPolicy
from .transport import Unsupported, parse_chat_body, post_chat

log = logging.getLogger(__name__)
MAX_ANSWER_CHARS = 200_000  # a conversation is a few thousand characters; more is a model that ran away
RAW_TEXT_KEEP = 4_000       # of such an answer, what the failed conversation keeps
IMAGE_PAIRS_KEPT = 16       # multimodal: (scan, outline) pairs kept; a record's jobs are planned one after another

OPENAI_HOST = "api.openai.com"
API_PARAMS = ("temperature", "top_p", "max_tokens", "presence_penalty", "frequency_penalty")
DEFAULT_PARAMS = {"temperature": 0.7, "max_tokens": 1024}
PLACEHOLDER_KEY = "no-key-needed"  # local servers ignore the key, but the client insists on one


class OpenAIBackend:
    """Conversation drafts from an OpenAI-compatible server; see the module docstring for the contract."""

    name = "openai"

    def __init__(self, config, workspace=None, *, backoff_base_s: float = 0.5, backoff_cap_s: float = 30.0,
                 probe_timeout_s: float = 5.0) -> None:
        self.config = config
        self.model = config.model
        self.workspace = workspace
        self.cache = LLMCache(workspace) if workspace is not None else None
        self.probe_timeout_s = probe_timeout_s
        self.retry = RetryPolicy(config.max_retries, backoff_base_s, backoff_cap_s, config.retry_after_max_s)
        self.stats: Counter = Counter()
        self.billed: Counter = Counter()  # tokens of every response received over the network (not cache hits)
        self._ready = False
        self._mode: Optional[str] = None if config.structured == "auto" else config.structured
        self._image_pairs: dict[tuple[str, str], list[bytes]] = {}
        if config.multimodal and workspace is None:
            raise BackendError("generation.multimodal needs the workspace (for the images); pass workspace= "
                               "to build_backend")

    # -- configuration ---------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return (self.config.base_url or "https://api.openai.com/v1").rstrip("/")

    @property
    def key_required(self) -> bool:
        if self.config.require_key is not None:
            return self.config.require_key
        return self.config.base_url is None or OPENAI_HOST in self.config.base_url

    def _api_key(self) -> str:
        key = os.environ.get(self.config.api_key_env, "")
        if not key and self.key_required:
            raise BackendError(f"environment variable {self.config.api_key_env} is not set, and {self.base_url} "
                               "needs an API key; export it (or set generation.api_key_env to the variable "
                               "that holds it)")
        return key or PLACEHOLDER_KEY

    def api_params(self) -> dict[str, Any]:
        """Sampling parameters sent to the server (from the recipe's `params`, with defaults)."""
        params = dict(DEFAULT_PARAMS)
        params.update({k: v for k, v in self.config.params.items() if k in API_PARAMS})
        return params

    def response_format(self, mode: Optional[str], user_turns: int, claims: bool = False) -> Optional[dict]:
        if mode == "json_schema":
            return {"type": "json_schema", "json_schema": {"name": "conversation", "strict": True,
                                                           "schema": answer_schema(user_turns, claims=claims)}}
        if mode == "json_object":
            return {"type": "json_object", "schema": answer_schema(user_turns, grammar=True, claims=claims)}
        return None

    @property
    def endpoint(self) -> str:
        """The server's identity for cache keys (normalised base URL, never credentials)."""
        from medseg_qa.ids import endpoint_identity

        return endpoint_identity(self.base_url)

    def cache_key(self, messages: list[dict], params: dict, fmt: Optional[dict]) -> str:
        return request_key(self.model, messages, params, fmt, self.endpoint)

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        price = self.config.prices.get(self.model)
        if price is None:
            return 0.0
        return prompt_tokens / 1000 * price.prompt_per_1k + completion_tokens / 1000 * price.completion_per_1k

    def _mode_meta_key(self) -> str:
        return "structured:" + hashlib.sha256(f"{self.base_url}|{self.model}".encode()).hexdigest()[:20]

    # -- fail fast -------------------------------------------------------------------------------------
    def preflight(self) -> None:
        """Check the key and that the server answers GET /models; BackendError otherwise. Runs once."""
        if self._ready:
            return
        import openai

        key = self._api_key()
        client = openai.OpenAI(base_url=self.base_url, api_key=key, timeout=self.probe_timeout_s, max_retries=0)
        try:
            ids = [m.id for m in client.models.list().data]
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            raise BackendError(f"{self.base_url} rejected the API key in {self.config.api_key_env} (HTTP "
                               f"{exc.status_code}); set a valid key") from None
        except openai.APIConnectionError as exc:
            raise BackendError(f"cannot reach the LLM server at {self.base_url} ({type(exc).__name__}: "
                               f"{exc.__cause__ or exc}); start it or fix generation.base_url") from None
        except openai.APIStatusError as exc:  # it answered: reachable, even if it has no model listing
            log.warning("GET %s/models answered HTTP %s; going on", self.base_url, exc.status_code)
            ids = []
        finally:
            client.close()
        if ids and self.model not in ids:
            log.warning("model %r is not among the %d models %s lists (%s...); the server may still route it",
                        self.model, len(ids), self.base_url, ", ".join(ids[:5]))
        if self._mode is None and self.cache is not None:
            self._mode = self.cache.get_meta(self._mode_meta_key())
        self._ready = True

    # -- the stage's entry points ----------------------------------------------------------------------
    def generate(self, request: ConversationRequest) -> ConversationDraft:
        for _, result in self.generate_many([request]):
            if isinstance(result, MedsegQAError):
                raise result
            return result
        raise AssertionError("generate_many yielded nothing")

    def generate_many(self, requests: Iterable[ConversationRequest]) -> Iterator[tuple[int, object]]:
        """Yield `(index, draft | ItemError)` as each conversation completes, `concurrency` at a time.

        Runs its own event loop on this thread; the loop advances while the caller waits for the next
        results, so the caller's catalog writes and the cache's share one connection and one thread (an
        A/B against a worker-thread loop showed no throughput gain: both are CPU-bound Python). A
        BackendError (retries exhausted, key rejected) is raised after the results already yielded;
        closing the iterator or Ctrl-C cancels what is in flight. One run at a time per backend."""
        requests = list(requests)
        if not requests:
            return
        self.preflight()
        with asyncio.Runner() as runner, _ctrl_c_cancels() as interrupted:
            ready: asyncio.Queue = asyncio.Queue()
            main = runner.get_loop().create_task(self._run_all(requests, ready.put_nowait))
            interrupted.cancel = lambda: runner.get_loop().call_soon_threadsafe(main.cancel)
            try:
                remaining = len(requests)
                while remaining:
                    try:
                        batch = runner.run(self._next(ready, main))
                    except asyncio.CancelledError:
                        if interrupted.count:  # Ctrl-C cancelled the run: the loop shuts down cleanly, then says so
                            raise KeyboardInterrupt from None
                        raise
                    remaining -= len(batch)
                    yield from batch
            finally:
                main.cancel()
                log.info("openai backend: %s", dict(self.stats))

    @staticmethod
    async def _next(ready: asyncio.Queue, main: asyncio.Task) -> list:
        """Every result that is ready (at least one), or the run's fatal error."""
        if ready.empty():
            get = asyncio.ensure_future(ready.get())
            await asyncio.wait({get, main}, return_when=asyncio.FIRST_COMPLETED)
            if not get.done():
                get.cancel()
                main.result()  # raises the run's fatal error
                raise AssertionError("the generation run ended before every request had a result")
            batch = [get.result()]
        else:
            batch = []
        while not ready.empty():
            batch.append(ready.get_nowait())
        return batch

    async def _run_all(self, requests: list[ConversationRequest], put) -> None:
        import openai

        cfg = self.config
        client = openai.AsyncOpenAI(base_url=self.base_url, api_key=self._api_key(), timeout=cfg.timeout_s,
                                    max_retries=0)
        limiter = RateLimiter(cfg.rpm, cfg.tpm)
        sem = asyncio.Semaphore(cfg.concurrency)
        self._mode_lock = asyncio.Lock()
        self._inflight: dict[str, asyncio.Future] = {}

        async def one(i: int, req: ConversationRequest) -> None:
            async with sem:
                try:
                    result: object = await self._conversation(client, limiter, req)
                except ItemError as exc:
                    result = exc
            put((i, result))

        tasks = [asyncio.ensure_future(one(i, r)) for i, r in enumerate(requests)]
        try:
            for fut in asyncio.as_completed(tasks):
                await fut
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await client.close()

    # -- one conversation ------------------------------------------------------------------------------
    def _images(self, req: ConversationRequest) -> Optional[list[bytes]]:
        """The scan and its outlined copy (PNG); drawn once for the conversations of a record, not per
        request (decoding, eroding and re-encoding the image ran on the event loop every time)."""
        if not self.config.multimodal:
            return None
        key = (req.record.image_blob, req.record.mask_blob)
        pair = self._image_pairs.get(key)
        if pair is None:
            image = self.workspace.get_blob(req.record.image_blob)
            pair = [image, contour_overlay_png(image, self.workspace.get_blob(req.record.mask_blob))]
            if len(self._image_pairs) >= IMAGE_PAIRS_KEPT:
                del self._image_pairs[next(iter(self._image_pairs))]
            self._image_pairs[key] = pair
        return pair

    async def _conversation(self, client, limiter: RateLimiter, req: ConversationRequest) -> ConversationDraft:
        messages = build_messages(req, self._images(req))
        usage = Counter()
        text = await self._complete(client, limiter, messages, req, usage)
        if text is not None and len(text) > MAX_ANSWER_CHARS:
            raise self._too_long(text, req, usage)
        try:
            turns, claims = parse_answer(text, req.user_turns, claims=asks_for_claims(req.prompt_version))
        except AnswerInvalid as first:
            self.stats["repairs"] += 1
            text = await self._complete(client, limiter,
                                        repair_messages(messages, text or "", str(first), req.user_turns), req, usage)
            if text is not None and len(text) > MAX_ANSWER_CHARS:
                raise self._too_long(text, req, usage)
            try:
                turns, claims = parse_answer(text, req.user_turns, claims=asks_for_claims(req.prompt_version))
            except AnswerInvalid as second:
                self.stats["invalid_after_repair"] += 1
                exc = ItemError("invalid_answer", f"{self.model} gave no valid conversation after one repair "
                                f"reprompt ({second}); the raw answer is kept; rerun with another seed or model",
                                req.record.record_id)
                exc.raw_text = text
                exc.prompt_tokens, exc.completion_tokens = usage["prompt"], usage["completion"]
                exc.cost_usd = self.cost(usage["prompt"], usage["completion"])
                raise exc from None
        return ConversationDraft(turns=turns, prompt_tokens=usage["prompt"], completion_tokens=usage["completion"],
                                 cost_usd=self.cost(usage["prompt"], usage["completion"]), claims=claims)

    def _too_long(self, text: str, req: ConversationRequest, usage: Counter) -> ItemError:
        """A runaway answer: failed without a repair reprompt (which would send it back, paying for it
        again as input) and stored cut to its first RAW_TEXT_KEEP characters."""
        self.stats["answer_too_long"] += 1
        exc = ItemError("answer_too_long", f"{self.model} answered {len(text):,} characters, over the "
                        f"{MAX_ANSWER_CHARS:,} a conversation needs; set generation.params.max_tokens or use "
                        "another model", req.record.record_id)
        exc.raw_text = text[:RAW_TEXT_KEEP] + f" [... {len(text) - RAW_TEXT_KEEP:,} more characters not kept]"
        exc.prompt_tokens, exc.completion_tokens = usage["prompt"], usage["completion"]
        exc.cost_usd = self.cost(usage["prompt"], usage["completion"])
        return exc

    async def _complete(self, client, limiter: RateLimiter, messages: list[dict], req: ConversationRequest,
                        usage: Counter) -> Optional[str]:
        """The answer text for `messages`, resolving `structured: auto` on the first call."""
        if self._mode is None:
            async with self._mode_lock:
                if self._mode is None:
                    try:
                        text = await self._send(client, limiter, messages, req, "json_schema", usage)
                        self._remember_mode("json_schema")
                        return text
                    except Unsupported:
                        log.info("%s refuses response_format json_schema; using json_object with the schema",
                                 self.base_url)
                        self.stats["structured_fallback"] += 1
                        self._remember_mode("json_object")
            return await self._send(client, limiter, messages, req, self._mode, usage)
        try:
            return await self._send(client, limiter, messages, req, self._mode, usage)
        except Unsupported:
            raise BackendError(f"{self.base_url} does not support response_format json_schema; set "
                               "generation.structured to json_object or auto") from None

    def _remember_mode(self, mode: str) -> None:
        self._mode = mode
        if self.cache is not None:
            self.cache.put_meta(self._mode_meta_key(), mode)

    async def _send(self, client, limiter: RateLimiter, messages: list[dict], req: ConversationRequest,
                    mode: Optional[str], usage: Counter) -> Optional[str]:
        params = {**self.api_params(), "seed": req.seed}
        fmt = self.response_format(mode, req.user_turns, asks_for_claims(req.prompt_version))
        key = self.cache_key(messages, params, fmt)
        cache = self.cache
        raw = cache.get_response(key) if cache is not None else None
        if raw is None and cache is not None:
            raw = cache.adopt_legacy(request_key(self.model, messages, params, fmt), key)
        data = parse_chat_body(raw) if raw is not None else None
        if data is not None:
            self.stats["cache_hits"] += 1
        elif key in self._inflight:  # an identical request is on its way: share its answer (pay once)
            self.stats["shared"] += 1
            data = await asyncio.shield(self._inflight[key])
            if data is None:  # it failed: try on our own
                return await self._send(client, limiter, messages, req, mode, usage)
        else:
            shared = self._inflight[key] = asyncio.get_running_loop().create_future()
            try:
                data, raw = await post_chat(client, limiter, {"model": self.model, "messages": messages, **params},
                                            fmt, self.config, self.retry, self.stats, self.base_url)
                with cache.ws.transaction() if cache is not None else nullcontext():  # both or neither
                    self.bill(key, data)
                    if cache is not None:
                        cache.put_response(key, raw)
            finally:
                del self._inflight[key]
                shared.set_result(data)
        u = data.get("usage") or {}
        usage["prompt"] += int(u.get("prompt_tokens") or 0)
        usage["completion"] += int(u.get("completion_tokens") or 0)
        return data["choices"][0]["message"].get("content")

    def bill(self, key: str, data: dict) -> None:
        """Count a response the server sent (and billed) in `billed` and the workspace's usage ledger."""
        u = data.get("usage") or {}
        p, c = int(u.get("prompt_tokens") or 0), int(u.get("completion_tokens") or 0)
        self.billed.update(prompt=p, completion=c)
        if self.cache is not None:
            self.cache.put_usage(key, self.model, p, c, self.cost(p, c))


class _CtrlC:
    """What Ctrl-C does while a run's loop lives: `cancel` (set once the run exists) and how many came."""

    def __init__(self) -> None:
        self.count = 0
        self.cancel: Optional[Any] = None


@contextmanager
def _ctrl_c_cancels():
    """While a run's loop lives, Ctrl-C cancels the run (`_CtrlC.cancel`) instead of raising KeyboardInterrupt inside
    whichever task's step it lands in: asyncio.Runner's own handler raises it there once its current `run` call is
    done, which left the loop stopped mid-step and turned the interrupt into "Event loop stopped before Future
    completed" on close (exit 1, not 130). A second Ctrl-C, or one before the run exists, raises at once. Only the
    main thread can own the handler; elsewhere Runner's default stays."""
    import signal
    import threading

    state = _CtrlC()
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    def on_sigint(signum, frame):
        state.count += 1
        if state.count > 1 or state.cancel is None:
            raise KeyboardInterrupt
        state.cancel()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield state
    finally:
        signal.signal(signal.SIGINT, previous)
