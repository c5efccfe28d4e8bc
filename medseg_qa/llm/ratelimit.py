"""Throughput control for LLM calls: token buckets for requests and tokens per minute, and retry delays.

Contract:
- `TokenBucket` is reservation based: `reserve(n)` takes `n` units now (the level may go negative) and
  returns how long the caller must wait before sending, so concurrent callers queue fairly in the order
  they reserved and a request larger than the whole budget still goes out (after the deficit refills);
  `refund(n)` / `charge(n)` correct an estimate once the server reports the real usage.
- `RateLimiter` combines a requests-per-minute and a tokens-per-minute bucket (either may be off).
- `backoff_delay` is exponential backoff with full jitter, never shorter than a server's Retry-After.
- `RetryPolicy` is the one retry policy of the LLM calls, online (`openai_backend`) and batch (`batch`):
  `max_retries`, the backoff, and a cap on Retry-After (`generation.retry_after_max_s`), so a server that
  answers `Retry-After: 86400` cannot stall a run for a day; every capped wait is logged and counted.
Clocks are injectable so the arithmetic is tested without sleeping.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

log = logging.getLogger(__name__)


class TokenBucket:
    """`capacity` units, refilled continuously at `capacity / period_s` units per second."""

    def __init__(self, capacity: float, period_s: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        if capacity <= 0:
            raise ValueError("a token bucket needs a positive capacity")
        self.capacity = float(capacity)
        self.rate = self.capacity / period_s
        self._clock = clock
        self._level = self.capacity
        self._stamp = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._level = min(self.capacity, self._level + (now - self._stamp) * self.rate)
        self._stamp = now

    def reserve(self, n: float) -> float:
        """Take `n` units; seconds to wait before using them (0 when they were there)."""
        self._refill()
        self._level -= n
        return 0.0 if self._level >= 0 else -self._level / self.rate

    def refund(self, n: float) -> None:
        """Give back units that an estimate over-reserved."""
        self._refill()
        self._level = min(self.capacity, self._level + n)

    def charge(self, n: float) -> None:
        """Take units that an estimate under-reserved (later reservations wait for them)."""
        self._refill()
        self._level -= n

    @property
    def level(self) -> float:
        self._refill()
        return self._level


class RateLimiter:
    """Requests-per-minute and tokens-per-minute limits for one endpoint; `None` switches a limit off."""

    def __init__(self, rpm: Optional[int] = None, tpm: Optional[int] = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.requests = TokenBucket(rpm, 60.0, clock) if rpm else None
        self.tokens = TokenBucket(tpm, 60.0, clock) if tpm else None

    def reserve(self, est_tokens: int) -> float:
        """Reserve one request and `est_tokens` tokens; the seconds to wait before sending."""
        wait = 0.0
        if self.requests is not None:
            wait = max(wait, self.requests.reserve(1))
        if self.tokens is not None:
            wait = max(wait, self.tokens.reserve(est_tokens))
        return wait

    async def acquire(self, est_tokens: int) -> None:
        wait = self.reserve(est_tokens)
        if wait > 0:
            await asyncio.sleep(wait)

    def correct(self, est_tokens: int, actual_tokens: int) -> None:
        """Settle a reservation against the usage the server reported."""
        if self.tokens is None or actual_tokens == est_tokens:
            return
        if actual_tokens < est_tokens:
            self.tokens.refund(est_tokens - actual_tokens)
        else:
            self.tokens.charge(actual_tokens - est_tokens)


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff_delay(attempt: int, base_s: float = 0.5, cap_s: float = 30.0, retry_after: Optional[float] = None,
                  rng: Optional[random.Random] = None) -> float:
    """Full-jitter exponential backoff for retry number `attempt` (0 = first retry): uniform(0, min(cap,
    base * 2**attempt)), raised to the server's Retry-After when it gave one (which may exceed the cap:
    the server knows best when it will take us back)."""
    r = rng or random
    delay = r.uniform(0.0, min(cap_s, base_s * (2 ** attempt)))
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


@dataclass
class RetryPolicy:
    """How often and how long to retry a failed LLM call; shared by the online and the batch path.

    `delay` honours a server's Retry-After up to `retry_after_max_s` (the server knows best when it takes
    us back, but a day-long answer would stall the run): a longer one is capped, logged once per policy
    at warning level (then at debug level) and counted in `capped`."""

    max_retries: int = 8
    base_s: float = 0.5
    cap_s: float = 30.0
    retry_after_max_s: float = 60.0
    rng: Optional[random.Random] = None
    setting: str = "generation.retry_after_max_s"  # where the cap is set, for the log line
    capped: int = field(default=0, init=False)

    def delay(self, attempt: int, retry_after: Optional[float] = None, server: str = "the LLM server") -> float:
        """Seconds to wait before retry number `attempt` (0 = first retry)."""
        if retry_after is not None and retry_after > self.retry_after_max_s:
            self.capped += 1
            (log.warning if self.capped == 1 else log.debug)(
                "%s asked to wait %.0f s before retrying (Retry-After); waiting %.0f s instead, the cap %s",
                server, retry_after, self.retry_after_max_s, self.setting)
            retry_after = self.retry_after_max_s
        return backoff_delay(attempt, self.base_s, self.cap_s, retry_after, self.rng)


def estimate_tokens(text_chars: int) -> int:
    """Tokenizer-free token estimate: about four characters per token for English prose and JSON."""
    return max(1, (text_chars + 3) // 4)
