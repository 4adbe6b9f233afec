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
from typing import Any, ClassVar, TypeVar

import pulumi

from planner.core.model.plan import Plan, PlanItem
from stacks.common.errors import ItemBuildError, PlanReferenceError, UnbuildableReferenceError
from stacks.common.ordering import topological_order
from stacks.common.registry import BUILDABLE_STATUSES, MAIN_ROLE, ResourceRegistry
from stacks.common.targets import building

ItemBuilder = Callable[["PlanGroup", PlanItem], pulumi.Resource | None]
SpecBuilder = Callable[[Any, PlanItem, Any], pulumi.Resource | None]  # (component, item, typed spec)
BuilderT = TypeVar("BuilderT", ItemBuilder, SpecBuilder)


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
    # Items (or references) the stack found it cannot build, shared by every group of one stack:
    # the `manual_items` stack output lists them after the plan's own manual items.
    runtime_manual: list[dict[str, Any]] = field(default_factory=list)


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
            self.build_all()

    def build_all(self) -> None:
        """Build every item of the group in dependency order, then `finish`."""
        for item in topological_order(self.args.items):
            self.build(item)
        self.finish()

    def build(self, item: PlanItem) -> None:
        """Build one item as children of this component and register its main resource."""
        if item.status not in BUILDABLE_STATUSES:
            return
        try:
            with building(item):
                resource = self.build_item(item)
        except UnbuildableReferenceError as missing:
            # It needs an item that creates no resource: not built, listed for the operator instead.
            self.registry.mark_unbuilt(item.id, missing.detail)
            self.manual(item, f"not built: it {missing.detail}", f"create it by hand once {missing.target_id!r} exists")
            return
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

    def ref(self, item: PlanItem, target_id: str, attribute: str = "id", role: str = MAIN_ROLE) -> pulumi.Output[Any]:
        """An output of another item's resource (`network.id`, `instance.arn`); an error naming both items."""
        return self.registry.output(target_id, attribute, wanted_by=item.id, role=role)

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

    def manual(self, item: PlanItem, reason: str, work: str) -> None:
        """Something of `item` the stack cannot create as planned: listed in `manual_items`, with the work."""
        self.args.runtime_manual.append(
            {"id": item.id, "kind": item.kind, "source_key": item.source.key, "reason": reason, "work": work})

    def dropped(self, item: PlanItem, reason: str) -> None:
        """A reference the stack could not wire: listed in `manual_items` for after the apply."""
        self.manual(item, reason, "wire it by hand after apply")

    def buildable_refs(self, item: PlanItem, target_ids: list[str], what: str) -> list[str]:
        """The ids among `target_ids` whose items create a resource.

        Each manual one is listed as dropped (`what` names the link: `backend instance`);
        skipped ones are left out quietly, the plan says why they are skipped.
        """
        items = self.args.plan.by_id()
        kept = []
        for target_id in target_ids:
            status = getattr(items.get(target_id), "status", None)
            if self.registry.creates_resource(target_id):
                kept.append(target_id)
            elif status in BUILDABLE_STATUSES:
                self.dropped(item, f"{what} {target_id!r} could not be built: left out")
            elif status != "skipped":
                self.dropped(item, f"{what} {target_id!r} is {status or 'not in the plan'} and creates no resource: left out")
        return kept

    def build_item(self, item: PlanItem) -> pulumi.Resource | None:
        what = f"no {self.provider} builder for kind {item.kind!r} in group {self.group!r}"
        return builder_for(self.builders, item.kind, what, item)(self, item)


class SpecGroup(PlanGroup):
    """A group whose builders are keyed by the type of each item's typed target spec.

    `spec_builders` maps a spec type (`gcp.compute.instance`, `aws.ec2.instance`)
    to `builder(component, item, spec)`; subclasses say how a target is parsed.
    """

    spec_builders: ClassVar[Mapping[str, SpecBuilder]] = {}
    spec_label: ClassVar[str] = "spec type"  # how the error for a type without a builder names it

    def spec_of(self, item: PlanItem) -> Any:
        raise NotImplementedError

    def item_of(self, item_id: str) -> PlanItem:
        """Another item of the plan; an error when the plan has no such item."""
        found = self.args.plan.by_id().get(item_id)
        if found is None:
            raise PlanReferenceError(f"refers to {item_id!r}, which is not an item of the plan")
        return found

    def spec_of_id(self, item_id: str) -> Any:
        """The typed target spec of another item of the plan."""
        return self.spec_of(self.item_of(item_id))

    def build_item(self, item: PlanItem) -> pulumi.Resource | None:
        spec = self.spec_of(item)
        what = f"no builder for {self.spec_label} {spec.type!r} in group {self.group!r}"
        return builder_for(self.spec_builders, spec.type, what, item)(self, item, spec)


def builder_for(table: Mapping[str, BuilderT], key: str, missing: str, item: PlanItem) -> BuilderT:
    """`table[key]`; an error naming the item, saying `missing` and the keys the table knows, if absent."""
    builder = table.get(key)
    if builder is None:
        known = ", ".join(sorted(table)) or "none"
        raise ItemBuildError(f"{missing} (known: {known})", item_id=item.id)
    return builder


def buildable(items: list[PlanItem]) -> list[PlanItem]:
    return [item for item in items if item.status in BUILDABLE_STATUSES]


__all__ = ["GroupArgs", "ItemBuildError", "ItemBuilder", "PlanGroup", "SpecBuilder", "SpecGroup", "buildable"]
