"""`network.ip` -> a static external IPv4 address."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import catalog, pricing
from providers.gcp.kinds._shared import done, item_ids, item_of, refs, region_of
from providers.gcp.spec import GcpSpec


class AddressSpec(GcpSpec):
    type: Literal["gcp.compute.address"] = "gcp.compute.address"
    region: str
    network_tier: Literal["PREMIUM", "STANDARD"] = "PREMIUM"
    instance: str | None = None  # plan item id of the VM that uses it as its external address


def map_address(resource: Resource, ctx: MappingContext) -> MappedTarget:
    region = region_of(resource, ctx)
    instance = item_of(resource.props.get("instance_id"), ctx) or next(
        iter(item_ids(refs(resource, ctx, "aws.ec2.instance"), ctx)), None)
    spec = AddressSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, instance=instance)
    in_use = instance is not None
    priced = pricing.hourly(catalog.external_ip_rate(region, in_use=in_use),
                            "static external IPv4 " + ("in use" if in_use else "reserved, unused"),
                            f"no external IPv4 rate for {region}")
    notes = [f"the address changes ({resource.props.get('public_ip')} stays with AWS): update DNS and allow-lists"]
    return done("mapped", spec, notes, priced)


MAP: dict[str, MapFunction] = {"network.ip": map_address}
SPECS: tuple[type[GcpSpec], ...] = (AddressSpec,)
