"""A throttling front for moto: token buckets per API, operation and region at AWS's rates, as AWS answers.

The buckets are the ones the scan plans with (providers/aws/inventory/limits.py: same table, same keys), so a
scan that keeps to its budget is never throttled here, and one that does not is answered the way AWS answers:
each protocol's own error shape and code (EC2 RequestLimitExceeded 503, S3 SlowDown 503, Query and REST-XML
Throttling 400, JSON and CBOR ThrottlingException 400, REST-JSON TooManyRequestsException 429), which botocore
parses and retries as it does AWS's.

It also counts the requests each bucket let through, throttled or not: the benchmark's floor is computed from
them (`floor_seconds`). Used by bench/moto_server.py (`--throttle`) and by the tests.
"""

from __future__ import annotations

import io
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qs

from providers.aws.inventory.budget import CREDENTIAL_SCOPE, TokenBucket
from providers.aws.inventory.limits import LimitKey, bucket_key

Protocol = Literal["ec2", "s3", "query", "rest-xml", "json", "rest-json", "cbor"]
REST_XML_APIS = frozenset({"route53", "cloudfront"})
SMITHY_OPERATION = re.compile(r"/operation/(?P<operation>[A-Za-z0-9]+)$")


@dataclass(frozen=True)
class ThrottleAnswer:
    status: str
    code: str


# How AWS says "slow down" in each protocol (the EC2 and S3 codes from their API references' error lists; the
# others as botocore's throttling detector expects them, botocore/retries/standard.py).
ANSWERS: dict[Protocol, ThrottleAnswer] = {
    "ec2": ThrottleAnswer("503 Service Unavailable", "RequestLimitExceeded"),
    "s3": ThrottleAnswer("503 Slow Down", "SlowDown"),
    "query": ThrottleAnswer("400 Bad Request", "Throttling"),
    "rest-xml": ThrottleAnswer("400 Bad Request", "Throttling"),
    "json": ThrottleAnswer("400 Bad Request", "ThrottlingException"),
    "cbor": ThrottleAnswer("400 Bad Request", "ThrottlingException"),
    "rest-json": ThrottleAnswer("429 Too Many Requests", "TooManyRequestsException"),
}
MESSAGE = "Rate exceeded"

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass(frozen=True)
class Request:
    api: str
    region: str
    operation: str  # "" where the request does not name it (REST APIs): the API's own row applies
    protocol: Protocol


def describe(environ: dict[str, Any]) -> Request | None:
    """The API, region, operation and protocol of a signed request; None for an unsigned one."""
    scope = CREDENTIAL_SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
    if scope is None:
        return None
    api, region = scope["api"], scope["region"]
    if environ.get("HTTP_SMITHY_PROTOCOL"):
        match = SMITHY_OPERATION.search(environ.get("PATH_INFO", ""))
        return Request(api, region, match["operation"] if match else "", "cbor")
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        return Request(api, region, target.rsplit(".", 1)[-1], "json")
    action = _query_action(environ)
    if api == "ec2":
        return Request(api, region, action, "ec2")
    if api == "s3":
        return Request(api, region, "", "s3")
    if action:
        return Request(api, region, action, "query")
    return Request(api, region, "", "rest-xml" if api in REST_XML_APIS else "rest-json")


def _query_action(environ: dict[str, Any]) -> str:
    query = parse_qs(environ.get("QUERY_STRING", ""))
    if query.get("Action"):
        return query["Action"][0]
    if "x-www-form-urlencoded" not in environ.get("CONTENT_TYPE", ""):
        return ""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)  # put back for moto
    return (parse_qs(body.decode("utf-8", "replace")).get("Action") or [""])[0]


