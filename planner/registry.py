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
from planner.core.serving import ServingRule


@dataclass(frozen=True)
class TargetEntry:
    """Where a target's parts live: its mapper (`module:attribute`), its Pulumi program package, its serving rules."""

    mapper: str
    stack: str
    serving_rules: str


@dataclass(frozen=True)
class SourceEntry:
    """Where a source's parts live: its list prices, its resources' monthly cost and its inventory engine."""

    catalog: str
    cost: str
    inventory: str


TARGETS: dict[str, TargetEntry] = {
    "gcp": TargetEntry(mapper="providers.gcp.mapping:MAPPER", stack="stacks.gcp",
                       serving_rules="providers.gcp.serving:RULES"),
    "aws": TargetEntry(mapper="providers.aws.mapping:MAPPER", stack="stacks.aws",
                       serving_rules="providers.aws.serving:RULES"),
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


def serving_rules(target: str) -> tuple[ServingRule, ...]:
    """The target's serving rules (providers/<target>/serving.py), checked by `planner preview` and the policy pack."""
    if target not in TARGETS:
        raise UsageError(f"unknown target {target!r}: expected one of {', '.join(TARGETS)}")
    return tuple(_attribute(TARGETS[target].serving_rules))


def serving_rules_module(target: str) -> Any:
    """The module that holds the target's serving rules (its source is copied into the policy pack)."""
    return _attribute(TARGETS[target].serving_rules.partition(":")[0])


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
