"""The base of every group component: one `ComponentResource` per plan group.

Convention (Pulumi's examples): each group class has an `Args` dataclass
(`GroupArgs` or a subclass), creates its children with `self.child_opts()`
(`parent=self`), and dispatches each item through the data table `builders`
(neutral kind -> function), never an if-chain:

    class Network(PlanGroup):
        provider = "gcp"
        group = "network"
        builders = {"network.vpc": build_vpc, "network.subnet": build_subnet}

    def build_vpc(component: PlanGroup, item: PlanItem) -> pulumi.Resource:
        return gcp.compute.Network(item.id, ..., opts=component.child_opts())

The component registers the resource a builder returns as the item's `main`
resource; any exception while building an item is re-raised naming it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pulumi

from planner.model.plan import Plan, PlanItem
from stacks.common.errors import ItemBuildError, StackProgramError
from stacks.common.ordering import topological_order
from stacks.common.registry import BUILDABLE_STATUSES, ResourceRegistry
from stacks.common.targets import building

ItemBuilder = Callable[["PlanGroup", PlanItem], pulumi.Resource | None]


@dataclass
class GroupArgs:
    """What a group component needs: its items, the registry and the plan."""

    items: list[PlanItem]
    registry: ResourceRegistry
    plan: Plan
    extra: dict[str, Any] = field(default_factory=dict)  # target-wide settings (project, default zone...)
    # False: the component builds its items in __init__ (standalone use). True: the caller
    # calls `build(item)` for each item in plan-wide order, then `finish()` (see build_groups).
    deferred: bool = False


class PlanGroup(pulumi.ComponentResource):
    """One group of plan items (network, compute...) as a component; children have `parent=self`."""

    provider: ClassVar[str]
    group: ClassVar[str]
    builders: ClassVar[Mapping[str, ItemBuilder]] = {}

    def __init__(self, name: str, args: GroupArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(self.type_token(), name, None, opts)
        self.args = args
        self.registry = args.registry
        self.item_outputs: dict[str, dict[str, pulumi.Input[Any]]] = {}
        if not args.deferred:
            for item in topological_order(args.items):
                self.build(item)
            self.finish()

    def build(self, item: PlanItem) -> None:
        """Build one item as children of this component and register its main resource."""
        if item.status not in BUILDABLE_STATUSES:
            return
        with building(item):
            resource = self.build_item(item)
        if resource is not None and not self.registry.built(item.id):
            self.registry.register(item.id, resource)

    def finish(self) -> None:
        self.register_outputs({"items": sorted(self.item_outputs)})

    @classmethod
    def type_token(cls) -> str:
        return f"planner:{cls.provider}:{cls.group.capitalize()}"

    def child_opts(self, *, depends_on: list[pulumi.Resource] | None = None, **options: Any) -> pulumi.ResourceOptions:
        """Resource options for a child of this component."""
        return pulumi.ResourceOptions(parent=self, depends_on=depends_on, **options)

    def dependencies_of(self, item: PlanItem) -> list[pulumi.Resource]:
        """The built resources of `item.depends_on` (for explicit `depends_on=` where no output links them)."""
        return [
            self.registry.resource(dependency, wanted_by=item.id)
            for dependency in item.depends_on
            if self.registry.built(dependency)
        ]

    def export(self, item: PlanItem, name: str, value: pulumi.Input[Any]) -> None:
        """An output an operator needs next (an IP, a DNS name), gathered per item for the stack outputs."""
        self.item_outputs.setdefault(item.id, {})[name] = value

    def build_item(self, item: PlanItem) -> pulumi.Resource | None:
        builder = self.builders.get(item.kind)
        if builder is None:
            known = ", ".join(sorted(self.builders)) or "none"
            raise StackProgramError(
                f"no {self.provider} builder for kind {item.kind!r} in group {self.group!r} (known: {known})",
                item_id=item.id,
            )
        return builder(self, item)


def buildable(items: list[PlanItem]) -> list[PlanItem]:
    return [item for item in items if item.status in BUILDABLE_STATUSES]


__all__ = ["GroupArgs", "ItemBuildError", "ItemBuilder", "PlanGroup", "buildable"]
