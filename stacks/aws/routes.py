"""Builds VPC route tables (network.route_table), with their routes and associations, and internet gateways (network.gateway)."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.routes import InternetGatewaySpec, RouteSpec, RouteTableSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def _route_target(group: AwsGroup, item: PlanItem, route: RouteSpec) -> dict[str, Any]:
    """The route's gateway or NAT gateway argument (its value None when that item created nothing)."""
    if route.gateway_item:
        return {"gateway_id": group.optional_ref(item, route.gateway_item)}
    return {"nat_gateway_id": group.optional_ref(item, route.nat_gateway_item)}


def _add_routes(group: AwsGroup, item: PlanItem, spec: RouteTableSpec, table: aws.ec2.RouteTable) -> None:
    for index, route in enumerate(spec.routes, start=1):
        target = _route_target(group, item, route)
        if next(iter(target.values())) is None:
            continue
        aws.ec2.Route(
            f"{item.id}-route-{index}",
            route_table_id=table.id,
            destination_cidr_block=route.destination_cidr,
            **target,
            opts=group.opts(spec),
        )


def build_route_table(group: AwsGroup, item: PlanItem, spec: RouteTableSpec) -> pulumi.Resource:
    vpc_id = group.ref(item, spec.vpc_item)
    table = aws.ec2.RouteTable(item.id, vpc_id=vpc_id, **group.name_tagged(spec))
    _add_routes(group, item, spec, table)
    for subnet_item, subnet_id in group.ref_pairs(item, spec.subnet_items):
        aws.ec2.RouteTableAssociation(
            f"{item.id}-{subnet_item}", route_table_id=table.id, subnet_id=subnet_id, opts=group.opts(spec)
        )
    if spec.main:
        aws.ec2.MainRouteTableAssociation(f"{item.id}-main", vpc_id=vpc_id, route_table_id=table.id, opts=group.opts(spec))
    return table


def build_internet_gateway(group: AwsGroup, item: PlanItem, spec: InternetGatewaySpec) -> pulumi.Resource:
    return aws.ec2.InternetGateway(item.id, vpc_id=group.optional_ref(item, spec.vpc_item), **group.name_tagged(spec))


BUILD: dict[str, AwsBuilder] = {
    "aws.ec2.route_table": build_route_table,
    "aws.ec2.internet_gateway": build_internet_gateway,
}
