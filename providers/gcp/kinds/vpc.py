"""`network.vpc` -> a custom-mode VPC network. VPC networks are global: VPCs whose ranges do not overlap share one
network (the first of them in plan order builds it); each region of it with private VMs and no NAT gateway item gets
a Cloud Router and Cloud NAT."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, skipped
from planner.core.model.inventory import Resource
from providers.gcp import catalog, pricing
from providers.gcp.kinds._egress import regions_without_nat
from providers.gcp.kinds._shared import done, free, item_of, merged_networks, overlap, vpc_ranges
from providers.gcp.pricing import Priced
from providers.gcp.spec import GcpSpec


class NetworkSpec(GcpSpec):
    type: Literal["gcp.compute.network"] = "gcp.compute.network"
    routing_mode: Literal["REGIONAL", "GLOBAL"] = "REGIONAL"
    source_cidrs: list[str] = Field(default_factory=list)  # the ranges of every VPC it carries, for review only
    nat_regions: list[str] = Field(default_factory=list)  # regions given a Cloud Router + Cloud NAT here


def _members_of(owner_id: str, ctx: MappingContext) -> list[Resource]:
    """The VPCs the network of VPC `owner_id` carries, in plan order (the owner first)."""
    found = [ctx.resource(vpc_id) for vpc_id, owner in merged_networks(ctx).items() if owner == owner_id]
    return sorted((vpc for vpc in found if vpc is not None), key=lambda vpc: str(ctx.item_id(vpc.id)))


def _overlapping(resource: Resource, members: list[Resource], ctx: MappingContext) -> list[str]:
    """Item ids of the other networks whose ranges overlap this one's (why they stay apart)."""
    mine = [r for vpc in members for r in vpc_ranges(vpc)]
    others = {owner for owner in merged_networks(ctx).values() if owner != resource.id}
    clashing = [owner for owner in others if overlap(mine, [r for vpc in _members_of(owner, ctx) for r in vpc_ranges(vpc)])]
    return sorted(str(item_of(owner, ctx)) for owner in clashing)


def _nat_priced(regions: list[str]) -> Priced:
    total = free("VPC network")
    for region in regions:
        total.add(pricing.hourly(catalog.cloud_nat_rate(region), f"Cloud NAT gateway in {region}",
                                 f"no Cloud NAT rate for {region}"))
    return total


def map_vpc(resource: Resource, ctx: MappingContext) -> MappedTarget:
    owner = merged_networks(ctx).get(resource.id, resource.id)
    if owner != resource.id:
        return skipped(f"merged into network {item_of(owner, ctx)}: GCP VPC networks are global and its ranges "
                       "overlap no other VPC of that network; its subnets, firewalls and instances use that network")
    members = _members_of(resource.id, ctx) or [resource]
    cidrs = [str(r) for vpc in members for r in vpc_ranges(vpc)]
    name = ctx.target_name(resource)
    spec = NetworkSpec(name=name, labels=ctx.labels(resource), source_cidrs=cidrs,
                       nat_regions=regions_without_nat(str(ctx.item_id(resource.id)), ctx))
    notes = ["custom-mode VPC network: VPC networks are global, its subnetworks regional"]
    if len(members) > 1:
        notes.append("carries the VPCs " + ", ".join(f"{vpc.name} ({', '.join(map(str, vpc_ranges(vpc)))})"
                                                     for vpc in members)
                     + ": their ranges do not overlap, so one global network joins them (no peering needed)")
    others = _overlapping(resource, members, ctx)
    if others:
        notes.append(f"separate from network(s) {', '.join(others)}: their ranges overlap; connect them with VPC "
                     "Network Peering after renumbering, or Private Service Connect")
    if spec.nat_regions:
        notes.append(f"Cloud Router + Cloud NAT (auto-allocated addresses) in {', '.join(spec.nat_regions)}: VMs "
                     "there have no external address and no NAT gateway item gives them a way out")
    return done("mapped", spec, notes, _nat_priced(spec.nat_regions))


MAP: dict[str, MapFunction] = {"network.vpc": map_vpc}
SPECS: tuple[type[GcpSpec], ...] = (NetworkSpec,)
