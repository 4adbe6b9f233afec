"""Builds VPC endpoints (network.endpoint) in the rebuilt VPC: route tables for gateway endpoints, subnets and
security groups for interface ones."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.endpoint import VpcEndpointSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_vpc_endpoint(group: AwsGroup, item: PlanItem, spec: VpcEndpointSpec) -> pulumi.Resource:
    interface = spec.endpoint_type != "Gateway"
    return aws.ec2.VpcEndpoint(
        item.id, vpc_id=group.ref(item, spec.vpc_item), service_name=spec.service_name,
        vpc_endpoint_type=spec.endpoint_type,
        route_table_ids=None if interface else group.refs(item, spec.route_table_items) or None,
        subnet_ids=group.refs(item, spec.subnet_items) or None if interface else None,
        security_group_ids=group.refs(item, spec.security_group_items) or None if interface else None,
        private_dns_enabled=spec.private_dns_enabled if spec.endpoint_type == "Interface" else None,
        **group.name_tagged(spec),
    )


BUILD: dict[str, AwsBuilder] = {"aws.ec2.vpc_endpoint": build_vpc_endpoint}
