"""moto's server on 127.0.0.1 behind a WSGI middleware that counts requests and adds latency.

Real AWS answers in tens of milliseconds; moto answers in a few from one
process, so concurrency only shows its worth with latency added. The count is
taken at the server, so it is the same figure for the planner and the baseline
whatever their clients do (retries included).

Control endpoints, answered by the middleware and never counted:
    GET  /__bench__/stats               {"requests": N, "by_service": {...}}
    POST /__bench__/reset               zero the counters
    POST /__bench__/latency?ms=50       set the added latency
    POST /__bench__/throttle?on=1       throttle at AWS's rates (bench/throttle.py); on=0 to stop

Run as a subprocess so the server's CPU does not share the client's GIL:
    python -m bench.moto_server [--port 0]   prints {"port": N} then serves
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs
from urllib.request import Request, urlopen

LOOPBACK = "127.0.0.1"
CONTROL_PREFIX = "/__bench__/"
# The SigV4 credential scope names the service: Credential=AKID/20240101/us-east-1/ec2/aws4_request
_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class CountingLatencyMiddleware:
    """Count every AWS request (per service and region) and sleep `latency_s` before answering it; behind it, the
    throttling front (bench/throttle.py), off unless asked for, which counts the requests per rate bucket."""

    def __init__(self, app: WSGIApp, latency_s: float = 0.0, sleep: Callable[[float], None] = time.sleep,
                 throttling: bool = False) -> None:
        from bench.throttle import ThrottlingMiddleware

        self.throttle = ThrottlingMiddleware(app, enabled=throttling)
        self.app: WSGIApp = self.throttle
        self.latency_s = latency_s
        self.sleep = sleep
        self._lock = threading.Lock()
        self.requests = 0
        self.by_service: Counter[str] = Counter()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(CONTROL_PREFIX):
            return self._control(path[len(CONTROL_PREFIX):], environ, start_response)
        self._count(environ)
        if self.latency_s > 0:
            self.sleep(self.latency_s)
        return self.app(environ, start_response)

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": self.requests,
                "by_service": dict(sorted(self.by_service.items())),
                "latency_ms": self.latency_s * 1000,
                "server_cpu_s": time.process_time(),  # the whole server process: compare two readings
                **self.throttle.stats(),
            }

    def reset(self) -> None:
        with self._lock:
            self.requests = 0
            self.by_service.clear()
        self.throttle.reset()

    def _count(self, environ: dict[str, Any]) -> None:
        match = _SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
        label = f"{match['service']}/{match['region']}" if match else "unsigned"
        with self._lock:
            self.requests += 1
            self.by_service[label] += 1

    def _control(self, action: str, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if action == "reset":
            self.reset()
        elif action == "latency":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            self.latency_s = float(query.get("ms", ["0"])[0]) / 1000
        elif action == "throttle":
            self.throttle.enabled = parse_qs(environ.get("QUERY_STRING", "")).get("on", ["1"])[0] == "1"
        elif action != "stats":
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"unknown bench control action\n"]
        body = json.dumps(self.stats()).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]


@dataclass
class BenchServer:
    """A running moto server with its middleware, in this process (threads)."""

    endpoint_url: str
    middleware: CountingLatencyMiddleware
    _server: Any
    _thread: threading.Thread

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)


def start_in_process(port: int = 0, latency_s: float = 0.0, sleep: Callable[[float], None] = time.sleep) -> BenchServer:
    """Serve moto's app through the middleware with werkzeug's threaded server, as moto's ThreadedMotoServer does."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    middleware = CountingLatencyMiddleware(DomainDispatcherApplication(create_backend_app), latency_s, sleep)
    server = make_server(LOOPBACK, port, middleware, threaded=True, request_handler=MotoRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="bench-moto", daemon=True)
    thread.start()
    return BenchServer(f"http://{LOOPBACK}:{server.server_address[1]}", middleware, server, thread)


class RemoteControl:
    """The control endpoints of a server running in another process."""

    def __init__(self, endpoint_url: str) -> None:
        self.endpoint_url = endpoint_url

    def stats(self) -> dict[str, Any]:
        return self._call("GET", "stats")

    def reset(self) -> None:
        self._call("POST", "reset")

    def set_latency_ms(self, milliseconds: float) -> None:
        self._call("POST", f"latency?ms={milliseconds}")

    def set_throttling(self, enabled: bool) -> None:
        self._call("POST", f"throttle?on={int(enabled)}")

    def _call(self, method: str, action: str) -> dict[str, Any]:
        request = Request(f"{self.endpoint_url}{CONTROL_PREFIX}{action}", method=method, data=b"" if method == "POST" else None)
        with urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
            return json.loads(response.read())


@contextmanager
def server_subprocess(python: str = sys.executable) -> Any:
    """Start `python -m bench.moto_server` and yield its RemoteControl; stop it on exit."""
    import subprocess

    process = subprocess.Popen(
        [python, "-m", "bench.moto_server", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line:
            raise RuntimeError("the moto server subprocess exited before it listened")
        port = json.loads(line)["port"]
        yield RemoteControl(f"http://{LOOPBACK}:{port}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    server = start_in_process(args.port, args.latency_ms / 1000)
    print(json.dumps({"port": int(server.endpoint_url.rsplit(":", 1)[1])}), flush=True)
    try:
        while server._thread.is_alive():  # noqa: SLF001 - our own dataclass
            server._thread.join(timeout=1)  # noqa: SLF001
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
