"""Builds `gcp.compute.subnetwork` (`network.subnet`): a regional subnetwork."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.subnet import SubnetworkSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_subnetwork(group: GcpGroup, item: PlanItem, spec: SubnetworkSpec) -> pulumi.Resource:
    return gcp.compute.Subnetwork(
        item.id, name=spec.name, region=spec.region, network=group.ref(item, spec.network),
        ip_cidr_range=spec.ip_cidr_range, private_ip_google_access=spec.private_ip_google_access, opts=group.opts())


BUILD: dict[str, GcpBuilder] = {"gcp.compute.subnetwork": build_subnetwork}
