"""Subnets (network.subnet) -> VPC subnets with the source's range, in the zone matching the source's."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import VPC, Links, common_fields, result, target_zone
from providers.aws.spec import Spec


class SubnetSpec(Spec):
    type: Literal["aws.ec2.subnet"] = "aws.ec2.subnet"
    vpc_item: str
    cidr_block: str
    availability_zone: str
    map_public_ip_on_launch: bool = False


def map_subnet(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    links = Links(resource, ctx)
    vpc = links.one("vpc_id", VPC)
    if vpc is None:
        return manual("the subnet's VPC is not in the inventory (or not in its region)",
                      "create the subnet in a VPC of your choice", links.notes)
    spec = SubnetSpec(
        **common_fields(resource, ctx),
        vpc_item=vpc,
        cidr_block=str(props.get("cidr_block")),
        availability_zone=target_zone(resource, ctx, props.get("availability_zone")),
        map_public_ip_on_launch=bool(props.get("map_public_ip_on_launch")),
    )
    return result("mapped", spec)


MAP: dict[str, MapFunction] = {"network.subnet": map_subnet}
SPECS: tuple[type[Spec], ...] = (SubnetSpec,)