def error_response(protocol: Protocol) -> tuple[str, list[tuple[str, str]], bytes]:
    """(status, headers, body) of a throttling answer in `protocol`."""
    answer = ANSWERS[protocol]
    code = answer.code
    if protocol == "ec2":
        body = (f"<Response><Errors><Error><Code>{code}</Code><Message>{MESSAGE}</Message></Error></Errors>"
                "<RequestID>throttle</RequestID></Response>").encode()
        headers = [("Content-Type", "text/xml")]
    elif protocol == "s3":
        body = f"<Error><Code>{code}</Code><Message>{MESSAGE}</Message><RequestId>throttle</RequestId></Error>".encode()
        headers = [("Content-Type", "application/xml")]
    elif protocol in ("query", "rest-xml"):
        body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{MESSAGE}</Message></Error>"
                "<RequestId>throttle</RequestId></ErrorResponse>").encode()
        headers = [("Content-Type", "text/xml")]
    elif protocol == "json":
        body = f'{{"__type": "{code}", "message": "{MESSAGE}"}}'.encode()
        headers = [("Content-Type", "application/x-amz-json-1.1")]
    elif protocol == "cbor":
        body = _cbor_map({"__type": code, "message": MESSAGE})
        headers = [("Content-Type", "application/cbor"), ("Smithy-Protocol", "rpc-v2-cbor")]
    else:
        body = f'{{"message": "{MESSAGE}"}}'.encode()
        headers = [("Content-Type", "application/json"), ("x-amzn-ErrorType", code)]
    return answer.status, [*headers, ("Content-Length", str(len(body)))], body


def _cbor_map(entries: dict[str, str]) -> bytes:
    """A CBOR map of short text strings (RFC 8949: major type 5 for the map, 3 for text)."""
    return bytes([0xA0 | len(entries)]) + b"".join(_cbor_text(key) + _cbor_text(value) for key, value in entries.items())


def _cbor_text(text: str) -> bytes:
    data = text.encode()
    if len(data) < 24:
        return bytes([0x60 | len(data)]) + data
    return bytes([0x78, len(data)]) + data  # < 256 bytes: every string here


class ThrottlingMiddleware:
    """Answer a request whose bucket is empty with its protocol's throttling error (when `enabled`); count the
    requests each bucket let through and those it throttled."""

    def __init__(self, app: WSGIApp, *, enabled: bool = True, clock: Callable[[], float] = time.monotonic,
                 start_full: bool = True) -> None:
        self.app = app
        self.enabled = enabled
        self.clock = clock
        self.start_full = start_full  # False: buckets start empty (tests: throttle from the first request)
        self.passed: Counter[LimitKey] = Counter()
        self.cpu_by_operation: Counter[str] = Counter()  # moto's CPU seconds answering each operation (thread time)
        self.throttled: Counter[LimitKey] = Counter()
        self._buckets: dict[LimitKey, TokenBucket] = {}
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = describe(environ)
        if request is None:
            return self.app(environ, start_response)
        key, limit = bucket_key(request.api, request.operation, request.region)
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                tokens = float(limit.burst) if self.start_full else 0.0
                bucket = self._buckets[key] = TokenBucket(limit.rate_per_s, limit.burst, tokens, self.clock())
            admitted = self._admit(bucket) if self.enabled else True
            (self.passed if admitted else self.throttled)[key] += 1
        if admitted:
            before = time.thread_time()
            answer = self.app(environ, start_response)
            with self._lock:
                self.cpu_by_operation[f"{request.api}:{request.operation or environ.get('REQUEST_METHOD', '')}"] += (
                    time.thread_time() - before)
            return answer
        status, headers, body = error_response(request.protocol)
        start_response(status, headers)
        return [body]

    def _admit(self, bucket: TokenBucket) -> bool:
        """Take a token if there is one now; a throttled request takes none (AWS rejects it outright)."""
        if bucket.reserve(self.clock()) == 0.0:
            return True
        bucket.tokens += 1  # give back the token reserved ahead
        return False

    def reset(self) -> None:
        with self._lock:
            self.passed.clear()
            self.throttled.clear()
            self.cpu_by_operation.clear()
            self._buckets.clear()

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "throttling": self.enabled,
                "passed_by_bucket": {"|".join(key): count for key, count in sorted(self.passed.items())},
                "throttled_by_bucket": {"|".join(key): count for key, count in sorted(self.throttled.items())},
                "server_cpu_by_operation": {name: round(seconds, 3) for name, seconds in self.cpu_by_operation.most_common(15)},
            }
