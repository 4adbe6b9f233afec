"""What every GCP group component shares: spec-typed dispatch, references as outputs, shared children.

A `GcpGroup` reads each item's target as its typed spec (providers/gcp/spec.py)
and dispatches on the spec type through the `spec_builders` table. Builders
reach other items through the registry (`ref`), so every reference is a Pulumi
output of a resource built earlier, never a literal id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import pulumi

from planner.core.model.plan import PlanItem
from providers.gcp.spec import GcpSpec, parse_spec
from stacks.common.component import GroupArgs, SpecGroup
from stacks.common.errors import ItemBuildError
from stacks.common.registry import MAIN_ROLE

ADDRESS_ROLE = "address"  # the resource whose `address` output DNS records point at
DEFAULT_NETWORK = "default"  # the project's default network, for items whose source VPC the plan skipped

GcpBuilder = Callable[["GcpGroup", PlanItem, Any], pulumi.Resource | None]


@dataclass
class GcpGroupArgs(GroupArgs):
    """Items of one group, the shared registry and the plan."""


class GcpGroup(SpecGroup):
    provider: ClassVar[str] = "gcp"
    spec_builders: ClassVar[Mapping[str, GcpBuilder]] = {}

    def __init__(self, name: str, args: GroupArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        self._shared: dict[tuple[str, ...], pulumi.Resource] = {}
        super().__init__(name, args, opts)

    @staticmethod
    def spec_of(item: PlanItem) -> GcpSpec:
        target = item.target or {}
        try:
            return parse_spec(target)
        except KeyError:
            raise ItemBuildError(f"unknown GCP spec type {target.get('type')!r}", item_id=item.id) from None

    def resource_of(self, item: PlanItem, target_id: str, role: str = MAIN_ROLE) -> pulumi.Resource:
        return self.registry.resource(target_id, wanted_by=item.id, role=role)

    def shared(self, key: tuple[str, ...], create: Callable[[], pulumi.Resource]) -> pulumi.Resource:
        """One resource per key for the whole group (a key ring per location, a source bucket per region)."""
        if key not in self._shared:
            self._shared[key] = create()
        return self._shared[key]

    def register_main_and_address(self, item: PlanItem, main: pulumi.Resource, address: pulumi.Resource) -> None:
        """Register the item's main resource and the resource whose `address` DNS records use."""
        self.registry.register(item.id, main)
        self.registry.register(item.id, address, role=ADDRESS_ROLE)
        self.export(item, "address", getattr(address, "address", None) or getattr(address, "ip_address"))

    def opts(self, **options: Any) -> pulumi.ResourceOptions:
        return self.child_opts(**options)
