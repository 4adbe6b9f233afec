"""`network.nat` -> a Cloud Router and Cloud NAT, one per VPC network and region."""

from __future__ import annotations

from typing import ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import catalog, pricing
from providers.gcp.kinds._shared import child_name, done, item_of, region_of, vpc_of
from providers.gcp.spec import GcpSpec


class CloudNatSpec(GcpSpec):
    type: Literal["gcp.compute.router_nat"] = "gcp.compute.router_nat"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    region: str
    network: str
    router_name: str


def map_nat(resource: Resource, ctx: MappingContext) -> MappedTarget:
    vpc = vpc_of(resource, ctx)
    network = item_of(vpc.id if vpc else None, ctx)
    if network is None:
        return manual("the NAT gateway's VPC is not inventoried", "create a Cloud Router and Cloud NAT by hand")
    region = region_of(resource, ctx)
    peers = sorted(r.id for r in index_of(ctx).of_key(resource.key)
                   if vpc_of(r, ctx) is vpc and region_of(r, ctx) == region)
    if peers and peers[0] != resource.id:
        return skipped(f"one Cloud NAT serves every subnetwork of the region: item {ctx.item_id(peers[0])} covers it")
    name = ctx.target_name(resource)
    spec = CloudNatSpec(name=name, labels=ctx.labels(resource), region=region, network=network,
                        router_name=child_name(name, "router"))
    notes = ["Cloud Router + Cloud NAT for all subnetworks of the region, with auto-allocated addresses: "
             "allow-lists that name the old NAT IP must be updated"]
    priced = pricing.hourly(catalog.cloud_nat_rate(region), "Cloud NAT gateway", f"no Cloud NAT rate for {region}")
    priced.notes.append("Cloud NAT data processing and per-VM charges are usage-based and not priced")
    return done("mapped", spec, notes, priced)


MAP: dict[str, MapFunction] = {"network.nat": map_nat}
SPECS: tuple[type[GcpSpec], ...] = (CloudNatSpec,)
