"""What a (region, service) job sees: clients, the account, a pool for per-item calls, errors."""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from botocore.exceptions import BotoCoreError, ClientError, ConnectionClosedError, NoCredentialsError, ReadTimeoutError
from botocore.parsers import ResponseParserError

from planner.core.errors import one_line
from planner.core.model.inventory import InventoryError
from providers.aws.inventory.budget import ScanStopped
from providers.aws.inventory.pool import WorkPool
from providers.aws.inventory.session import ClientFactory, RequestTracker

if TYPE_CHECKING:
    from providers.aws.inventory.tagging import TagIndex

T = TypeVar("T")
R = TypeVar("R")

# Codes meaning the whole (region, service) pair is out of reach: stop asking it.
UNREACHABLE_CODES: frozenset[str] = frozenset(
    {
        "AuthFailure",
        "OptInRequired",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
        "EndpointConnectionError",
        "UnknownEndpoint",
        "UnknownEndpointError",
        "ConnectTimeoutError",
    }
)


# Answers worth asking again after botocore's own retries: throttling (botocore's list of throttling codes,
# botocore/retries/standard.py ThrottledRetryableChecker) and transient faults (any 5xx, timeouts).
RETRY_CODES: frozenset[str] = frozenset(
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
    }
)
RETRY_EXCEPTIONS: tuple[type[Exception], ...] = (ReadTimeoutError, ConnectionClosedError)


class ServiceUnreachable(Exception):
    """Raised inside a job to stop it after an error that every later call would repeat."""


def retryable(exc: Exception) -> bool:
    if isinstance(exc, ClientError):
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
        return error_code(exc) in RETRY_CODES or int(status) >= 500
    return isinstance(exc, RETRY_EXCEPTIONS)


@dataclass(frozen=True)
class RetryPolicy:
    """After botocore's retries, a throttled or failed call is asked again, with growing pauses, until the scan's
    deadline (a time.monotonic() value; None: never beyond botocore's retries). Stopping the scan ends the pause."""

    deadline: float | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    first_pause_s: float = 0.5
    max_pause_s: float = 15.0

    def pause_before(self, attempt: int) -> bool:
        """Wait before asking again (True), or say the deadline leaves no time for it (False)."""
        if self.deadline is None:
            return False
        pause = min(self.max_pause_s, self.first_pause_s * 2**attempt) * random.uniform(0.5, 1.0)  # noqa: S311
        if time.monotonic() + pause > self.deadline:
            return False
        if self.stop.wait(pause):
            raise ScanStopped
        return True

    def call(self, call: Callable[[], T]) -> T:
        attempt = 0
        while True:
            try:
                return call()
            except (ClientError, BotoCoreError) as exc:
                if not retryable(exc) or not self.pause_before(attempt):
                    raise
                attempt += 1


_CURRENT = threading.local()  # the resource whose detail call this thread is making, for errors[]


def current_resource() -> str | None:
    return getattr(_CURRENT, "resource_id", None)


def for_resource(resource_id: str | None, function: Callable[[], T]) -> T:
    """Run `function` (a resource's detail calls); the errors it records name the resource."""
    previous = current_resource()
    _CURRENT.resource_id = resource_id
    try:
        return function()
    finally:
        _CURRENT.resource_id = previous


@dataclass
class ErrorLog:
    errors: list[InventoryError] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, error: InventoryError) -> None:
        with self._lock:
            self.errors.append(error)


# An XML error body that the client could not parse (moto answers IAM denials of JSON/CBOR
# services such as CloudWatch in XML): the code and message are still in there.
XML_ERROR = re.compile(r"<Code>(?P<code>[^<]+)</Code>.*?<Message>(?P<message>[^<]*)</Message>", re.DOTALL)


def _client_error_parts(exc: ClientError) -> tuple[str, str]:
    error = exc.response.get("Error", {})
    code, message = str(error.get("Code") or "ClientError"), str(error.get("Message") or exc)
    unparsed = XML_ERROR.search(message) if code.isdigit() else None
    if unparsed:
        return unparsed.group("code"), unparsed.group("message")
    return code, message


def error_code(exc: Exception) -> str:
    if isinstance(exc, ClientError):
        return _client_error_parts(exc)[0]
    return type(exc).__name__


def error_message(exc: Exception) -> str:
    """The error's message on one bounded line; an unparseable response is named, its body never recorded (it may
    hold user data or secrets)."""
    if isinstance(exc, ResponseParserError):
        return "the response could not be parsed (its body is not recorded)"
    if isinstance(exc, ClientError):
        return one_line(_client_error_parts(exc)[1])
    return one_line(str(exc))


@dataclass
class JobContext:
    region: str  # the region the clients of this job talk to ("global" services use client_region)
    service: str
    account_id: str
    partition: str
    client_region: str
    clients: ClientFactory
    tracker: RequestTracker
    pool: WorkPool | None  # None: per-item calls run one after the other on this thread
    error_log: ErrorLog
    collected: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    tag_index: TagIndex | None = None  # bulk tags per region; None: every spec uses its per-item tag call
    scan_regions: tuple[str, ...] = ()  # the regions this scan reads (S3 lists its buckets per region)
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    def client(self, service: str | None = None, region: str | None = None) -> Any:
        return self.clients.client(service or self.service, region or self.client_region)

    def record(self, exc: Exception, *, region: str | None = None, operation: str | None = None) -> None:
        """Add a failed call to errors[]; raise ServiceUnreachable if the pair is out of reach.

        The service is the one actually called (CloudWatch for S3 bucket sizes, say).
        """
        code = error_code(exc)
        last_call = self.tracker.last_call
        operation = operation or getattr(exc, "operation_name", None) or (last_call[1] if last_call else "unknown")
        service = last_call[0] if last_call and last_call[1] == operation else self.service
        self.error_log.add(
            InventoryError(
                region=region or self.region,
                service=service,
                operation=operation,
                code=code,
                message=error_message(exc),
                resource_id=current_resource(),
            )
        )
        # Out of reach stops the job only for its own region: a global job's call into one bucket's region (S3) must
        # not drop the buckets of every other region.
        if code in UNREACHABLE_CODES and region in (None, self.region, self.client_region):
            raise ServiceUnreachable(code) from exc

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """Run `function` on every item on the scan's pool, keeping order; this thread runs its share (pool.py)."""
        if self.pool is None:
            return [function(item) for item in items]
        return self.pool.map(function, items)

    def arn(self, service: str, resource: str, *, region: str | None = None) -> str:
        return f"arn:{self.partition}:{service}:{region if region is not None else self.region}:{self.account_id}:{resource}"


def guarded(
    ctx: JobContext, call: Callable[[], T], default: T, *, ignore_codes: Iterable[str] = (), region: str | None = None
) -> T:
    """Run one API call; an expected 'not configured' code gives `default`, other failures are recorded.

    Throttled and transient failures are asked again until the scan's deadline (`ctx.retry`) first."""
    try:
        return ctx.retry.call(call)
    except ClientError as exc:
        if error_code(exc) in set(ignore_codes):
            return default
        ctx.record(exc, region=region)
        return default
    except NoCredentialsError:
        raise
    except (BotoCoreError, ResponseParserError) as exc:  # a body that does not parse is that call's error
        ctx.record(exc, region=region)
        return default
