"""The demo's embedded AWS emulator: loopback only, a free port, a clean account, a clean exit."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlparse

import pytest

from planner.demo.emulator import DEMO_ACCESS_KEY_ID, demo_credentials, running_emulator


def _accepts_connections(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def test_emulator_listens_on_loopback_and_stops_on_exit() -> None:
    with running_emulator() as emulator:
        url = urlparse(emulator.endpoint_url)
        assert url.scheme == "http" and url.hostname == "127.0.0.1"
        assert url.port and url.port > 0
        identity = emulator.client("sts", "us-east-1").get_caller_identity()
        assert identity["Account"] == emulator.account_id
        assert _accepts_connections(url.hostname, url.port)
    assert not _accepts_connections(url.hostname, url.port)


def test_each_emulator_starts_from_an_empty_account() -> None:
    with running_emulator() as first:
        first.client("s3", "us-east-1").create_bucket(Bucket="left-behind")
        assert len(first.client("s3", "us-east-1").list_buckets()["Buckets"]) == 1
    with running_emulator() as second:
        assert second.client("s3", "us-east-1").list_buckets()["Buckets"] == []


def test_demo_sessions_ignore_the_users_aws_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_PROFILE", "a-profile-that-does-not-exist")
    with running_emulator() as emulator:
        assert emulator.client("sts", "eu-west-1").get_caller_identity()["Account"] == emulator.account_id


def test_demo_credentials_are_set_only_inside_the_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "the-users-own-key")
    monkeypatch.setenv("AWS_PROFILE", "production")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    with demo_credentials():
        assert os.environ["AWS_ACCESS_KEY_ID"] == DEMO_ACCESS_KEY_ID
        assert "AWS_PROFILE" not in os.environ
    assert os.environ["AWS_ACCESS_KEY_ID"] == "the-users-own-key"
    assert os.environ["AWS_PROFILE"] == "production"
    assert "AWS_SESSION_TOKEN" not in os.environ


def test_the_users_environment_comes_back_when_the_emulator_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_PROFILE", "production")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    with running_emulator():
        assert os.environ["AWS_ACCESS_KEY_ID"] == DEMO_ACCESS_KEY_ID
        assert "AWS_PROFILE" not in os.environ
    assert os.environ["AWS_PROFILE"] == "production"
    assert "AWS_ACCESS_KEY_ID" not in os.environ
