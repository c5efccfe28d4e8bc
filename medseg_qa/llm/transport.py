"""One exchange with an OpenAI-compatible chat server: which failures are retried, the wait a response
asks for, and what counts as a chat completion body.

Contract (shared by generation, the Batch API path and the QC judge, so they agree on it):
- retried: 408/409/425/429, every 5xx, connection errors, timeouts and a body that is not a chat
  completion (`parse_chat_body` is None); a rejected key, an unknown model and other 4xx are not;
- the wait is the server's `retry-after-ms` or `Retry-After` (seconds or an HTTP date), capped by
  `RetryPolicy`; `post_chat` gives up after `max_retries` with a BackendError saying that finished work
  is kept and a rerun resumes.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from typing import Any, Optional

from medseg_qa.errors import BackendError, ItemError

from .ratelimit import RateLimiter, RetryPolicy, estimate_tokens, parse_retry_after

RETRY_STATUS = {408, 409, 425, 429}


class Retryable(Exception):
    def __init__(self, reason: str, retry_after: Optional[float] = None) -> None:
        super().__init__(reason)
        self.reason, self.retry_after = reason, retry_after


class Unsupported(Exception):
    """The server refused response_format json_schema."""


def retried(status: int) -> bool:
    """Whether an HTTP error status is worth another attempt."""
    return status in RETRY_STATUS or status >= 500


def retry_after_of(headers) -> Optional[float]:
    """Seconds the response asks to wait (`retry-after-ms`, else `Retry-After`), or None."""
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    return parse_retry_after(headers.get("retry-after"))


def _says_unsupported(message: str) -> bool:
    m = message.lower()
    return "json_schema" in m or "response_format" in m or "json_object" in m


def parse_chat_body(raw: Optional[str]) -> Optional[dict]:
    """A chat completion body as a dict, or None when it is not one (truncated, HTML error page, ...)."""
    try:
        data = json.loads(raw or "")
        data["choices"][0]["message"]
        return data
    except (ValueError, KeyError, IndexError, TypeError):
        return None


async def post_chat(client, limiter: RateLimiter, body: dict[str, Any], fmt: Optional[dict], config,
                    retry: RetryPolicy, stats: Counter, base_url: str) -> tuple[dict, str]:
    """POST `body` (+ `fmt` as response_format) to /chat/completions under the limiter and retry policy;
    returns the parsed body and its raw text. `config` is the generation config (timeout_s, api_key_env).
    Raises Unsupported when a json_schema response_format is refused, ItemError for a request the server
    rejects, BackendError for a bad key, an unknown model, or retries that ran out."""
    import openai

    if fmt is not None:
        body = {**body, "response_format": fmt}
    est = estimate_tokens(len(json.dumps(body["messages"]))) + int(body.get("max_tokens") or 0)
    for attempt in range(retry.max_retries + 1):
        await limiter.acquire(est)
        try:
            stats["sent"] += 1
            # the client's generic POST (its documented way to send any body) instead of the typed
            # chat.completions.create: same auth, errors and transport, without re-validating the
            # messages (about 3 ms CPU per request) and keeping the raw text for the cache
            raw = await asyncio.wait_for(client.post("/chat/completions", body=body, cast_to=str), config.timeout_s)
            data = parse_chat_body(raw)
            if data is None:
                raise Retryable("malformed response body")
            u = data.get("usage") or {}
            limiter.correct(est, int(u.get("total_tokens") or est))
            return data, raw
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            raise BackendError(f"{base_url} rejected the API key in {config.api_key_env} (HTTP "
                               f"{exc.status_code}); set a valid key") from None
        except openai.NotFoundError:
            raise BackendError(f"{base_url} has no model {body['model']!r} (HTTP 404); fix "
                               "generation.model") from None
        except openai.APIStatusError as exc:
            status, message = exc.status_code, str(exc)
            if fmt is not None and fmt["type"] == "json_schema" and status in (400, 422, 500, 501) \
                    and _says_unsupported(message):
                raise Unsupported(message) from None
            if not retried(status):
                raise ItemError("llm_rejected", f"{base_url} refused the request (HTTP {status}: "
                                f"{message[:200]}); check generation.params and the prompt size") from None
            failure = Retryable(f"HTTP {status}", retry_after_of(exc.response.headers))
        except (openai.APIConnectionError, asyncio.TimeoutError) as exc:
            failure = Retryable("timeout" if isinstance(exc, (openai.APITimeoutError, asyncio.TimeoutError))
                                else "connection error")
        except Retryable as exc:
            failure = exc
        limiter.correct(est, 0)  # nothing was processed: give the tokens back
        stats[f"retry:{failure.reason}"] += 1
        if attempt == retry.max_retries:
            raise BackendError(f"{base_url} kept failing ({failure.reason}) after {attempt} retries; "
                               "finished conversations are saved: rerun later to resume, or "
                               "raise generation.max_retries")
        delay = retry.delay(attempt, failure.retry_after, base_url)
        stats["retry_after_capped"] = retry.capped
        await asyncio.sleep(delay)
    raise AssertionError("unreachable")
