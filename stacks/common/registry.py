"""The resources built so far, by plan item id: how one item reaches another's outputs.

Plan targets refer to other items by plan item id (never by a cloud id). A
builder turns such an id into the Pulumi resource (or one of its outputs)
with `registry.resource(...)` / `registry.output(...)`, so references between
resources are Pulumi outputs and a wrong id fails with the item named.
"""

from __future__ import annotations

from typing import Any, TypeVar

import pulumi

from planner.core.model.plan import Plan
from stacks.common.errors import PlanReferenceError, UnbuildableReferenceError

BUILDABLE_STATUSES: frozenset[str] = frozenset({"mapped", "partial"})
MAIN_ROLE = "main"

ResourceT = TypeVar("ResourceT", bound=pulumi.Resource)


class ResourceRegistry:
    """Built resources by (plan item id, role); `main` is the resource others refer to."""

    def __init__(self, plan: Plan) -> None:
        self._items = plan.by_id()
        self._built: dict[str, dict[str, pulumi.Resource]] = {}
        self._unbuilt: dict[str, str] = {}  # mapped/partial items the stack found it cannot build -> why

    def register(self, item_id: str, resource: pulumi.Resource, role: str = MAIN_ROLE) -> None:
        """Record `resource` as the `role` resource of item `item_id` (an item may have several roles)."""
        if item_id not in self._items:
            raise PlanReferenceError("registered a resource for an item that is not in the plan", item_id=item_id)
        roles = self._built.setdefault(item_id, {})
        if role in roles:
            raise PlanReferenceError(f"resource role {role!r} registered twice", item_id=item_id)
        roles[role] = resource

    def resource(
        self,
        item_id: str,
        *,
        wanted_by: str,
        role: str = MAIN_ROLE,
        expected: type[ResourceT] | tuple[type[ResourceT], ...] | None = None,
    ) -> ResourceT:
        """The resource of item `item_id`, for item `wanted_by`; a clear error if it cannot be had."""
        roles = self._built.get(item_id)
        if roles is None:
            if not self.creates_resource(item_id) and item_id in self._items:
                raise UnbuildableReferenceError(self._why_missing(item_id), item_id=wanted_by, target_id=item_id)
            raise PlanReferenceError(self._why_missing(item_id), item_id=wanted_by)
        if role not in roles:
            known = ", ".join(sorted(roles))
            raise PlanReferenceError(f"item {item_id!r} has no {role!r} resource (it has: {known})", item_id=wanted_by)
        resource = roles[role]
        if expected is not None and not isinstance(resource, expected):
            names = expected.__name__ if isinstance(expected, type) else " or ".join(cls.__name__ for cls in expected)
            raise PlanReferenceError(
                f"item {item_id!r} is a {type(resource).__name__}, expected a {names}", item_id=wanted_by
            )
        return resource  # type: ignore[return-value]

    def output(self, item_id: str, attribute: str, *, wanted_by: str, role: str = MAIN_ROLE) -> pulumi.Output[Any]:
        """One output (`id`, `self_link`, `arn`...) of item `item_id`'s resource, as a Pulumi output."""
        resource = self.resource(item_id, wanted_by=wanted_by, role=role)
        value = getattr(resource, attribute, None)
        if value is None:
            raise PlanReferenceError(
                f"item {item_id!r} ({type(resource).__name__}) has no output {attribute!r}", item_id=wanted_by
            )
        return pulumi.Output.from_input(value)

    def outputs(self, item_ids: list[str], attribute: str, *, wanted_by: str) -> list[pulumi.Output[Any]]:
        return [self.output(item_id, attribute, wanted_by=wanted_by) for item_id in item_ids]

    def built(self, item_id: str) -> bool:
        return item_id in self._built

    def mark_unbuilt(self, item_id: str, reason: str) -> None:
        """A mapped/partial item the stack could not build: references to it are unbuildable too."""
        self._unbuilt[item_id] = reason

    def creates_resource(self, item_id: str) -> bool:
        """Whether the item is mapped/partial and the stack has not found it unbuildable."""
        item = self._items.get(item_id)
        return item is not None and item.status in BUILDABLE_STATUSES and item_id not in self._unbuilt

    def built_item_ids(self) -> list[str]:
        return list(self._built)

    def _why_missing(self, item_id: str) -> str:
        item = self._items.get(item_id)
        if item is None:
            return f"refers to {item_id!r}, which is not an item of the plan"
        if item.status not in BUILDABLE_STATUSES:
            return f"refers to {item_id!r}, which is {item.status} and creates no resource"
        if item_id in self._unbuilt:
            return f"refers to {item_id!r}, which the stack could not build ({self._unbuilt[item_id]})"
        return f"refers to {item_id!r}, which is not built yet (missing from depends_on?)"
