"""Builds `gcp.compute.address` (`network.ip`): a static external address."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.address import AddressSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_address(group: GcpGroup, item: PlanItem, spec: AddressSpec) -> pulumi.Resource:
    address = gcp.compute.Address(item.id, name=spec.name, region=spec.region, address_type="EXTERNAL",
                                  network_tier=spec.network_tier, labels=spec.labels, opts=group.opts())
    group.register_main_and_address(item, address, address)
    return address


BUILD: dict[str, GcpBuilder] = {"gcp.compute.address": build_address}
