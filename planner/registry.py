"""The registry of sources and targets: the one place planning and estimation reach providers from.

A lazy table, as Cloud Custodian's `resource_map` is: each entry names the
modules of one provider by string, imported on first use. Adding a target is
one row here plus its `providers/<target>/` and `stacks/<target>/` packages;
nothing in the neutral core (`planner.core`) or in a provider imports planning.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Any

from planner.core.contract import TargetMapper
from planner.core.errors import UsageError


@dataclass(frozen=True)
class TargetEntry:
    """Where a target's parts live: its mapper (`module:attribute`) and its Pulumi program package."""

    mapper: str
    stack: str


@dataclass(frozen=True)
class SourceEntry:
    """Where a source's parts live: its list prices, its resources' monthly cost and its inventory engine."""

    catalog: str
    cost: str
    inventory: str


TARGETS: dict[str, TargetEntry] = {
    "gcp": TargetEntry(mapper="providers.gcp.mapping:MAPPER", stack="stacks.gcp"),
    "aws": TargetEntry(mapper="providers.aws.mapping:MAPPER", stack="stacks.aws"),
}
SOURCES: dict[str, SourceEntry] = {
    "aws": SourceEntry(catalog="providers.aws.catalog", cost="providers.aws.source_cost",
                       inventory="providers.aws.inventory"),
}
SOURCE = "aws"  # the one source today: every inventory is an AWS account


def target_names() -> tuple[str, ...]:
    return tuple(TARGETS)


def _attribute(path: str) -> Any:
    module_name, _, attribute = path.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute) if attribute else module


@cache
def target_mapper(target: str) -> TargetMapper:
    """The target's MAPPER; a usage error for a target the registry does not list."""
    entry = TARGETS.get(target)
    if entry is None:
        raise UsageError(f"unknown target {target!r}: expected one of {', '.join(TARGETS)}")
    mapper = _attribute(entry.mapper)
    if not isinstance(mapper, TargetMapper):
        raise TypeError(f"{entry.mapper} is not a TargetMapper")
    return mapper


@cache
def source_catalog(source: str = SOURCE) -> Any:
    """The source's catalog module (list prices with their sources and dates)."""
    return _attribute(SOURCES[source].catalog)


@cache
def source_cost_module(source: str = SOURCE) -> Any:
    """The module whose `source_cost(resource)` prices a source resource per month."""
    return _attribute(SOURCES[source].cost)


def source_inventory(source: str = SOURCE) -> Any:
    """The source's inventory engine package (`scan_account`, `ScanOptions`, `specs_by_service`)."""
    return _attribute(SOURCES[source].inventory)


@cache
def region_table() -> Any:
    """The regions of every provider with their coordinates (`regions`, `great_circle_km`, `nearest_region`)."""
    return _attribute(REGIONS)


REGIONS = "providers.common.regions"
