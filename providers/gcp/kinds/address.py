"""`network.ip` -> a static external IPv4 address: a VM's external address, or a Cloud NAT's NAT IP.

The address itself cannot move (it stays with AWS), so an Elastic IP nothing uses reserves nothing here: a reserved,
unused address is billed and serves nothing. One on an Auto Scaling group's instance is manual: the managed
instance group creates its instances, which take no address of a plan item.
"""

from __future__ import annotations

from typing import Any, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import catalog, pricing
from providers.gcp.kinds._shared import done, item_of, refs, region_of
from providers.gcp.kinds.vm import elastic_ip_of
from providers.gcp.spec import GcpSpec

NAT_GATEWAY = "aws.ec2.nat_gateway"
INSTANCE = "aws.ec2.instance"


class AddressSpec(GcpSpec):
    type: Literal["gcp.compute.address"] = "gcp.compute.address"
    region: str
    network_tier: Literal["PREMIUM", "STANDARD"] = "PREMIUM"
    instance: str | None = None  # plan item id of the VM that uses it as its external address


def _allocations_of_gateway(gateway: Resource) -> list[Any]:
    return list(gateway.props.get("allocation_ids") or [])


def _nat_gateway_of(resource: Resource, ctx: MappingContext) -> str | None:
    gateways = index_of(ctx).lookup(_allocations_of_gateway, resource.id, NAT_GATEWAY)
    return next((item_of(g.id, ctx) for g in gateways if item_of(g.id, ctx)), None)


def _instance_of(resource: Resource, ctx: MappingContext) -> Resource | None:
    found = ctx.resource(str(resource.props.get("instance_id") or ""))
    return found or next(iter(refs(resource, ctx, INSTANCE)), None)


def map_address(resource: Resource, ctx: MappingContext) -> MappedTarget:
    region = region_of(resource, ctx)
    attached = _instance_of(resource, ctx)
    nat = _nat_gateway_of(resource, ctx)
    if attached is None and nat is None:
        return skipped(f"associated with nothing on AWS ({resource.props.get('public_ip')} stays with AWS): "
                       "no address is reserved (an unused one is billed and serves nothing); reserve one when "
                       "something needs it")
    group = attached.props.get("autoscaling_group") if attached else None
    if group:
        return manual(f"on {attached.name}, an instance of auto scaling group {group}: the managed instance group "
                      "creates its instances, which take ephemeral addresses",
                      "give the group a stateful external IP (per-instance config) if callers need a fixed address, "
                      "or serve it through the group's load balancer")
    if attached is not None and (elastic_ip_of(attached, ctx) or resource).id != resource.id:
        return manual(f"a second Elastic IP of {attached.name}: a Compute Engine network interface has one external "
                      "address, which the instance takes from its first Elastic IP",
                      "add a second network interface (in another VPC network) or a forwarding rule for this address, "
                      "or drop it")
    instance = item_of(attached.id, ctx) if attached else None
    spec = AddressSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, instance=instance)
    in_use = instance is not None or nat is not None
    priced = pricing.hourly(catalog.external_ip_rate(region, in_use=in_use),
                            "static external IPv4 " + ("in use" if in_use else "reserved, unused"),
                            f"no external IPv4 rate for {region}")
    notes = [f"the address changes ({resource.props.get('public_ip')} stays with AWS): update DNS and allow-lists"]
    if nat:
        notes.append(f"a NAT IP of Cloud NAT (NAT gateway item {nat}), allocated MANUAL_ONLY: it is in use")
    return done("mapped", spec, notes, priced)


MAP: dict[str, MapFunction] = {"network.ip": map_address}
SPECS: tuple[type[GcpSpec], ...] = (AddressSpec,)
