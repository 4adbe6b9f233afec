"""Fresh-AWS target specs: the base models, and reading a plan item's `target` back as its model.

One pydantic model per target type, each in the kind module that returns it
(`providers/aws/kinds/<module>.py`, its `SPECS`); a plan item's `target` is
`Spec.model_dump()` and `stacks/aws` reads it back with `parse_spec`. Every
reference to another plan item is a plan item id held in a field whose name
ends in `_item` (one id) or `_items` (a list), so `item_refs()` finds them all
without a per-type list; source AWS ids never appear in a spec.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from providers.common.kinds import spec_types

KINDS_PACKAGE = "providers.aws.kinds"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def item_refs(self) -> list[str]:
        """Plan item ids this part refers to, in field order, without duplicates."""
        found: list[str] = []
        for field_name in type(self).model_fields:
            found.extend(_refs_of(field_name, getattr(self, field_name)))
        return list(dict.fromkeys(found))


def _refs_of(field_name: str, value: Any) -> list[str]:
    if isinstance(value, _Part):
        return value.item_refs()
    if isinstance(value, list):
        nested = [ref for entry in value if isinstance(entry, _Part) for ref in entry.item_refs()]
        if field_name.endswith("_items"):
            return [entry for entry in value if isinstance(entry, str)] + nested
        return nested
    if field_name.endswith("_item") and isinstance(value, str):
        return [value]
    return []


class Spec(_Part):
    """Fields every target spec carries."""

    type: str
    name: str
    region: str
    tags: dict[str, str] = Field(default_factory=dict)


def parse_spec(target: dict[str, Any]) -> Spec:
    """A plan item's `target` dict back as its spec model (ValueError for an unknown type)."""
    spec_type = target.get("type")
    spec_class = spec_types(KINDS_PACKAGE).get(str(spec_type))
    if spec_class is None:
        raise ValueError(f"unknown AWS target type {spec_type!r}")
    return spec_class.model_validate(target)


def __getattr__(name: str) -> dict[str, type[Spec]]:
    """`SPEC_TYPES`, spec type -> model over every kind module: gathered on first use (they import this module)."""
    if name == "SPEC_TYPES":
        return spec_types(KINDS_PACKAGE)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
