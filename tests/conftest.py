"""Shared fixtures: moto's server on 127.0.0.1 (real HTTP), fake AWS credentials.

`moto_server` yields the base URL of a clean emulator (state and IAM enforcement
reset before each test). Modules that seed once and only read use
`moto_server_url` (the same server, not reset) from a module-scoped fixture and
call `reset_moto` themselves first.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest
import requests
from hypothesis import HealthCheck, settings
from moto.server import ThreadedMotoServer

# Hypothesis: in CI (CI=true) 200 examples for tests that do not set their own count, and the same
# examples on every run (derandomize), so that a red CI is reproducible; fewer locally.
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile("ci" if os.environ.get("CI", "").lower() in {"1", "true", "yes"} else "dev")

FAKE_AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": "/nonexistent/planner-tests/aws-config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/planner-tests/aws-credentials",
    "AWS_EC2_METADATA_DISABLED": "true",
}
UNSET_AWS_ENVIRONMENT = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_REGION")


@pytest.fixture(scope="session")
def fake_aws_credentials() -> Iterator[None]:
    """Credentials that can only ever reach the emulator."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in FAKE_AWS_ENVIRONMENT.items():
            patch.setenv(name, value)
        for name in UNSET_AWS_ENVIRONMENT:
            patch.delenv(name, raising=False)
        yield


@pytest.fixture(scope="session")
def moto_server_url(fake_aws_credentials: None) -> Iterator[str]:
    """One moto server per test worker, over real HTTP on loopback."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def reset_moto(url: str) -> None:
    """Forget every resource and turn IAM enforcement back off."""
    requests.post(f"{url}/moto-api/reset", timeout=30).raise_for_status()
    requests.post(f"{url}/moto-api/reset-auth", data=b"inf", timeout=30).raise_for_status()


@pytest.fixture
def moto_server(moto_server_url: str) -> Iterator[str]:
    """The base URL of a moto server with no resources in it (reset before each test)."""
    reset_moto(moto_server_url)
    yield moto_server_url
