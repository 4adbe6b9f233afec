"""The target contract: what a target's mapper receives and returns.

Planning (`planner.planning`) walks the inventory, assigns plan item ids,
regions, names and source prices, and asks the target's mapper for what each
resource becomes. A target package exposes one `TargetMapper`, listed in the
registry of targets (`planner/registry.py`):

    providers/gcp/mapping.py  -> MAPPER: TargetMapper
    providers/aws/mapping.py  -> MAPPER: TargetMapper

A mapper is a table `kind -> function(resource, ctx) -> MappedTarget`; kinds it
does not know become `manual` items in planning, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from planner.core.model.inventory import Inventory, Resource
from planner.core.model.plan import CatalogRef, ManualWork
from planner.core.naming import LabelRules, NameRules

Status = Literal["mapped", "partial", "manual", "skipped"]


@dataclass
class MappedTarget:
    """What one resource becomes on the target.

    `target` is the provider-specific spec that the stack builder of the same
    provider reads (see providers/<p>/kinds/); every reference to another
    resource inside it is a plan item id obtained from `ctx.item_id(...)`.
    """

    status: Status
    target: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    target_monthly_usd: float | None = None
    cost_basis: list[str] = field(default_factory=list)
    manual: ManualWork | None = None


class MappingContext(Protocol):
    """What the core offers a mapper while it maps one inventory."""

    inventory: Inventory
    provider: str

    def item_id(self, resource_id: str) -> str | None:
        """The plan item id of an inventory resource id (None if not inventoried)."""

    def resource(self, resource_id: str) -> Resource | None:
        """The inventory resource with this id."""

    def target_region(self, source_region: str) -> str:
        """The target region for a source region (nearest, or from --region-map)."""

    def target_zone(self, target_region: str, seed: str) -> str:
        """A zone of the region, chosen deterministically from `seed`."""

    def target_name(self, resource: Resource) -> str:
        """The resource's stable, unique, provider-valid name."""

    def labels(self, resource: Resource) -> dict[str, str]:
        """The resource's tags as provider-valid labels."""


MapFunction = Callable[[Resource, MappingContext], MappedTarget]


class TargetCatalog(Protocol):
    """What a target's catalog module offers planning (providers/<p>/catalog.py)."""

    CATALOGS: tuple[CatalogRef, ...]

    def candidate_regions(self) -> frozenset[str]: ...

    def can_host(self, region: str, vm: Mapping[str, Any]) -> bool: ...

    def zones(self, region: str) -> tuple[tuple[str, ...], str]: ...


class TargetNaming(Protocol):
    """What a target's naming module offers planning (providers/<p>/naming.py)."""

    NAME_RULES: NameRules
    LABEL_RULES: LabelRules


@dataclass(frozen=True)
class TargetMapper:
    provider: str
    functions: Mapping[str, MapFunction]  # neutral kind -> map function
    catalogs: tuple[Any, ...] = ()  # CatalogRef-like records: name, source, price_date
    name_rules: Any = None  # providers/<p>/naming.py NAME_RULES
    label_rules: Any = None  # providers/<p>/naming.py LABEL_RULES
    regions: tuple[str, ...] = ()  # target regions the mapper can place resources in
    catalog: Any = None  # the target's TargetCatalog module: zones, candidate regions, machine fit
    name_rules_by_kind: Mapping[str, NameRules] = field(default_factory=dict)  # kinds with stricter names


def manual(reason: str, work: str, notes: Iterable[str] = ()) -> MappedTarget:
    """An item the target cannot build as it is: `reason` heads the notes, `work` says what to do by hand."""
    return MappedTarget(status="manual", notes=[reason, *notes], manual=ManualWork(reason=reason, work=work))


def skipped(reason: str) -> MappedTarget:
    """An item the target needs nothing for (a provider default, a record the service creates itself)."""
    return MappedTarget(status="skipped", notes=[reason])


def target_mapper(
    provider: str, functions: Mapping[str, MapFunction], catalog: TargetCatalog, naming: TargetNaming
) -> TargetMapper:
    """A target's mapper: its map functions by neutral kind, with its catalog's sources and regions and its naming."""
    return TargetMapper(
        provider=provider,
        functions=functions,
        catalogs=catalog.CATALOGS,
        name_rules=naming.NAME_RULES,
        label_rules=naming.LABEL_RULES,
        regions=tuple(sorted(catalog.candidate_regions())),
        catalog=catalog,
        name_rules_by_kind=dict(getattr(naming, "NAME_RULES_BY_KIND", {})),
    )
