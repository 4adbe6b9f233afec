"""Builds VPC subnets (network.subnet) in their rebuilt VPC."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.subnet import SubnetSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_subnet(group: AwsGroup, item: PlanItem, spec: SubnetSpec) -> pulumi.Resource:
    return aws.ec2.Subnet(
        item.id,
        vpc_id=group.ref(item, spec.vpc_item),
        cidr_block=spec.cidr_block,
        availability_zone=spec.availability_zone,
        map_public_ip_on_launch=spec.map_public_ip_on_launch,
        **group.name_tagged(spec),
    )


BUILD: dict[str, AwsBuilder] = {"aws.ec2.subnet": build_subnet}
