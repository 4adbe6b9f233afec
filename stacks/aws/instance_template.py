"""Builds EC2 launch templates (compute.template): image, type, security groups, key pair, block devices and
monitoring; instances get the tags. A launch configuration's template is built the same way."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.instance_template import BlockDeviceSpec, LaunchTemplateSpec
from stacks.aws._shared import image_id, key_name
from stacks.aws.base import AwsBuilder, AwsGroup


def _flag(value: bool | None) -> str | None:
    """Launch template booleans are strings in pulumi-aws ("true"/"false")."""
    return None if value is None else str(value).lower()


def _block_device(device: BlockDeviceSpec) -> dict[str, Any]:
    ebs = {"volume_size": device.volume_size_gib, "volume_type": device.volume_type, "iops": device.iops,
           "throughput": device.throughput_mibps, "encrypted": _flag(device.encrypted)}
    return {"device_name": device.device_name, "ebs": {key: value for key, value in ebs.items() if value is not None}}


def _network(group: AwsGroup, item: PlanItem, spec: LaunchTemplateSpec) -> dict[str, Any]:
    """Security groups on the template, or on its one interface when the public IP choice is explicit
    (the two cannot be given together)."""
    groups = group.refs(item, spec.security_group_items) or None
    if spec.associate_public_ip is None:
        return {"vpc_security_group_ids": groups}
    return {"network_interfaces": [{"device_index": 0, "associate_public_ip_address": _flag(spec.associate_public_ip),
                                    "security_groups": groups}]}


def build_launch_template(group: AwsGroup, item: PlanItem, spec: LaunchTemplateSpec) -> pulumi.Resource:
    return aws.ec2.LaunchTemplate(
        item.id,
        name=spec.name,
        image_id=image_id(item, spec.image),
        instance_type=spec.instance_type,
        key_name=key_name(group, item, spec.key_pair_item),
        block_device_mappings=[_block_device(device) for device in spec.block_devices] or None,
        ebs_optimized=_flag(spec.ebs_optimized),
        monitoring={"enabled": spec.detailed_monitoring} if spec.detailed_monitoring is not None else None,
        tag_specifications=[{"resource_type": "instance", "tags": group.tags(spec)}],
        **_network(group, item, spec),
        **group.tagged(spec),
    )


BUILD: dict[str, AwsBuilder] = {"aws.ec2.launch_template": build_launch_template}
