"""Auto Scaling groups."""

from __future__ import annotations

from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import ids


def _launch_template(item: Item) -> dict[str, Any]:
    return item.get("LaunchTemplate") or item.get("MixedInstancesPolicy", {}).get("LaunchTemplate", {}).get(
        "LaunchTemplateSpecification", {}
    )


def _instance_type(ctx: JobContext, item: Item) -> None:
    """The type of the group's instances, else the one its launch template or configuration names."""
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
    elif item.get("LaunchConfigurationName"):
        client = ctx.client()
        response = guarded(
            ctx, lambda: client.describe_launch_configurations(LaunchConfigurationNames=[item["LaunchConfigurationName"]]), {}
        )
        configurations = response.get("LaunchConfigurations", [])
        item["_instance_type"] = configurations[0].get("InstanceType") if configurations else None


def _build(item: Item, ctx: JobContext) -> Built:
    template_id = _launch_template(item).get("LaunchTemplateId") or item.get("_launch_template_id")
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
            "instance_type": item.get("_instance_type"),
            "instance_ids": instances,
            "target_group_arns": target_groups,
            "subnet_ids": subnets,
            "load_balancer_names": item.get("LoadBalancerNames", []),
        },
        refs=[template_id, *subnets, *target_groups, *instances],
    )


register(
    ResourceSpec(
        "aws.autoscaling.group", "autoscaling", "describe_auto_scaling_groups", "AutoScalingGroups[]",
        "AutoScalingGroupARN", _build, name_field="AutoScalingGroupName", page_size=100, detail=_instance_type,
    ),
)
