"""Source ids found inside other resources' settings: integration URIs, rule targets, definitions, mappings.

Each helper turns what AWS writes there (a qualified Lambda ARN, an invocation URI, a DynamoDB
stream ARN, an SQS queue URL) into the id the inventory gives the resource itself, so that it
can be a ref.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from providers.aws.inventory.context import JobContext

# A Lambda function ARN, possibly qualified (`:alias`, `:3`) or inside an invocation URI.
FUNCTION_ARN = re.compile(r"arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+")
# A DynamoDB stream ARN: the table's ARN followed by /stream/<label>.
TABLE_STREAM_SUFFIX = re.compile(r"/stream/[^/]+$")
# SQS queue URLs: https://sqs.<region>.amazonaws.com/<account>/<name> (or the legacy <region>.queue host).
QUEUE_URL_PATH = re.compile(r"^/(?P<account>\d{12})/(?P<name>[A-Za-z0-9_.-]+)$")
QUEUE_HOST_REGION = re.compile(r"^(?:sqs\.(?P<a>[a-z0-9-]+)\.|(?P<b>[a-z0-9-]+)\.queue\.)")
ARN_PREFIX = "arn:"


def function_arn(text: str | None) -> str | None:
    """The unqualified ARN of the Lambda function named in `text` (an ARN, a URI), or None."""
    found = FUNCTION_ARN.search(text or "")
    return found.group(0) if found else None


def queue_arn(url: str | None, ctx: JobContext) -> str | None:
    """The ARN of the SQS queue at `url`, or None when `url` is no queue URL."""
    parts = urlsplit(url or "")
    path = QUEUE_URL_PATH.match(parts.path or "")
    if not parts.scheme.startswith("http") or path is None:
        return None
    host = QUEUE_HOST_REGION.match(parts.hostname or "")
    region = (host.group("a") or host.group("b")) if host else ctx.region
    return f"arn:{ctx.partition}:sqs:{region}:{path.group('account')}:{path.group('name')}"


def resource_id(text: str | None, ctx: JobContext) -> str | None:
    """The inventory id of the resource an ARN or URL names: functions unqualified, streams as their table."""
    if not text:
        return None
    if not text.startswith(ARN_PREFIX):
        return queue_arn(text, ctx)
    if ":lambda:" in text:
        return function_arn(text)
    if ":dynamodb:" in text:
        return TABLE_STREAM_SUFFIX.sub("", text)
    return text


def arn_service(arn: str | None) -> str | None:
    """The service of an ARN (`lambda`, `sqs`, `states`...), or None."""
    parts = (arn or "").split(":")
    return parts[2] if len(parts) > 2 and parts[0] == "arn" else None
