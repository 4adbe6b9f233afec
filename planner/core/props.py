"""Reading props of any shape: an inventory is schema-valid with props of any type, and a wrong type reads as
absent, never as a crash."""

from __future__ import annotations

from typing import Any


def mapping_prop(props: dict[str, Any], name: str) -> dict[str, Any]:
    """The prop as a mapping; a prop of another type (a number where a mapping belongs) reads as empty."""
    value = props.get(name)
    return value if isinstance(value, dict) else {}


def bytes_by_storage_class(props: dict[str, Any]) -> dict[str, Any]:
    """A bucket's bytes per storage class: all STANDARD when the inventory holds only a total."""
    return mapping_prop(props, "storage_class_bytes") or {"STANDARD": props.get("size_bytes") or 0}
