"""Route tables (network.route_table) and internet gateways (network.gateway) -> VPC route tables and gateways.

Routes to the gateways and NAT gateways rebuilt here are kept; routes to other
targets (peering, transit gateway, ENI, endpoints) are dropped, said in a note.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import SUBNET, VPC, Links, common_fields, result
from providers.aws.spec import Spec, _Part

# Source type of a route target -> the RouteSpec field of its rebuilt item; the id prefix when the inventory does not
# hold the target.
ROUTE_TARGET_FIELDS: dict[str, str] = {"aws.ec2.internet_gateway": "gateway_item", "aws.ec2.nat_gateway": "nat_gateway_item"}
ROUTE_TARGET_PREFIXES: dict[str, str] = {"igw-": "gateway_item", "nat-": "nat_gateway_item"}


class RouteSpec(_Part):
    destination_cidr: str
    gateway_item: str | None = None
    nat_gateway_item: str | None = None


class RouteTableSpec(Spec):
    type: Literal["aws.ec2.route_table"] = "aws.ec2.route_table"
    vpc_item: str
    main: bool = False
    routes: list[RouteSpec] = Field(default_factory=list)
    subnet_items: list[str] = Field(default_factory=list)


class InternetGatewaySpec(Spec):
    type: Literal["aws.ec2.internet_gateway"] = "aws.ec2.internet_gateway"
    vpc_item: str | None = None


def _target_field(target: str, links: Links) -> str | None:
    found = links.ctx.resource(target)
    if found is not None:
        return ROUTE_TARGET_FIELDS.get(found.key)
    return next((field for prefix, field in ROUTE_TARGET_PREFIXES.items() if target.startswith(prefix)), None)


def _route(destination: str, target: str, links: Links) -> RouteSpec | None:
    """The route to a rebuilt gateway or NAT gateway of the table's region, or None for a target not rebuilt here."""
    found = links.many_of([target])
    target_item = found[0] if found else None
    field_name = _target_field(target, links)
    if field_name and target_item:
        return RouteSpec(destination_cidr=destination, **{field_name: target_item})
    return None


def _routes(raw_routes: list[dict[str, Any]], links: Links) -> tuple[list[RouteSpec], list[str]]:
    """The routes kept, and the dropped ones as `destination -> target` (local routes are neither)."""
    routes, dropped = [], []
    for raw in raw_routes:
        target = str(raw.get("target") or "")
        destination = raw.get("destination")
        if target == "local" or not destination:
            continue
        route = _route(destination, target, links)
        if route is not None:
            routes.append(route)
        else:
            dropped.append(f"{destination} -> {target}")
    return routes, dropped


def map_route_table(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    links = Links(resource, ctx)
    vpc = links.one("vpc_id", VPC)
    if vpc is None:
        return manual("the route table's VPC is not in the inventory (or not in its region)", "recreate its routes by hand",
                      links.notes)
    routes, dropped = _routes(props.get("routes") or [], links)
    spec = RouteTableSpec(
        **common_fields(resource, ctx),
        vpc_item=vpc,
        main=bool(props.get("is_main")),
        routes=routes,
        subnet_items=links.many("subnet_ids", SUBNET),
    )
    notes = [f"routes to targets not rebuilt here (peering, transit gateway, ENI, endpoints) are dropped: {'; '.join(dropped)}"] if dropped else []
    notes += links.notes
    return result("partial" if notes else "mapped", spec, None, notes)


def map_gateway(resource: Resource, ctx: MappingContext) -> MappedTarget:
    links = Links(resource, ctx)
    spec = InternetGatewaySpec(**common_fields(resource, ctx), vpc_item=links.one("attached_vpc_ids", VPC))
    return result("partial" if links.notes else "mapped", spec, None, links.notes)


MAP: dict[str, MapFunction] = {"network.route_table": map_route_table, "network.gateway": map_gateway}
SPECS: tuple[type[Spec], ...] = (RouteTableSpec, InternetGatewaySpec)
