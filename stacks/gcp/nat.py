"""Builds `gcp.compute.router_nat` (`network.nat`): a Cloud Router and its Cloud NAT, on the reserved addresses when
the NAT gateway had Elastic IPs (MANUAL_ONLY), else on auto-allocated ones."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.nat import CloudNatSpec
from stacks.gcp.base import GcpBuilder, GcpGroup

ALL_SUBNETWORKS = "ALL_SUBNETWORKS_ALL_IP_RANGES"


def router_with_nat(group: GcpGroup, logical: str, *, name: str, router_name: str, region: str,
                    network: pulumi.Input[str], nat_ips: list[pulumi.Output[Any]]) -> pulumi.Resource:
    """A Cloud Router and a Cloud NAT for every subnetwork of `region` (pulumi-gcp compute.RouterNat)."""
    router = gcp.compute.Router(f"{logical}-router", name=router_name[:63], region=region, network=network,
                                opts=group.opts())
    allocation: dict[str, Any] = ({"nat_ip_allocate_option": "MANUAL_ONLY", "nat_ips": nat_ips} if nat_ips
                                  else {"nat_ip_allocate_option": "AUTO_ONLY"})
    return gcp.compute.RouterNat(logical, name=name[:63], router=router.name, region=region,
                                 source_subnetwork_ip_ranges_to_nat=ALL_SUBNETWORKS, **allocation, opts=group.opts())


def build_nat(group: GcpGroup, item: PlanItem, spec: CloudNatSpec) -> pulumi.Resource:
    addresses = group.buildable_refs(item, spec.addresses, "NAT address")
    return router_with_nat(group, item.id, name=spec.name, router_name=spec.router_name, region=spec.region,
                           network=group.ref(item, spec.network),
                           nat_ips=[group.ref(item, address, "self_link") for address in addresses])


BUILD: dict[str, GcpBuilder] = {"gcp.compute.router_nat": build_nat}
