"""The scan's request budget: one token bucket per API and region (providers/aws/inventory/limits.py), shared by
every thread of a scan, so that requests go out as fast as AWS lets the account send them and no faster.

It is installed on the session's `before-send` event, which botocore emits for every HTTP request, retries
included, after the request is signed: the SigV4 credential scope names the API (signing name) and region the
request counts against. A request whose bucket is empty waits for its token there, without holding any lock; a
stopped scan (Ctrl-C) wakes every waiting request, which raises `ScanStopped`. botocore's adaptive retries stay the
second line: a throttling answer that arrives anyway (other tools using the same account) is retried by botocore,
then by the scan until its deadline (`context.guarded`).
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import boto3

from providers.aws.inventory.limits import ApiLimit, LimitKey, bucket_key

# Credential=AKID/20240101/us-east-1/ec2/aws4_request
CREDENTIAL_SCOPE = re.compile(r"Credential=[^/,]+/\d{8}/(?P<region>[a-z0-9-]+)/(?P<api>[a-z0-9-]+)/aws4_request")


# The budget plans at this share of each figure: requests spaced exactly 1/rate apart at the client reach AWS with
# jitter, and two that arrive closer than that would find the bucket a fraction of a token short.
HEADROOM = 0.9


class ScanStopped(BaseException):  # noqa: N818 - like KeyboardInterrupt: not an error, not caught as an Exception
    """The scan was stopped (Ctrl-C, or its caller gave up): raised in every thread at its next request."""


@dataclass
class TokenBucket:
    """`burst` tokens, `rate_per_s` back every second. A taker reserves the next token, even one not there yet, and
    is told how long to wait for it: waiters queue in order and none has to hold the lock while it waits."""

    rate_per_s: float
    burst: int
    tokens: float = 0.0
    updated: float = 0.0

    def reserve(self, now: float) -> float:
        """Take one token; the seconds until it is there (0 when the bucket had one)."""
        self.tokens = min(float(self.burst), self.tokens + (now - self.updated) * self.rate_per_s)
        self.updated = now
        self.tokens -= 1
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate_per_s


@dataclass
class RateBudget:
    """Token buckets per (API, operation where it has its own limit, region), made full on first use."""

    clock: Callable[[], float] = time.monotonic
    stop: threading.Event = field(default_factory=threading.Event)
    sleep: Callable[[float], None] | None = None  # None: wait on `stop`, so that stopping wakes the sleepers
    sent: Counter[LimitKey] = field(default_factory=Counter)  # requests let through, per bucket
    waited_s: float = 0.0  # summed over requests
    _buckets: dict[LimitKey, TokenBucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_turn(self, api: str, operation: str, region: str) -> float:
        """Block until a request of `operation` to `api` in `region` may be sent; the seconds waited."""
        key, limit = bucket_key(api, operation, region)
        with self._lock:
            delay = self._bucket(key, limit).reserve(self.clock())
            self.sent[key] += 1
            self.waited_s += delay
        if self.stop.is_set():
            raise ScanStopped
        if delay > 0:
            if self.sleep is not None:
                self.sleep(delay)
            elif self.stop.wait(delay):
                raise ScanStopped
        return delay

    def _bucket(self, key: LimitKey, limit: ApiLimit) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            burst = max(1, int(limit.burst * HEADROOM))
            bucket = self._buckets[key] = TokenBucket(limit.rate_per_s * HEADROOM, burst, float(burst), self.clock())
        return bucket

    def before_send(self, request: Any, event_name: str = "", **_: Any) -> None:
        """botocore's before-send handler: the request is signed; its scope names the bucket."""
        authorization = request.headers.get("Authorization") or b""
        if isinstance(authorization, bytes):
            authorization = authorization.decode("ascii", "replace")
        scope = CREDENTIAL_SCOPE.search(authorization)
        if scope is None:  # unsigned: nothing to count it against
            return
        self.wait_turn(scope["api"], event_name.rsplit(".", 1)[-1], scope["region"])

    def install(self, session: boto3.Session) -> None:
        events = session._session.get_component("event_emitter")  # noqa: SLF001 - boto3 exposes no public hook
        events.register("before-send", self.before_send, unique_id="planner-rate-budget")
