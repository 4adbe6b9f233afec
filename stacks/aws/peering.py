"""Builds VPC peering connections (network.peering) between rebuilt VPCs; across regions the peer side's
provider accepts it (auto_accept works only within a region)."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.peering import VpcPeeringSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_peering(group: AwsGroup, item: PlanItem, spec: VpcPeeringSpec) -> pulumi.Resource:
    cross_region = spec.peer_region != spec.region
    connection = aws.ec2.VpcPeeringConnection(
        item.id, vpc_id=group.ref(item, spec.vpc_item), peer_vpc_id=group.ref(item, spec.peer_vpc_item),
        peer_region=spec.peer_region if cross_region else None, auto_accept=None if cross_region else True,
        **group.name_tagged(spec),
    )
    if cross_region:
        aws.ec2.VpcPeeringConnectionAccepter(
            f"{item.id}-accepter", vpc_peering_connection_id=connection.id, auto_accept=True,
            tags=group.tags(spec), opts=group.opts(spec, region=spec.peer_region))
    return group.exporting(item, connection, peering_id="id")


BUILD: dict[str, AwsBuilder] = {"aws.ec2.vpc_peering": build_peering}
