"""Order of construction: items after the items they depend on, groups likewise.

A Pulumi program may only pass a resource's outputs to another resource once
the first Python object exists, so items are built in dependency order. Ties
keep the plan's own order, so the same plan always builds in the same order.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from planner.core.model.plan import Plan, PlanItem
from stacks.common.errors import PlanReferenceError

# The usual direction of references between groups; used to break ties only.
GROUP_ORDER: tuple[str, ...] = ("network", "security", "storage", "data", "compute", "messaging", "edge")


def check_references(plan: Plan) -> None:
    """Every `depends_on` names another item of the plan (not itself).

    Cycles are not an error here: AWS resources often refer to each other both
    ways (an Aurora cluster lists its instances, each instance names its
    cluster), and a builder orders by the references its specs actually use.
    `topological_order` reports a cycle, with its items, where order matters.
    """
    known = plan.by_id()
    for item in plan.items:
        for dependency in item.depends_on:
            if dependency == item.id:
                raise PlanReferenceError("depends on itself", item_id=item.id)
            if dependency not in known:
                raise PlanReferenceError(f"depends_on {dependency!r}, which is not an item of the plan", item_id=item.id)


def topological_order(items: Sequence[PlanItem]) -> list[PlanItem]:
    """`items` with every item after those of its dependencies that are in `items`.

    Dependencies outside `items` (another group's items) are ignored here;
    `group_order` and `check_references` cover them.
    """
    position = {item.id: index for index, item in enumerate(items)}
    edges = {item.id: [dep for dep in item.depends_on if dep in position and dep != item.id] for item in items}
    try:
        ordered_ids = _kahn(list(position), edges, position)
    except _Cycle as cycle:
        through = ", ".join(repr(member) for member in cycle.members[:4])
        raise PlanReferenceError(f"dependency cycle through {through}", item_id=cycle.members[0]) from None
    return [items[position[item_id]] for item_id in ordered_ids]


def group_order(plan: Plan, groups: Iterable[str] | None = None) -> list[str]:
    """The plan's groups (or `groups`), each after the groups its items depend on.

    Raises PlanReferenceError naming two items when groups depend on each other
    both ways: such a plan cannot be built group by group.
    """
    by_id = plan.by_id()
    present = list(dict.fromkeys(groups if groups is not None else (item.group for item in plan.items)))
    rank = {group: (GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER), group) for group in present}
    ordered_names = sorted(present, key=lambda group: rank[group])
    position = {group: index for index, group in enumerate(ordered_names)}
    witness: dict[tuple[str, str], tuple[str, str]] = {}
    edges: dict[str, list[str]] = {group: [] for group in ordered_names}
    for item in plan.items:
        for dependency in item.depends_on:
            other = by_id.get(dependency)
            if other is None or other.group == item.group or item.group not in edges or other.group not in edges:
                continue
            if other.group not in edges[item.group]:
                edges[item.group].append(other.group)
                witness[(item.group, other.group)] = (item.id, other.id)
    try:
        return _kahn(ordered_names, edges, position)
    except _Cycle as cycle:
        first, second = cycle.members[0], cycle.members[1 % len(cycle.members)]
        item_id, other_id = witness.get((first, second)) or witness.get((second, first)) or ("?", "?")
        raise PlanReferenceError(
            f"groups {first!r} and {second!r} depend on each other (through {other_id!r}); "
            "build items in plan-wide order instead of group by group",
            item_id=item_id,
        ) from None


class _Cycle(Exception):
    def __init__(self, members: list[str]) -> None:
        super().__init__(members)
        self.members = members


def _kahn(nodes: list[str], edges: dict[str, list[str]], position: dict[str, int]) -> list[str]:
    """Kahn's algorithm; `edges[node]` are the nodes that must come first; ties by `position`."""
    waiting = {node: len(set(edges.get(node, []))) for node in nodes}
    dependents: dict[str, list[str]] = {node: [] for node in nodes}
    for node in nodes:
        for before in set(edges.get(node, [])):
            dependents[before].append(node)
    ready = [(position[node], node) for node in nodes if waiting[node] == 0]
    heapq.heapify(ready)
    ordered: list[str] = []
    while ready:
        _, node = heapq.heappop(ready)
        ordered.append(node)
        for dependent in dependents[node]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                heapq.heappush(ready, (position[dependent], dependent))
    if len(ordered) != len(nodes):
        raise _Cycle(sorted((node for node in nodes if waiting[node] > 0), key=lambda node: position[node]))
    return ordered
