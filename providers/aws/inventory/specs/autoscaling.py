"""Auto Scaling launch configurations and groups.

A launch configuration's user data may hold secrets: only whether it has any is kept.
Launch configurations are listed first, so a group finds the one it names among them
(its ARN and instance type) without a call of its own.
"""

from __future__ import annotations

from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import ids

LAUNCH_CONFIGURATION = "aws.autoscaling.launch_configuration"


def _launch_template(item: Item) -> dict[str, Any]:
    return item.get("LaunchTemplate") or item.get("MixedInstancesPolicy", {}).get("LaunchTemplate", {}).get(
        "LaunchTemplateSpecification", {}
    )


# --- launch configurations ------------------------------------------------------------------------


def _drop_user_data(ctx: JobContext, items: list[Item]) -> list[Item]:
    """UserData leaves the item before anything reads it; `_has_user_data` says whether there was some."""
    for item in items:
        item["_has_user_data"] = bool(item.pop("UserData", None))
    return items


def _block_device(mapping: dict[str, Any]) -> dict[str, Any]:
    ebs = mapping.get("Ebs") or {}
    return {
        "device_name": mapping.get("DeviceName"),
        "volume_size_gib": ebs.get("VolumeSize"),
        "volume_type": ebs.get("VolumeType"),
        "iops": ebs.get("Iops"),
        "throughput_mibps": ebs.get("Throughput"),
        "encrypted": ebs.get("Encrypted"),
    }


def _build_launch_configuration(item: Item, ctx: JobContext) -> Built:
    groups = list(item.get("SecurityGroups") or [])
    return Built(
        props={
            "launch_configuration_name": item.get("LaunchConfigurationName"),
            "image_id": item.get("ImageId"),
            "instance_type": item.get("InstanceType"),
            "key_name": item.get("KeyName") or None,
            "security_group_ids": groups,
            "has_user_data": bool(item.get("_has_user_data")),
            "iam_instance_profile": item.get("IamInstanceProfile"),
            "associate_public_ip_address": item.get("AssociatePublicIpAddress"),
            "ebs_optimized": bool(item.get("EbsOptimized", False)),
            "detailed_monitoring": bool((item.get("InstanceMonitoring") or {}).get("Enabled", False)),
            "spot_price": item.get("SpotPrice"),
            "placement_tenancy": item.get("PlacementTenancy"),
            "block_devices": [_block_device(mapping) for mapping in item.get("BlockDeviceMappings", []) if mapping.get("Ebs")],
        },
        refs=groups,
    )


# --- groups ---------------------------------------------------------------------------------------


def _launch_configuration_named(ctx: JobContext, name: str) -> Item:
    listed = ctx.collected.get(LAUNCH_CONFIGURATION, [])
    return next((item for item in listed if item.get("LaunchConfigurationName") == name), {})


def _instance_type(ctx: JobContext, item: Item) -> None:
    """The type of the group's instances, else the one its launch template or configuration names."""
    configuration = _launch_configuration_named(ctx, item["LaunchConfigurationName"]) if item.get("LaunchConfigurationName") else {}
    item["_launch_configuration_arn"] = configuration.get("LaunchConfigurationARN")
    known = [instance["InstanceType"] for instance in item.get("Instances", []) if instance.get("InstanceType")]
    if known:
        item["_instance_type"] = known[0]
        return
    template = _launch_template(item)
    if template.get("LaunchTemplateId") or template.get("LaunchTemplateName"):
        ec2 = ctx.client("ec2")
        selector = {"LaunchTemplateId": template["LaunchTemplateId"]} if template.get("LaunchTemplateId") else {"LaunchTemplateName": template["LaunchTemplateName"]}
        version = template.get("Version") or "$Default"
        response = guarded(ctx, lambda: ec2.describe_launch_template_versions(**selector, Versions=[version]), {})
        versions = response.get("LaunchTemplateVersions", [])
        item["_instance_type"] = versions[0].get("LaunchTemplateData", {}).get("InstanceType") if versions else None
        item["_launch_template_id"] = versions[0].get("LaunchTemplateId") if versions else None
    else:
        item["_instance_type"] = configuration.get("InstanceType")


def _build(item: Item, ctx: JobContext) -> Built:
    template_id = _launch_template(item).get("LaunchTemplateId") or item.get("_launch_template_id")
    configuration_arn = item.get("_launch_configuration_arn")
    subnets = [subnet for subnet in item.get("VPCZoneIdentifier", "").split(",") if subnet]
    target_groups = item.get("TargetGroupARNs", [])
    instances = ids(item.get("Instances"), "InstanceId")
    return Built(
        props={
            "min_size": item.get("MinSize"),
            "max_size": item.get("MaxSize"),
            "desired_capacity": item.get("DesiredCapacity"),
            "launch_template_id": template_id,
            "launch_configuration_name": item.get("LaunchConfigurationName"),
            "launch_configuration_arn": configuration_arn,
            "instance_type": item.get("_instance_type"),
            "instance_ids": instances,
            "target_group_arns": target_groups,
            "subnet_ids": subnets,
            "load_balancer_names": item.get("LoadBalancerNames", []),
        },
        refs=[template_id, configuration_arn, *subnets, *target_groups, *instances],
    )


register(
    ResourceSpec(
        key=LAUNCH_CONFIGURATION, service="autoscaling", operation="describe_launch_configurations",
        result_path="LaunchConfigurations[]", id_field="LaunchConfigurationARN", build=_build_launch_configuration,
        name_field="LaunchConfigurationName", tags_field=None, page_size=100, enrich=_drop_user_data,
    ),
    ResourceSpec(
        "aws.autoscaling.group", "autoscaling", "describe_auto_scaling_groups", "AutoScalingGroups[]",
        "AutoScalingGroupARN", _build, name_field="AutoScalingGroupName", page_size=100, detail=_instance_type,
    ),
)
