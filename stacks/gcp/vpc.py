"""Builds `gcp.compute.network` (`network.vpc`): a custom-mode VPC network, and a Cloud Router + Cloud NAT in each
region of it whose private VMs no NAT gateway item serves."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.vpc import NetworkSpec
from stacks.gcp.base import GcpBuilder, GcpGroup
from stacks.gcp.nat import router_with_nat


def build_network(group: GcpGroup, item: PlanItem, spec: NetworkSpec) -> pulumi.Resource:
    network = gcp.compute.Network(
        item.id, name=spec.name, auto_create_subnetworks=False, routing_mode=spec.routing_mode,
        description=f"source ranges: {', '.join(spec.source_cidrs)}"[:2048], opts=group.opts())
    group.export(item, "self_link", network.self_link)
    for region in spec.nat_regions:
        router_with_nat(group, f"{item.id}-nat-{region}", name=f"{spec.name}-nat-{region}",
                        router_name=f"{spec.name}-router-{region}", region=region, network=network.id, nat_ips=[])
    return network


BUILD: dict[str, GcpBuilder] = {"gcp.compute.network": build_network}
