"""Builds `gcp.compute.router_nat` (`network.nat`): a Cloud Router and its Cloud NAT."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.nat import CloudNatSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_nat(group: GcpGroup, item: PlanItem, spec: CloudNatSpec) -> pulumi.Resource:
    router = gcp.compute.Router(f"{item.id}-router", name=spec.router_name, region=spec.region,
                                network=group.ref(item, spec.network), opts=group.opts())
    return gcp.compute.RouterNat(
        item.id, name=spec.name, router=router.name, region=spec.region, nat_ip_allocate_option="AUTO_ONLY",
        source_subnetwork_ip_ranges_to_nat="ALL_SUBNETWORKS_ALL_IP_RANGES", opts=group.opts())


BUILD: dict[str, GcpBuilder] = {"gcp.compute.router_nat": build_nat}
