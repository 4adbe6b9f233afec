"""Builds VPCs (network.vpc) with DNS support, and their additional CIDR blocks."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.vpc import VpcSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_vpc(group: AwsGroup, item: PlanItem, spec: VpcSpec) -> pulumi.Resource:
    vpc = aws.ec2.Vpc(
        item.id,
        cidr_block=spec.cidr_block,
        enable_dns_support=True,
        enable_dns_hostnames=True,
        **group.name_tagged(spec),
    )
    for index, block in enumerate(spec.additional_cidr_blocks):
        aws.ec2.VpcIpv4CidrBlockAssociation(
            f"{item.id}-cidr-{index + 1}", vpc_id=vpc.id, cidr_block=block, opts=group.opts(spec)
        )
    return group.exporting(item, vpc, vpc_id="id")


BUILD: dict[str, AwsBuilder] = {"aws.ec2.vpc": build_vpc}
