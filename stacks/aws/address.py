"""Builds Elastic IPs (network.ip); the compute group associates each with its instance once that is built."""

from __future__ import annotations

import pulumi

from planner.core.model.plan import PlanItem
from providers.aws.kinds.address import ElasticIpSpec
from stacks.aws._shared import elastic_ip
from stacks.aws.base import AwsBuilder, AwsGroup


def build_eip(group: AwsGroup, item: PlanItem, spec: ElasticIpSpec) -> pulumi.Resource:
    # The instance (compute group) is built later: the compute group associates the address.
    return elastic_ip(group, item, spec, item.id)


BUILD: dict[str, AwsBuilder] = {"aws.ec2.eip": build_eip}
