"""Builds VPC NAT gateways (network.nat): a public one with a new Elastic IP, exported as its public address."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.nat import NatGatewaySpec
from stacks.aws._shared import elastic_ip
from stacks.aws.base import AwsBuilder, AwsGroup


def build_nat_gateway(group: AwsGroup, item: PlanItem, spec: NatGatewaySpec) -> pulumi.Resource:
    public = spec.connectivity_type == "public"
    allocation_id = elastic_ip(group, item, spec, f"{item.id}-eip").allocation_id if public else None
    return aws.ec2.NatGateway(
        item.id,
        subnet_id=group.ref(item, spec.subnet_item),
        connectivity_type=spec.connectivity_type,
        allocation_id=allocation_id,
        **group.name_tagged(spec),
    )


BUILD: dict[str, AwsBuilder] = {"aws.ec2.nat_gateway": build_nat_gateway}
