"""VPC peering (network.peering) -> a peering connection between the two rebuilt VPCs, accepted in the peer's
region when it crosses regions; routes through it are re-added by hand (the route tables drop them)."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import common_fields, item_of, result
from providers.aws.spec import Spec

ROUTES_NOTE = ("routes through the peering are dropped from the rebuilt route tables: add them again (destination: "
               "the peer's range, target: this connection)")


class VpcPeeringSpec(Spec):
    type: Literal["aws.ec2.vpc_peering"] = "aws.ec2.vpc_peering"
    vpc_item: str
    peer_vpc_item: str
    peer_region: str  # the accepter's target region (the same as `region` within a region)
    allow_dns_resolution: bool = False


def map_peering(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    vpc, peer = item_of(ctx, props.get("requester_vpc_id")), item_of(ctx, props.get("accepter_vpc_id"))
    if props.get("cross_account") or vpc is None or peer is None:
        return manual("the peer VPC is in another account or not in the inventory",
                      "create the peering from the new account once the peer's VPC exists, and have its owner accept it")
    accepter = ctx.resource(str(props.get("accepter_vpc_id")))
    spec = VpcPeeringSpec(
        **common_fields(resource, ctx), vpc_item=vpc, peer_vpc_item=peer,
        peer_region=ctx.target_region(accepter.region if accepter else resource.region),
        allow_dns_resolution=bool(props.get("requester_dns_resolution") or props.get("accepter_dns_resolution")),
    )
    notes = [ROUTES_NOTE]
    if spec.allow_dns_resolution:
        notes.append("DNS resolution across the peering was allowed: set the peering options again after it is active")
    return result("mapped", spec, None, notes)


MAP: dict[str, MapFunction] = {"network.peering": map_peering}
SPECS: tuple[type[Spec], ...] = (VpcPeeringSpec,)
