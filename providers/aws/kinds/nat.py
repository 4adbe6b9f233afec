"""NAT gateways (network.nat) -> VPC NAT gateways (a public one gets a new Elastic IP), priced by the hour."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws import catalog
from providers.aws.kinds._pricing import Priced
from providers.aws.kinds._shared import SUBNET, Links, common_fields, result
from providers.aws.spec import Spec


class NatGatewaySpec(Spec):
    type: Literal["aws.ec2.nat_gateway"] = "aws.ec2.nat_gateway"
    subnet_item: str
    connectivity_type: Literal["public", "private"] = "public"


def _price_nat(region: str) -> Priced:
    priced = Priced()
    priced.hourly(*catalog.nat_gateway_rate(region), what="NAT gateway")
    priced.notes.append("NAT data processing ($/GB) is not priced: traffic volume is not inventoried")
    return priced


def map_nat(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    links = Links(resource, ctx)
    subnet = links.one("subnet_id", SUBNET)
    if subnet is None:
        return manual("the NAT gateway's subnet is not in the inventory (or not in its region)", "create the NAT gateway by hand",
                      links.notes)
    connectivity = "private" if props.get("connectivity_type") == "private" else "public"
    spec = NatGatewaySpec(**common_fields(resource, ctx), subnet_item=subnet, connectivity_type=connectivity)
    notes = ["the gateway gets a new Elastic IP: partners that allow-list the old address must be told"] if connectivity == "public" else []
    return result("mapped", spec, _price_nat(ctx.target_region(resource.region)), notes)


MAP: dict[str, MapFunction] = {"network.nat": map_nat}
SPECS: tuple[type[Spec], ...] = (NatGatewaySpec,)
