"""Driving a target's group components over a whole plan, and the outputs every stack has."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import pulumi

from planner.core.model.plan import Plan, PlanItem
from stacks.common.component import GroupArgs, PlanGroup
from stacks.common.errors import StackProgramError
from stacks.common.ordering import GROUP_ORDER, check_references, topological_order
from stacks.common.registry import BUILDABLE_STATUSES, ResourceRegistry


@dataclass
class StackBuild:
    """What `build_groups` created: the registry and the component of each group."""

    registry: ResourceRegistry
    components: dict[str, PlanGroup] = field(default_factory=dict)
    runtime_manual: list[dict[str, Any]] = field(default_factory=list)  # found unbuildable while building

    def item_outputs(self) -> dict[str, dict[str, pulumi.Input[Any]]]:
        """Per item, the outputs its builder exported (IPs, DNS names, connection names)."""
        merged: dict[str, dict[str, pulumi.Input[Any]]] = {}
        for component in self.components.values():
            merged.update(component.item_outputs)
        return dict(sorted(merged.items()))


def build_groups(
    plan: Plan,
    components: Mapping[str, type[PlanGroup]],
    *,
    extra: dict[str, Any] | None = None,
) -> StackBuild:
    """Build one component per group that has buildable items.

    Items are built in plan-wide dependency order (a compute item may need an
    edge item and the other way round), each as a child of its group's
    component. `components` maps a group name to its component class; a group
    with buildable items and no class is an error (never silently dropped).
    """
    check_references(plan)
    registry = ResourceRegistry(plan)
    build = StackBuild(registry=registry)
    items_by_group = buildable_by_group(plan, components, plan.target.provider)
    for group in sorted(items_by_group, key=_group_rank):
        args = GroupArgs(items=items_by_group[group], registry=registry, plan=plan, extra=dict(extra or {}), deferred=True,
                         runtime_manual=build.runtime_manual)
        build.components[group] = components[group](group, args)
    buildable_items = [item for group_items in items_by_group.values() for item in group_items]
    for item in topological_order(_in_plan_order(plan, buildable_items)):
        build.components[item.group].build(item)
    for component in build.components.values():
        component.finish()
    return build


def manual_items(plan: Plan) -> list[dict[str, Any]]:
    """The `manual_items` stack output: items that create no resource, with the reason and the work."""
    return [_manual_entry(item) for item in plan.items if item.status == "manual"]


def logical_name(item: PlanItem, suffix: str | None = None) -> str:
    """The Pulumi logical name of an item's resource: its plan item id (plus a role suffix)."""
    return f"{item.id}-{suffix}" if suffix else item.id


def _group_rank(group: str) -> tuple[int, str]:
    return (GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER), group)


def _in_plan_order(plan: Plan, items: list[PlanItem]) -> list[PlanItem]:
    wanted = {item.id for item in items}
    return [item for item in plan.items if item.id in wanted]


def buildable_by_group(plan: Plan, known_groups: Collection[str], provider: str) -> dict[str, list[PlanItem]]:
    """The items that create resources, by group in plan order; an error for a group with no component."""
    grouped: dict[str, list[PlanItem]] = {}
    for item in plan.items:
        if item.status in BUILDABLE_STATUSES:
            grouped.setdefault(item.group, []).append(item)
    for group, items in grouped.items():
        if group not in known_groups:
            first = items[0]
            raise StackProgramError(f"group {group!r} has no {provider} component (kind {first.kind!r})", item_id=first.id)
    return grouped


def _manual_entry(item: PlanItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.kind,
        "source_key": item.source.key,
        "reason": item.manual.reason if item.manual else "; ".join(item.notes) or "no equivalent on the target",
        "work": item.manual.work if item.manual else "",
    }
