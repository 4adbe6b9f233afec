"""Small helpers shared by the specs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

T = TypeVar("T")


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
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else (str(value) if value is not None else None)
