"""Small helpers shared by the specs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar
from urllib.parse import SplitResult, urlsplit, urlunsplit

from providers.aws.inventory.context import JobContext, guarded

T = TypeVar("T")
# Both load-balancing APIs take at most 20 names/ARNs per DescribeTags call.
KEYS_PER_DESCRIBE_TAGS = 20


def chunks(values: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def ids(values: Iterable[dict[str, Any]] | None, field: str) -> list[str]:
    return [str(value[field]) for value in values or [] if value.get(field)]


def tag_value(tags: list[dict[str, Any]] | None, key: str) -> str | None:
    for tag in tags or []:
        if tag.get("Key") == key:
            return str(tag.get("Value"))
    return None


def strip_secrets_from_url(endpoint: str) -> str:
    """Drop user info, query and fragment from a URL (they may carry tokens); other strings unchanged."""
    parts = urlsplit(endpoint)
    if not parts.scheme or not parts.netloc:
        return endpoint
    return urlunsplit((parts.scheme, _host_and_port(parts), parts.path, "", ""))


def endpoint_host_only(endpoint: str) -> str:
    """A URL reduced to its scheme and host: webhook URLs (Slack, Teams, PagerDuty) carry their secret in the path."""
    parts = urlsplit(endpoint)
    if not parts.scheme or not parts.netloc:
        return endpoint
    return urlunsplit((parts.scheme, _host_and_port(parts), "", "", ""))


def _host_and_port(parts: SplitResult) -> str:
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:  # a port out of range (99999) is kept out rather than failing the scan
        port = None
    return f"{host}:{port}" if port else host


def iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else (str(value) if value is not None else None)


def describe_tags_in_batches(
    key_field: str, request_param: str, response_key: str
) -> Callable[[JobContext, list[dict[str, Any]]], list[dict[str, Any]]]:
    """An enrich step giving each item its `Tags` from DescribeTags, 20 items a call (ELB and ELBv2)."""
    def enrich(ctx: JobContext, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        client = ctx.client()
        by_key = {item[key_field]: item for item in items}
        for batch in chunks(list(by_key), KEYS_PER_DESCRIBE_TAGS):
            response = guarded(ctx, lambda batch=batch: client.describe_tags(**{request_param: batch}), {})
            for description in response.get("TagDescriptions", []):
                by_key[description[response_key]]["Tags"] = description.get("Tags", [])
        return items

    return enrich
