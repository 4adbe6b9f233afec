"""The interface between the planning core and each target provider.

The core (`planner.planning`) walks the inventory, assigns plan item ids,
regions, names and source prices, and asks the target's mapper for what each
resource becomes. A target package exposes one `TargetMapper`:

    providers/gcp/mapping.py  -> MAPPER: TargetMapper
    providers/aws/mapping.py  -> MAPPER: TargetMapper

A mapper is a table `kind -> function(resource, ctx) -> MappedTarget`; kinds it
does not know become `manual` items in the core, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from planner.model.inventory import Inventory, Resource
from planner.model.plan import ManualWork

Status = Literal["mapped", "partial", "manual", "skipped"]


@dataclass
class MappedTarget:
    """What one resource becomes on the target.

    `target` is the provider-specific spec that the stack builder of the same
    provider reads (see providers/<p>/specs.py); every reference to another
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


@dataclass(frozen=True)
class TargetMapper:
    provider: str
    functions: Mapping[str, MapFunction]  # neutral kind -> map function
    catalogs: tuple[Any, ...] = ()  # CatalogRef-like records: name, source, price_date
    name_rules: Any = None  # providers/<p>/naming.py NAME_RULES
    label_rules: Any = None  # providers/<p>/naming.py LABEL_RULES
    regions: tuple[str, ...] = ()  # target regions the mapper can place resources in
