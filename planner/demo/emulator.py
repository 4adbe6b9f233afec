"""An AWS emulator for the demo: moto's server in this process, on loopback, on a free port.

The emulator answers real HTTP, so the demo reads it exactly as it would read
AWS: boto3, signed requests, paginators. Its credentials are dummies. The
sessions made here get them directly; code that follows the standard credential
chain (the inventory scan, moto's own server) finds them in the environment
while the emulator runs, and the user's variables come back when it stops.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import boto3
import botocore.session
from botocore.config import Config

from planner.core.errors import PlannerError

LOOPBACK = "127.0.0.1"
# moto accepts any key pair; these make it obvious in a log that nothing real was used.
DEMO_ACCESS_KEY_ID = "AKIADEMODEMODEMO0000"
DEMO_SECRET_ACCESS_KEY = "demo-secret-key-not-a-real-credential"
# moto's default account id; resources the emulator creates carry it in their ARNs.
DEMO_ACCOUNT_ID = "123456789012"

_CLIENT_CONFIG = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=60)


@dataclass
class Emulator:
    """A running emulator: where it listens and how to talk to it."""

    endpoint_url: str
    account_id: str = DEMO_ACCOUNT_ID
    _clients: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)
    _session: boto3.session.Session | None = field(default=None, repr=False)

    def session(self) -> boto3.session.Session:
        """A boto3 session with the demo's dummy credentials that reads nothing of the user's
        AWS setup: no AWS_PROFILE, no ~/.aws/config or credentials file."""
        if self._session is None:
            core = botocore.session.Session()
            settings = core.get_component("config_store")
            # Overrides on the config store win over environment variables, including a None profile.
            for name, value in (("config_file", os.devnull), ("credentials_file", os.devnull), ("profile", None)):
                settings.set_config_variable(name, value)
            self._session = boto3.session.Session(
                aws_access_key_id=DEMO_ACCESS_KEY_ID,
                aws_secret_access_key=DEMO_SECRET_ACCESS_KEY,
                region_name="us-east-1",
                botocore_session=core,
            )
        return self._session

    def client(self, service: str, region: str) -> Any:  # boto3 clients have no static type
        """One cached client per (service, region); building a client costs more than most calls."""
        if (service, region) not in self._clients:
            self._clients[(service, region)] = self.session().client(
                service, region_name=region, endpoint_url=self.endpoint_url, config=_CLIENT_CONFIG)
        return self._clients[(service, region)]


@contextmanager
def running_emulator() -> Iterator[Emulator]:
    """Start moto's server on 127.0.0.1 at a port the OS picks; stop it on exit.

    The demo's credentials are in the environment for as long as the emulator runs:
    moto itself builds a boto3 session in the server, which an AWS_PROFILE naming
    a profile of another machine would break, and the inventory scan follows the
    standard credential chain. The user's variables come back on exit.
    """
    _quiet_request_logs()
    with demo_credentials():
        server = _server_class()(ip_address=LOOPBACK, port=0, verbose=False)
        server.start()
        if server.startup_error is not None:
            raise PlannerError(f"cannot start the AWS emulator on {LOOPBACK}: {_describe(server.startup_error)}")
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
            except BaseException as exc:  # noqa: BLE001 - werkzeug exits (SystemExit) on a failed bind
                self.startup_error = exc
                self._server_ready_event.set()

    return LoopbackMotoServer


def _describe(error: BaseException) -> str:
    if isinstance(error, SystemExit):  # werkzeug has printed the reason on stderr already
        return "no port could be bound"
    return getattr(error, "strerror", None) or str(error)


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

    The previous values come back on exit, so the user's environment is left as it was.
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
