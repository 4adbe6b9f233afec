"""`network.nat` -> a Cloud Router and Cloud NAT, one per VPC network and region, on the NAT gateways' own
Elastic IPs when they had them (so that allow-lists naming them keep working once the addresses move)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import catalog, pricing
from providers.gcp.kinds._shared import child_name, done, item_ids, network_of, region_of
from providers.gcp.spec import GcpSpec


class CloudNatSpec(GcpSpec):
    type: Literal["gcp.compute.router_nat"] = "gcp.compute.router_nat"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network', 'addresses')
    region: str
    network: str
    router_name: str
    addresses: list[str] = Field(default_factory=list)  # plan item ids of network.ip items: MANUAL_ONLY NAT IPs


def _peers(resource: Resource, network: str, region: str, ctx: MappingContext) -> list[Resource]:
    """The NAT gateways one Cloud NAT replaces: those of the same network and region, by id."""
    same = [r for r in index_of(ctx).of_key(resource.key)
            if network_of(r, ctx) == network and region_of(r, ctx) == region]
    return sorted(same, key=lambda r: r.id)


def _elastic_ips(gateways: list[Resource], ctx: MappingContext) -> list[str]:
    allocations = [ctx.resource(a) for g in gateways for a in g.props.get("allocation_ids") or []]
    return list(dict.fromkeys(item_ids([a for a in allocations if a is not None], ctx)))


def map_nat(resource: Resource, ctx: MappingContext) -> MappedTarget:
    network = network_of(resource, ctx)
    if network is None:
        return manual("the NAT gateway's VPC is not inventoried", "create a Cloud Router and Cloud NAT by hand")
    region = region_of(resource, ctx)
    peers = _peers(resource, network, region, ctx)
    if peers and peers[0].id != resource.id:
        return skipped(f"one Cloud NAT serves every subnetwork of the region: item {ctx.item_id(peers[0].id)} covers it")
    name = ctx.target_name(resource)
    spec = CloudNatSpec(name=name, labels=ctx.labels(resource), region=region, network=network,
                        router_name=child_name(name, "router"), addresses=_elastic_ips(peers or [resource], ctx))
    if spec.addresses:
        notes = [f"Cloud Router + Cloud NAT for all subnetworks of the region on the reserved address(es) "
                 f"{', '.join(spec.addresses)} (MANUAL_ONLY): give allow-lists that name the old NAT IP the new one"]
    else:
        notes = ["Cloud Router + Cloud NAT for all subnetworks of the region, with auto-allocated addresses: "
                 "allow-lists that name the old NAT IP must be updated"]
    priced = pricing.hourly(catalog.cloud_nat_rate(region), "Cloud NAT gateway", f"no Cloud NAT rate for {region}")
    priced.notes.append("Cloud NAT data processing and per-VM charges are usage-based and not priced")
    return done("mapped", spec, notes, priced)


MAP: dict[str, MapFunction] = {"network.nat": map_nat}
SPECS: tuple[type[GcpSpec], ...] = (CloudNatSpec,)
