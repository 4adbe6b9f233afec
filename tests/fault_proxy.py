"""A fault-injecting front for moto's server: the same app over real HTTP on loopback, with rules that answer some
requests with throttling, 5xx, auth or expired-token errors, garbage or truncated bodies, or a dropped connection: the socket
closed before any answer (`dropped`) or in the middle of one (`cut`). A dropped socket fails at once, so a test waits
only for botocore's retries (keep them few: providers.aws.inventory.session.MAX_ATTEMPTS).

A rule matches a request by service and region (from its SigV4 credential scope), and by operation (the query
`Action`, the JSON `X-Amz-Target` operation, or an S3 sub-resource such as `versioning`); `times` bounds how many
requests it hits (None: every one). Error bodies are spelled as each protocol spells them, so that botocore parses
them as it parses AWS's.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qs

from werkzeug.serving import make_server

SCOPE = re.compile(r"Credential=[^/]+/\d{8}/(?P<region>[a-z0-9-]+)/(?P<service>[a-z0-9-]+)/aws4_request")
Kind = Literal["error", "garbage", "truncated", "dropped", "cut"]
# Service signing names whose APIs speak the query protocol with EC2's own error shape.
EC2_STYLE = frozenset({"ec2"})
# Signing names of REST APIs with JSON bodies (no X-Amz-Target header to tell them by).
REST_JSON = frozenset({"lambda", "apigateway", "eks", "elasticfilesystem"})


@dataclass
class Fault:
    service: str
    kind: Kind = "error"
    region: str | None = None
    operation: str | None = None
    status: int = 400
    code: str = "Throttling"
    message: str = "injected by tests/fault_proxy.py"
    times: int | None = None
    hits: int = 0
    # REST APIs (Route 53, CloudFront, Lambda) name the operation by method and path: a regex searched in
    # "METHOD /path?query", e.g. r"GET /2013-04-01/hostedzone/Z123/rrset"
    request: str | None = None

    def matches(self, service: str, region: str, operation: str, request_line: str = "") -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        return (self.service == service and (self.region is None or self.region == region)
                and (self.operation is None or self.operation == operation)
                and (self.request is None or re.search(self.request, request_line) is not None))


@dataclass
class FaultInjector:
    """WSGI middleware: a matching request gets its fault, the others reach moto."""

    app: Any
    faults: list[Fault] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        body = _read_body(environ)
        service, region, operation = _describe(environ, body)
        request_line = f"{environ.get('REQUEST_METHOD', '')} {environ.get('PATH_INFO', '')}?{environ.get('QUERY_STRING', '')}"
        with self._lock:
            fault = next((fault for fault in self.faults
                          if fault.matches(service, region, operation, request_line)), None)
            if fault is not None:
                fault.hits += 1
        if fault is None:
            return self.app(environ, start_response)
        return _answer(fault, service, environ, start_response)


def _read_body(environ: dict[str, Any]) -> bytes:
    """Read the body and put it back, so that moto reads it too."""
    import io

    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def _describe(environ: dict[str, Any], body: bytes) -> tuple[str, str, str]:
    scope = SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
    service, region = (scope["service"], scope["region"]) if scope else ("", "")
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        return service, region, target.rsplit(".", 1)[-1]
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    form = parse_qs(body.decode("utf-8", "replace")) if body and b"=" in body[:200] else {}
    action = (query.get("Action") or form.get("Action") or [""])[0]
    if action:
        return service, region, action
    return service, region, next(iter(query), "")  # S3: the sub-resource (versioning, tagging...), or ""


def _error_body(fault: Fault, service: str, json_protocol: bool) -> tuple[bytes, str]:
    if json_protocol:
        return (f'{{"__type": "{fault.code}", "message": "{fault.message}"}}'.encode(), "application/x-amz-json-1.1")
    if service in EC2_STYLE:
        return (f"<Response><Errors><Error><Code>{fault.code}</Code><Message>{fault.message}</Message></Error></Errors>"
                "<RequestID>fault</RequestID></Response>").encode(), "text/xml"
    if service == "s3":
        return f"<Error><Code>{fault.code}</Code><Message>{fault.message}</Message></Error>".encode(), "application/xml"
    return (f"<ErrorResponse><Error><Type>Sender</Type><Code>{fault.code}</Code><Message>{fault.message}</Message>"
            "</Error><RequestId>fault</RequestId></ErrorResponse>").encode(), "text/xml"


def _hang_up(environ: dict[str, Any]) -> None:
    """Close the connection under the server (werkzeug's own socket): the client reads end of file."""
    connection = environ["werkzeug.socket"]
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)


def _cut_short(environ: dict[str, Any]) -> Iterator[bytes]:
    """The status, the headers and a first piece of a 4,000-byte body, then the connection closes."""
    yield b"<?xml version='1.0'?><DescribeInstancesResponse><reservationSet><item>"
    _hang_up(environ)


def _answer(fault: Fault, service: str, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    json_protocol = bool(environ.get("HTTP_X_AMZ_TARGET"))
    if fault.kind == "dropped":
        _hang_up(environ)
        start_response("200 OK", [("Content-Length", "0")])  # written to a closed socket: werkzeug lets it go
        return []
    if fault.kind == "cut":
        start_response("200 OK", [("Content-Type", "text/xml"), ("Content-Length", "4000")])
        return _cut_short(environ)
    if fault.kind == "garbage":
        start_response("200 OK", [("Content-Type", "text/xml" if not json_protocol else "application/x-amz-json-1.1")])
        return [b"\x00\xffnot a response <<<" + b"x" * 64]
    if fault.kind == "truncated" and (json_protocol or service in REST_JSON):
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", "400")])
        return [b'{"Items": [{"Name": "half-a-page'] if json_protocol else [b'{"Functions": [{"FunctionName": "half']
    if fault.kind == "truncated":
        start_response("200 OK", [("Content-Type", "text/xml"), ("Content-Length", "400")])
        return [b"<?xml version='1.0'?><DescribeInstancesResponse><reservationSet><item>"]
    body, content_type = _error_body(fault, service, json_protocol)
    headers = [("Content-Type", content_type), ("x-amzn-ErrorType", fault.code)]
    start_response(f"{fault.status} Injected", headers)
    return [body]


@contextmanager
def fault_server(faults: list[Fault]) -> Iterator[tuple[str, FaultInjector]]:
    """moto's server behind the injector, on a free loopback port; yields (endpoint URL, injector)."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app

    logging.getLogger("werkzeug").setLevel(logging.CRITICAL)
    injector = FaultInjector(DomainDispatcherApplication(create_backend_app), faults)
    server = make_server("127.0.0.1", 0, injector, threaded=True, request_handler=MotoRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="fault-moto", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", injector
    finally:
        server.shutdown()
        thread.join(timeout=10)
