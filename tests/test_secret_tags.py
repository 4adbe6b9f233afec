"""The table of secret-looking tags (planner/core/secret_tags.py): what it catches and what it lets through."""

from __future__ import annotations

import pytest

from planner.core.model.inventory import Resource
from planner.core.secret_tags import SECRET_TAG_MARKER, redact_secret_tags, secret_kind


@pytest.mark.parametrize(("key", "value"), [
    ("password", "hunter2"), ("DB_PASSWORD", "x"), ("ApiKey", "k"), ("GITHUB_TOKEN", "t"), ("private-key", "p"),
    ("Name", "backup of AKIAIOSFODNN7EXAMPLE"), ("note", "akiaiosfodnn7example"),  # lowercased still caught
    ("ssh", "-----BEGIN OPENSSH PRIVATE KEY-----"), ("bot", "xoxb-123456789012-abcdefghij"),
    ("ci", "ghp_" + "a" * 36), ("session", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJl"),
    ("dsn", "mysql://app:s3cret@db.internal:3306/app"),
    ("alerts", "https://hooks.slack.com/services/T000/B000/XXXXXXXX"),
    ("teams", "https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/0123/4567"),
    ("chat", "https://discord.com/api/webhooks/123/secret-token"),
    ("oncall", "https://events.pagerduty.com/integration/0123456789abcdef/enqueue"),
    ("flow", "https://prod.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=abc"),
    ("export", "https://bucket.s3.amazonaws.com/a?X-Amz-Signature=abcd"),
    ("gcs", "https://storage.googleapis.com/b/o?X-Goog-Signature=abcd&X-Goog-Date=1"),
    ("maps", "https://maps.googleapis.com/maps/api/js?key=AIzaSyD-0123456789abcdefghijklmnopq"),
    ("fn", "https://app.azurewebsites.net/api/hook?code=abcdefghijklmnopqrstuvwxyz0123=="),
    ("oauth", "https://login.example.com/cb?client_secret=s3cr3t"),
])
def test_secrets_are_caught_by_key_or_by_format(key: str, value: str) -> None:
    assert secret_kind(key, value)


@pytest.mark.parametrize(("key", "value"), [
    ("Name", "web-1"), ("team", "auth"), ("authors", "ada"), ("tokenizer", "bpe"), ("url", "https://example.com/a"),
    ("docs", "https://api.slack.com/messaging/webhooks"), ("search", "https://example.com/?q=keys&page=2"),
    ("runbook", "https://wiki.example.com/runbook?key=OPS"), ("sheet", "https://example.com/view?code=42"),
    ("password", ""),  # an empty value holds nothing
])
def test_ordinary_tags_pass(key: str, value: str) -> None:
    assert secret_kind(key, value) is None


def test_only_the_secret_tags_are_replaced_and_each_is_warned_by_key() -> None:
    resource = Resource(key="aws.ec2.instance", id="i-0abc", region="us-east-1", name="AKIAIOSFODNN7EXAMPLE",
                        tags={"Name": "AKIAIOSFODNN7EXAMPLE", "token": "abc", "env": "prod"})
    (kept,), warnings = redact_secret_tags([resource])
    assert kept.tags == {"Name": SECRET_TAG_MARKER, "token": SECRET_TAG_MARKER, "env": "prod"}
    assert kept.name == SECRET_TAG_MARKER
    assert sorted(w.message.split("'")[1] for w in warnings) == ["Name", "token"]
    assert all("AKIA" not in w.message and "abc" not in w.message for w in warnings)
