"""Tags that look like secrets: their values never reach an inventory (a tag `password=hunter2`, an access key id
pasted into a Name). The value is replaced by a marker; the inventory's `warnings[]` names the tag key, never the
value. Checked case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from planner.core.model.inventory import InventoryWarning, Resource

SECRET_TAG_MARKER = "[redacted: looked like a secret]"
WARNING_CODE = "secret_tag_redacted"

# Tag keys that name a secret: the value is one whatever it looks like.
SECRET_KEY_WORDS = re.compile(
    r"(?i)(?:^|[_\-.:/\s])(?:password|passwd|pwd|secret|token|api[_-]?key|private[_-]?key|credentials?"
    r"|access[_-]?key|auth[_-]?token)(?:$|[_\-.:/\s])")
# Values that are secrets whatever their key says, by their documented formats.
SECRET_VALUE_FORMATS: dict[str, re.Pattern[str]] = {
    # IAM User Guide, "IAM identifiers: unique identifiers": access key ids start AKIA (long-term), ASIA (temporary).
    "AWS access key id": re.compile(r"(?i)\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    # RFC 7468 (textual encodings of PKIX, PKCS and CMS structures): PEM private keys.
    "PEM private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    # Slack API docs, "Token types": xoxb- (bot), xoxp- (user), xoxa-, xoxr-, xoxs-.
    "Slack token": re.compile(r"\bxox[abprs]-[0-9A-Za-z-]{10,}"),
    # GitHub docs, "About authentication to GitHub: GitHub's token formats" (ghp_, gho_, ghu_, ghs_, ghr_).
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}"),
    # RFC 7519 (JSON Web Token): base64url header.payload.signature, the header starting {" -> eyJ.
    "JSON Web Token": re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+"),
    # RFC 3986 user information in a URL: scheme://user:password@host.
    "URL with a password": re.compile(r"://[^/\s:@]+:[^/\s@]+@"),
    # Incoming webhooks carry their secret in the path: Slack API docs, "Sending messages using incoming webhooks"
    # (hooks.slack.com/services/..., /workflows/..., /triggers/...); Microsoft Learn, "Create an Incoming Webhook"
    # (*.webhook.office.com/webhookb2/..., formerly outlook.office.com/webhook/...); Discord developer docs, "Webhook
    # resource" (discord.com/api/webhooks/ID/TOKEN); PagerDuty, "Events API v1" (events.pagerduty.com/integration/KEY).
    "webhook URL": re.compile(
        r"(?i)hooks\.slack\.com/(?:services|workflows|triggers)/|webhook\.office\.com/webhook|outlook\.office(?:365)?\.com/webhook"
        r"|discord(?:app)?\.com/api/webhooks/|events\.pagerduty\.com/(?:integration|x-ere)/"),
    # Signed or keyed URLs: a credential in the query (Azure Logic Apps `sig=`, S3 presigned `X-Amz-Signature=`,
    # Google Cloud signed URLs `X-Goog-Signature=`, Datadog `dd-api-key=`), whatever the value.
    "URL with a credential in its query": re.compile(
        r"(?i)[?&](?:token|access_token|client_secret|password|api[_-]?key|dd-api-key|sig|signature"
        r"|x-amz-signature|x-amz-credential|x-goog-signature|x-goog-credential)=[^&\s]"),
    # `key=` and `code=` (Google API keys, Azure Functions keys) name a secret only with a long token after them:
    # `?key=OPS` in a runbook link is not one.
    "URL with a key in its query": re.compile(r"(?i)[?&](?:key|code)=[A-Za-z0-9_\-]{20,}"),
}


def secret_kind(key: str, value: str) -> str | None:
    """Why the tag is a secret (its key, or the format its value matches), or None."""
    if value and SECRET_KEY_WORDS.search(key):
        return f"its key {key!r} names a secret"
    return next((name for name, pattern in SECRET_VALUE_FORMATS.items() if pattern.search(value)), None)


def redact_secret_tags(resources: Iterable[Resource]) -> tuple[list[Resource], list[InventoryWarning]]:
    """The resources with secret-looking tag values replaced by the marker, and one warning per tag replaced."""
    kept: list[Resource] = []
    warnings: list[InventoryWarning] = []
    for resource in resources:
        reasons = {key: secret_kind(key, value) for key, value in resource.tags.items()}
        secret = {key: reason for key, reason in reasons.items() if reason}
        if not secret:
            kept.append(resource)
            continue
        tags = {key: SECRET_TAG_MARKER if key in secret else value for key, value in resource.tags.items()}
        name = SECRET_TAG_MARKER if "Name" in secret and resource.name == resource.tags.get("Name") else resource.name
        kept.append(resource.model_copy(update={"tags": tags, "name": name}))
        warnings.extend(
            InventoryWarning(code=WARNING_CODE, key=resource.key, id=resource.id, region=resource.region,
                             message=f"tag {key!r}: value replaced ({reason})")
            for key, reason in secret.items())
    return kept, warnings
