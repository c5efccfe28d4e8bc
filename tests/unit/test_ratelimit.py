"""Token buckets, Retry-After parsing and backoff arithmetic, on a fake clock (nothing sleeps)."""

from __future__ import annotations

import email.utils
import random

import pytest

from medseg_qa.llm.ratelimit import RateLimiter, TokenBucket, backoff_delay, estimate_tokens, parse_retry_after


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_bucket_lets_a_full_minute_through_then_spaces_requests_by_the_refill_rate():
    clock = FakeClock()
    bucket = TokenBucket(60, 60.0, clock)  # one per second
    assert [bucket.reserve(1) for _ in range(60)] == [0.0] * 60
    assert bucket.reserve(1) == pytest.approx(1.0)
    assert bucket.reserve(1) == pytest.approx(2.0)  # queued behind the previous reservation
    clock.now += 2.0
    assert bucket.reserve(1) == pytest.approx(1.0)


def test_bucket_refills_continuously_but_never_above_capacity():
    clock = FakeClock()
    bucket = TokenBucket(10, 60.0, clock)
    bucket.reserve(10)
    clock.now += 30.0
    assert bucket.level == pytest.approx(5.0)
    clock.now += 3600.0
    assert bucket.level == pytest.approx(10.0)


def test_a_request_larger_than_the_budget_still_goes_after_its_deficit_refills():
    clock = FakeClock()
    bucket = TokenBucket(100, 60.0, clock)
    assert bucket.reserve(250) == pytest.approx(150 / (100 / 60))


def test_refund_and_charge_correct_an_estimate():
    clock = FakeClock()
    bucket = TokenBucket(1000, 60.0, clock)
    bucket.reserve(800)
    bucket.refund(500)  # the answer used 300, not 800
    assert bucket.level == pytest.approx(700.0)
    bucket.charge(900)
    assert bucket.level == pytest.approx(-200.0)
    assert bucket.reserve(1) == pytest.approx(201 / (1000 / 60))


def test_rate_limiter_waits_for_the_tighter_of_its_two_limits():
    clock = FakeClock()
    limiter = RateLimiter(rpm=600, tpm=6000, clock=clock)  # 10 req/s, 100 tok/s
    assert limiter.reserve(6000) == 0.0
    assert limiter.reserve(100) == pytest.approx(1.0)  # tokens bind, not requests
    limiter.correct(6000, 3000)  # the first answer was half the estimate
    assert limiter.tokens.level == pytest.approx(3000 - 100)
    assert RateLimiter().reserve(10**9) == 0.0  # no limits configured


def test_parse_retry_after_seconds_http_date_and_garbage():
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("0.25") == 0.25
    assert parse_retry_after("-4") == 0.0
    now = 1_700_000_000.0
    assert parse_retry_after(email.utils.formatdate(now + 7, usegmt=True), now=now) == pytest.approx(7.0)
    assert parse_retry_after(email.utils.formatdate(now - 7, usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("") is None


def test_backoff_is_full_jitter_exponential_capped_and_floored_by_retry_after():
    rng = random.Random(1)
    for attempt in range(8):
        for _ in range(50):
            d = backoff_delay(attempt, base_s=0.5, cap_s=4.0, rng=rng)
            assert 0.0 <= d <= min(4.0, 0.5 * 2 ** attempt)
    draws = [backoff_delay(3, base_s=0.5, cap_s=30.0, rng=rng) for _ in range(400)]
    assert max(draws) > 3.0 and min(draws) < 1.0  # spread over the whole window, not a fixed delay
    assert backoff_delay(0, base_s=0.5, cap_s=1.0, retry_after=12.0, rng=rng) == 12.0


def test_estimate_tokens_is_about_four_characters_each():
    assert estimate_tokens(0) == 1
    assert estimate_tokens(400) == 100
    assert estimate_tokens(401) == 101


def test_retry_policy_caps_retry_after_and_counts_each_cap():
    import random

    from medseg_qa.llm.ratelimit import RetryPolicy

    policy = RetryPolicy(max_retries=3, base_s=0.5, cap_s=4.0, retry_after_max_s=60.0, rng=random.Random(1))
    assert policy.delay(0, retry_after=86400) == 60.0 and policy.capped == 1
    assert policy.delay(0, retry_after=30) == 30.0 and policy.capped == 1  # under the cap: honoured as is
    assert 0.0 <= policy.delay(5) <= 4.0 and policy.capped == 1
    assert policy.delay(1, retry_after=1e9) == 60.0 and policy.capped == 2


def test_one_retry_rule_for_generation_batch_and_judge():
    """transport is the one home of what is retried and how long a response asks to wait."""
    from medseg_qa.llm.transport import parse_chat_body, retried, retry_after_of

    assert [s for s in (400, 401, 404, 408, 409, 422, 425, 429, 500, 503) if retried(s)] == [408, 409, 425, 429, 500, 503]
    assert retry_after_of({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5  # the finer header wins
    assert retry_after_of({"retry-after-ms": "soon", "retry-after": "9"}) == 9.0
    assert retry_after_of({}) is None and retry_after_of(None) is None
    assert parse_chat_body('{"choices": [{"message": {"content": "x"}}]}')["choices"][0]["message"]["content"] == "x"
    assert parse_chat_body("<html>502 Bad Gateway</html>") is None
    assert parse_chat_body('{"choices": []}') is None and parse_chat_body(None) is None
