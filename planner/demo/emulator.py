"""An AWS emulator for the demo: moto's server in this process, on loopback, on a free port.

The emulator answers real HTTP, so the demo reads it exactly as it would read
AWS: boto3, signed requests, paginators. Its credentials are dummies that live
only in the boto3 sessions made here; the user's environment is never touched.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import boto3
from botocore.config import Config

from planner.errors import PlannerError

LOOPBACK = "127.0.0.1"
# moto accepts any key pair; these make it obvious in a log that nothing real was used.
DEMO_ACCESS_KEY_ID = "AKIADEMODEMODEMO0000"
DEMO_SECRET_ACCESS_KEY = "demo-secret-key-not-a-real-credential"
# moto's default account id; resources the emulator creates carry it in their ARNs.
DEMO_ACCOUNT_ID = "123456789012"

_CLIENT_CONFIG = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=60)


@dataclass(frozen=True)
class Emulator:
    """A running emulator: where it listens and how to talk to it."""

    endpoint_url: str
    account_id: str = DEMO_ACCOUNT_ID

    def session(self, region: str) -> boto3.session.Session:
        """A boto3 session with the demo's dummy credentials, independent of the user's profile."""
        return boto3.session.Session(
            aws_access_key_id=DEMO_ACCESS_KEY_ID,
            aws_secret_access_key=DEMO_SECRET_ACCESS_KEY,
            region_name=region,
        )

    def client(self, service: str, region: str):  # noqa: ANN201 - boto3 clients have no static type
        return self.session(region).client(service, endpoint_url=self.endpoint_url, config=_CLIENT_CONFIG)


@contextmanager
def running_emulator() -> Iterator[Emulator]:
    """Start moto's server on 127.0.0.1 at a port the OS picks; stop it on exit."""
    _quiet_request_logs()
    server = _server_class()(ip_address=LOOPBACK, port=0, verbose=False)
    server.start()
    if server.startup_error is not None:
        error = server.startup_error
        raise PlannerError(f"cannot start the AWS emulator on {LOOPBACK}: {getattr(error, 'strerror', None) or error}")
    host, port = server.get_host_and_port()
    endpoint_url = f"http://{host}:{port}"
    try:
        _reset_state(endpoint_url)
        yield Emulator(endpoint_url=endpoint_url)
    finally:
        try:
            _reset_state(endpoint_url)
        finally:
            server.stop()


def _server_class() -> type:
    """moto's threaded server, made to report a failed bind instead of waiting for it forever."""
    from moto.server import ThreadedMotoServer  # heavy import: only when the demo runs

    class LoopbackMotoServer(ThreadedMotoServer):
        startup_error: BaseException | None = None

        def _server_entry(self) -> None:
            try:
                super()._server_entry()
            except Exception as exc:  # noqa: BLE001 - handed to the caller of start()
                self.startup_error = exc
                self._server_ready_event.set()

    return LoopbackMotoServer


def _reset_state(endpoint_url: str) -> None:
    """Empty the emulated account. moto keeps its state per process, not per server, so the
    demo starts from nothing and leaves nothing behind for other users of moto in this process."""
    request = urllib.request.Request(f"{endpoint_url}/moto-api/reset", data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own loopback server
        json.loads(response.read() or b"{}")


# What boto3 would otherwise pick up from the user's shell or ~/.aws and use instead of
# the demo's credentials (a profile, an SSO session, a session token).
_ISOLATED_VARIABLES: dict[str, str | None] = {
    "AWS_ACCESS_KEY_ID": DEMO_ACCESS_KEY_ID,
    "AWS_SECRET_ACCESS_KEY": DEMO_SECRET_ACCESS_KEY,
    "AWS_SESSION_TOKEN": None,
    "AWS_SECURITY_TOKEN": None,
    "AWS_PROFILE": None,
    "AWS_DEFAULT_PROFILE": None,
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": None,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}


@contextmanager
def demo_credentials() -> Iterator[None]:
    """Point the standard credential chain at the demo's dummy keys, and only for the block.

    For code that builds its own boto3 session (the inventory scan). The previous
    values come back on exit, so the user's environment is left as it was.
    """
    saved = {name: os.environ.get(name) for name in _ISOLATED_VARIABLES}
    try:
        _apply(_ISOLATED_VARIABLES)
        yield
    finally:
        _apply(saved)


def _apply(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def _quiet_request_logs() -> None:
    """werkzeug logs one line per request; the demo makes thousands."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
