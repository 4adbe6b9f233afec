"""One resource per (key, id): the copies of a resource the API returned more than once, merged.

AWS now and then lists the same resource twice (a Route 53 record set on two
pages of one listing, a resource seen from two regions); hand-made inventories
repeat too. The first copy wins field by field, refs and tags are unioned, and
props missing (or null) in the first copy are filled from the later ones. When
the copies differ, a `merged_repeat` warning names the fields that differ,
never their values (a value may be anything the account holds).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from planner.core.model.inventory import Inventory, InventoryWarning, Resource

MERGED_REPEAT = "merged_repeat"
MAX_FIELDS_NAMED = 12  # a warning names at most this many differing fields, then counts the rest
MAX_FIELD_NAME = 60  # a tag key or prop name longer than this is shortened in the warning
PLAIN_FIELDS: tuple[str, ...] = ("region", "name", "arn")  # first copy wins; a difference is named

Identity = tuple[str, str]


def merge_repeats(resources: Iterable[Resource]) -> tuple[list[Resource], list[InventoryWarning]]:
    """`resources` with one resource per (key, id), in first-seen order, and a warning per merge that lost data."""
    merged: dict[Identity, Resource] = {}
    differing: dict[Identity, list[str]] = {}
    copies: dict[Identity, int] = {}
    for resource in resources:
        identity = (resource.key, resource.id)
        first = merged.get(identity)
        copies[identity] = copies.get(identity, 0) + 1
        if first is None:
            merged[identity] = resource
            continue
        merged[identity], fields = merge_pair(first, resource)
        differing.setdefault(identity, [])
        differing[identity].extend(field for field in fields if field not in differing[identity])
    warnings = [_warning(merged[identity], copies[identity], fields) for identity, fields in differing.items() if fields]
    return list(merged.values()), warnings


def merge_inventory(inventory: Inventory) -> Inventory:
    """`inventory` with its repeats merged and their warnings added (the same object when nothing repeats)."""
    resources, warnings = merge_repeats(inventory.resources)
    if len(resources) == len(inventory.resources):
        return inventory
    return inventory.model_copy(update={"resources": resources, "warnings": [*inventory.warnings, *warnings]})


def merge_pair(first: Resource, later: Resource) -> tuple[Resource, list[str]]:
    """`first` completed by `later` (a copy with the same key and id), and the names of the fields they differ in."""
    differing = [field for field in PLAIN_FIELDS if getattr(later, field) != getattr(first, field)
                 and getattr(later, field) is not None]
    props, prop_fields = _merged_mapping(first.props, later.props, "props")
    tags, tag_fields = _merged_mapping(first.tags, later.tags, "tags")
    refs = list(dict.fromkeys([*first.refs, *later.refs]))
    if refs != first.refs:
        differing.append("refs")
    extra, extra_fields = _merged_mapping(first.model_extra or {}, later.model_extra or {}, "")
    update: dict[str, Any] = {"props": props, "tags": tags, "refs": refs, **extra}
    if first.arn is None and later.arn is not None:
        update["arn"] = later.arn
    return first.model_copy(update=update), [*differing, *prop_fields, *tag_fields, *extra_fields]


def _merged_mapping(first: dict[str, Any], later: dict[str, Any], prefix: str) -> tuple[dict[str, Any], list[str]]:
    """`first` with the entries it lacks (absent or null) taken from `later`; the names of entries that differ."""
    merged = dict(first)
    differing: list[str] = []
    for name, value in later.items():
        if merged.get(name) is None:
            if value is not None:
                merged[name] = value
                differing.append(_field_name(prefix, name))
        elif value != merged[name]:
            differing.append(_field_name(prefix, name))
    return merged, differing


def _field_name(prefix: str, name: str) -> str:
    short = name if len(name) <= MAX_FIELD_NAME else name[: MAX_FIELD_NAME - 1] + "…"
    return f"{prefix}.{short}" if prefix else short


def _warning(resource: Resource, copies: int, fields: list[str]) -> InventoryWarning:
    named = ", ".join(fields[:MAX_FIELDS_NAMED])
    more = f" and {len(fields) - MAX_FIELDS_NAMED} more" if len(fields) > MAX_FIELDS_NAMED else ""
    return InventoryWarning(
        code=MERGED_REPEAT,
        key=resource.key,
        id=resource.id,
        region=resource.region,
        message=f"{copies} copies of this resource merged into one (the first copy wins field by field; refs and "
                f"tags unioned; props it lacks filled from the others); the copies differ in: {named}{more}",
    )
