"""Builds EC2 launch templates (compute.template): image, type, security groups and key pair; instances get the tags."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.instance_template import LaunchTemplateSpec
from stacks.aws._shared import image_id, key_name
from stacks.aws.base import AwsBuilder, AwsGroup


def build_launch_template(group: AwsGroup, item: PlanItem, spec: LaunchTemplateSpec) -> pulumi.Resource:
    return aws.ec2.LaunchTemplate(
        item.id,
        name=spec.name,
        image_id=image_id(item, spec.image),
        instance_type=spec.instance_type,
        vpc_security_group_ids=group.refs(item, spec.security_group_items) or None,
        key_name=key_name(group, item, spec.key_pair_item),
        tag_specifications=[{"resource_type": "instance", "tags": group.tags(spec)}],
        **group.tagged(spec),
    )


BUILD: dict[str, AwsBuilder] = {"aws.ec2.launch_template": build_launch_template}
