"""Items the AWS stack builds after every group: those that wire other items together.

Groups are built one after the other, and references between groups point backwards in that
order. An API (edge) invokes functions (compute), an alarm (security) watches anything, a state
machine or an event source mapping (compute) reads queues and streams (messaging): their specs
say `BUILT_LAST = True`, and they are built once all groups are, in the order of their references
among themselves, each as a child of its own group's component.
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.core.model.plan import PlanItem
from providers.aws import spec as aws_spec
from stacks.aws.base import AwsGroup
from stacks.common.ordering import topological_order


def built_last(item: PlanItem) -> bool:
    spec_class = aws_spec.SPEC_TYPES.get(str((item.target or {}).get("type")))
    return bool(getattr(spec_class, "BUILT_LAST", False))


def build_late(components: Iterable[AwsGroup], late: list[PlanItem]) -> None:
    """Build `late` items, each after the late items its spec refers to, in their own group's component."""
    by_group = {component.group: component for component in components}
    wanted = {item.id for item in late}
    view = [item.model_copy(update={"depends_on": [
        ref for ref in by_group[item.group].spec_of(item).item_refs() if ref in wanted and ref != item.id]}) for item in late]
    by_id = {item.id: item for item in late}
    for item in topological_order(view):
        by_group[item.group].build(by_id[item.id])
