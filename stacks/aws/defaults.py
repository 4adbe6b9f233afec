"""The new account's default VPC and default subnets, for references to the source's (skipped) ones.

The plan skips the source's default VPC and default subnets (a provider default:
planner/planning/defaults.py); what ran in them goes into the new account's own
defaults. A reference to such a skipped item resolves to a lookup
(`aws.ec2.get_vpc(default=True)`, `aws.ec2.get_subnet(default_for_az=True, ...)`)
in the target region, through that region's provider. Nothing is adopted or
changed: the lookups only read. Each resolution is listed in the
`provider_defaults` stack output; a region without a default VPC fails the
lookup at `pulumi preview`, and the output says how to create one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import Plan, PlanItem

CREATE_DEFAULT_VPC = "if the region has no default VPC: aws ec2 create-default-vpc --region {region}"
CREATE_DEFAULT_SUBNET = "if the zone has no default subnet: aws ec2 create-default-subnet --availability-zone {zone}"


@dataclass
class TargetDefaults:
    """Lookups of the target account's default VPC (per region) and default subnets (per zone), made once each."""

    plan: Plan
    provider_for: Callable[[str], aws.Provider]
    _lookups: dict[tuple[str, str], pulumi.Output[Any]] = field(default_factory=dict)
    resolved: dict[str, dict[str, str]] = field(default_factory=dict)  # skipped item id -> what serves it

    def resolves(self, item_id: str) -> bool:
        """Whether `item_id` is a skipped default VPC or default subnet that a lookup stands in for."""
        item = self.plan.by_id().get(item_id)
        return item is not None and item.status == "skipped" and item.source.key in LOOKUPS

    def output(self, item_id: str, attribute: str = "id") -> pulumi.Output[Any]:
        """`attribute` (`id`, `arn`) of the target default standing in for skipped item `item_id`."""
        item = self.plan.by_id()[item_id]
        return getattr(LOOKUPS[item.source.key](self, item), attribute)

    def target_region(self, item: PlanItem) -> str:
        return self.plan.target.region_map.get(item.source.region, item.source.region)

    def target_zone(self, item: PlanItem) -> str:
        """The source zone's letter in the target region (`us-east-1a` -> `eu-west-1a` when moved)."""
        source_zone = str(item.facts.get("availability_zone") or f"{item.source.region}a")
        return self.target_region(item) + source_zone.removeprefix(item.source.region)

    def default_vpc(self, item: PlanItem) -> pulumi.Output[Any]:
        region = self.target_region(item)
        self._note(item, f"the new account's default VPC in {region} (looked up)", CREATE_DEFAULT_VPC.format(region=region))
        return self._lookup(("vpc", region), lambda: aws.ec2.get_vpc_output(
            default=True, opts=pulumi.InvokeOutputOptions(provider=self.provider_for(region))))

    def default_subnet(self, item: PlanItem) -> pulumi.Output[Any]:
        region, zone = self.target_region(item), self.target_zone(item)
        self._note(item, f"the new account's default subnet in {zone} (looked up)", CREATE_DEFAULT_SUBNET.format(zone=zone))
        return self._lookup(("subnet", zone), lambda: aws.ec2.get_subnet_output(
            default_for_az=True, availability_zone=zone, opts=pulumi.InvokeOutputOptions(provider=self.provider_for(region))))

    def _lookup(self, key: tuple[str, str], invoke: Callable[[], pulumi.Output[Any]]) -> pulumi.Output[Any]:
        if key not in self._lookups:
            self._lookups[key] = invoke()
        return self._lookups[key]

    def _note(self, item: PlanItem, serves: str, if_missing: str) -> None:
        self.resolved[item.id] = {"source_key": item.source.key, "source_id": item.source.id, "served_by": serves,
                                  "if_missing": if_missing}


LOOKUPS: dict[str, Callable[[TargetDefaults, PlanItem], pulumi.Output[Any]]] = {
    "aws.ec2.vpc": TargetDefaults.default_vpc,
    "aws.ec2.subnet": TargetDefaults.default_subnet,
}
