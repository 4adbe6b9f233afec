"""Builds EC2 instances (compute.vm): the image the operator copied (or a base image), in the rebuilt subnet.

The compute group attaches them to target groups, classic load balancers and
Elastic IPs once every instance is built (stacks/aws/instance_links.py).
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.vm import InstanceSpec
from stacks.aws._shared import image_id, key_name
from stacks.aws.base import AwsBuilder, AwsGroup


def build_instance(group: AwsGroup, item: PlanItem, spec: InstanceSpec) -> pulumi.Resource:
    instance = aws.ec2.Instance(
        item.id,
        ami=image_id(item, spec.image),
        instance_type=spec.instance_type,
        availability_zone=spec.availability_zone,
        subnet_id=group.optional_ref(item, spec.subnet_item),
        vpc_security_group_ids=group.refs(item, spec.security_group_items) or None,
        key_name=key_name(group, item, spec.key_pair_item),
        # The source's address only fits a subnet rebuilt with the source's range (not a looked-up default).
        private_ip=spec.private_ip if spec.subnet_item and group.registry.built(spec.subnet_item) else None,
        ebs_optimized=spec.ebs_optimized,
        **group.name_tagged(spec),
    )
    return group.exporting(item, instance, private_ip="private_ip", public_ip="public_ip")


BUILD: dict[str, AwsBuilder] = {"aws.ec2.instance": build_instance}
