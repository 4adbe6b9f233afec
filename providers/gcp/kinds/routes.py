"""`network.route_table` and `network.gateway` -> VPC routes: only routes to instances are built; the rest is
implicit on GCP or needs peering/VPN."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.model.inventory import Resource
from providers.gcp.kinds._shared import child_name, done, free, network_item, vpc_of
from providers.gcp.spec import GcpSpec


class RouteSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    dest_range: str
    next_hop_instance: str | None = None  # plan item id of a compute.vm
    next_hop_ip: str | None = None


class RoutesSpec(GcpSpec):
    type: Literal["gcp.compute.routes"] = "gcp.compute.routes"
    network: str
    routes: list[RouteSpec] = Field(default_factory=list)

    def referenced_ids(self) -> list[str]:
        return [self.network] + [route.next_hop_instance for route in self.routes if route.next_hop_instance]


# Route targets GCP provides without a resource (the default internet route, Cloud NAT): by the target's source type,
# or by its id's prefix when the inventory does not hold it.
IMPLICIT_TARGET_TYPES = frozenset({"aws.ec2.internet_gateway", "aws.ec2.nat_gateway"})
IMPLICIT_TARGET_PREFIXES = ("igw-", "nat-", "eigw-")
INSTANCE_TARGET_TYPES = frozenset({"aws.ec2.instance"})
INSTANCE_TARGET_PREFIXES = ("i-", "eni-")


def _target_is(target: str, ctx: MappingContext, types: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    found = ctx.resource(target)
    return found.key in types if found is not None else target.startswith(prefixes)


def map_route_table(resource: Resource, ctx: MappingContext) -> MappedTarget:
    vpc = vpc_of(resource, ctx)
    implicit: list[str] = []
    unsupported: list[str] = []
    routes: list[RouteSpec] = []
    for index, route in enumerate(resource.props.get("routes") or []):
        destination, target = str(route.get("destination") or ""), str(route.get("target") or "")
        if target == "local" or _target_is(target, ctx, IMPLICIT_TARGET_TYPES, IMPLICIT_TARGET_PREFIXES):
            implicit.append(f"{destination} -> {target}")
        elif _target_is(target, ctx, INSTANCE_TARGET_TYPES, INSTANCE_TARGET_PREFIXES) and ctx.item_id(target):
            routes.append(RouteSpec(name=child_name(ctx.target_name(resource), f"r{index}"), dest_range=destination,
                                    next_hop_instance=ctx.item_id(target)))
        else:
            unsupported.append(f"{destination} -> {target}")
    notes = []
    if implicit:
        notes.append("implicit on GCP (subnet routes, the default internet gateway route, Cloud NAT): "
                     + ", ".join(implicit))
    if unsupported:
        notes.append("needs peering, Cloud VPN/Interconnect or Private Service Connect: " + ", ".join(unsupported))
    network = network_item(vpc, ctx)
    if routes and network:
        notes.append("GCP routes apply to the whole VPC network (or tagged instances), not per subnet")
        spec = RoutesSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), network=network, routes=routes)
        return done("partial", spec, notes, free("routes"))
    if unsupported:
        return manual("routes to peering, transit or VPN targets have no direct equivalent",
                       "set up VPC peering / Cloud VPN / Interconnect for: " + ", ".join(unsupported), notes)
    return skipped("every route is implicit on GCP" + (": " + ", ".join(implicit) if implicit else ""))


def map_gateway(resource: Resource, ctx: MappingContext) -> MappedTarget:
    return skipped("internet gateway: every GCP VPC network has a default route (0.0.0.0/0) to the "
                    "default internet gateway; nothing to create")


MAP: dict[str, MapFunction] = {"network.route_table": map_route_table, "network.gateway": map_gateway}
SPECS: tuple[type[GcpSpec], ...] = (RoutesSpec,)
