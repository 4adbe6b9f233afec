"""`plan.json`: what each inventoried resource becomes on the target (planner.plan/1).

Every inventory resource yields exactly one item. Items refer to each other by
plan item ids (`depends_on`, and ids inside `target`), never by AWS ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, ClassVar, Literal, Self

from pydantic import Field, field_validator

from planner.core.model.base import FileModel, ToolInfo, VersionedFile
from planner.core.model.inventory import InventoryError
from planner.core.quantities import Count, Quantity, check_quantities

PLAN_SCHEMA = "planner.plan/1"
ItemStatus = Literal["mapped", "partial", "manual", "skipped"]
STATUSES: tuple[str, ...] = ("mapped", "partial", "manual", "skipped")


class PlanSource(FileModel):
    """The inventory resource an item comes from."""

    key: str
    id: str
    region: str
    name: str
    account_id: str | None = Field(default=None, exclude_if=lambda value: value is None)  # multi-account inventories


class ItemCost(FileModel):
    """Monthly list-price run cost (USD) on each side; None where no price is known."""

    source_monthly_usd: Quantity | None = None
    target_monthly_usd: Quantity | None = None
    basis: list[str] = Field(default_factory=list)  # how each figure was priced, with sources


class ManualWork(FileModel):
    reason: str
    work: str


class PlanItem(FileModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    source: PlanSource
    kind: str
    group: str  # stack component group: network|compute|data|storage|edge|messaging|security
    status: ItemStatus
    target: dict[str, Any] | None = None  # provider-specific spec; None for manual/skipped
    notes: list[str] = Field(default_factory=list)
    depends_on: list[str] = Field(default_factory=list)  # plan item ids
    cost: ItemCost = Field(default_factory=ItemCost)
    data_bytes: Count = 0
    stateful: bool = False
    unit_key: str | None = None  # items with the same key are identical units of work
    facts: dict[str, Any] = Field(default_factory=dict)  # source facts estimation needs
    manual: ManualWork | None = None

    _quantities = field_validator("facts", "target")(check_quantities)


class CatalogRef(FileModel):
    name: str
    source: str
    price_date: str


class PlanTarget(FileModel):
    provider: Literal["gcp", "aws"]
    region_map: dict[str, str] = Field(default_factory=dict)
    catalogs: list[CatalogRef] = Field(default_factory=list)
    region_basis: dict[str, str] = Field(default_factory=dict)  # why each source region went where it did
    region_notes: list[str] = Field(default_factory=list)  # moves to another country or jurisdiction
    region_map_requested: dict[str, str] = Field(default_factory=dict)  # --region-map as given


ERROR_GROUPS_KEPT = 10  # the largest (service, region, code) groups a plan names; the count covers them all


class ErrorGroup(FileModel):
    """Inventory errors of one service, region and code."""

    service: str
    region: str
    code: str
    count: Count = Field(ge=1)


class InventoryErrors(FileModel):
    """What the inventory's `errors[]` say, as the plan carries it: how many calls failed, the largest groups first.

    A plan of an inventory with errors may miss resources, so the figures made from it may be low.
    """

    count: Count = 0
    groups: list[ErrorGroup] = Field(default_factory=list)

    @classmethod
    def of(cls, errors: Iterable[InventoryError]) -> Self:
        counts = Counter((error.service, error.region, error.code) for error in errors)
        ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:ERROR_GROUPS_KEPT]
        groups = [ErrorGroup(service=service, region=region, code=code, count=count)
                  for (service, region, code), count in ranked]
        return cls(count=sum(counts.values()), groups=groups)


class PlanInventoryRef(FileModel):
    account_id: str
    regions: list[str]
    resource_count: Count
    generated_at: str
    kind: str = "api"  # how the inventory was read: api | cloudformation | terraform
    accounts: list[str] = Field(default_factory=list, exclude_if=lambda value: not value)  # organization scans
    sha256: str
    # Absent from plans of inventories without errors, and from plans written before it was added.
    errors: InventoryErrors = Field(default_factory=InventoryErrors, exclude_if=lambda value: value.count == 0)


class ServingPath(FileModel):
    """A public entry point of the source and the items the target needs for it to serve, entry first."""

    entry: str  # plan item id of the entry point (a DNS record, a load balancer, a CDN)
    name: str  # what users reach it by: a DNS name or the source's host name
    chain: list[str] = Field(default_factory=list)  # plan item ids, in the order a request meets them


class PlanServing(FileModel):
    """What the target must keep for the source's traffic to flow (checked by `planner preview`)."""

    paths: list[ServingPath] = Field(default_factory=list)
    topic_subscribers: dict[str, Count] = Field(default_factory=dict)  # topic item id -> its queue/http subscribers


class Plan(VersionedFile):
    SCHEMA: ClassVar[str] = PLAN_SCHEMA

    schema_: Literal["planner.plan/1"] = Field(default=PLAN_SCHEMA, alias="schema")
    tool: ToolInfo
    inventory: PlanInventoryRef
    target: PlanTarget
    items: list[PlanItem] = Field(default_factory=list)
    serving: PlanServing = Field(default_factory=PlanServing)

    def by_id(self) -> dict[str, PlanItem]:
        return {item.id: item for item in self.items}
