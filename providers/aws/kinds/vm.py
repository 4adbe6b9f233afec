"""Virtual machines (compute.vm) -> EC2 instances: the source type where offered, the image to copy.

An instance launched by an Auto Scaling group is skipped: the rebuilt group
launches its replacement (priced on the group's item).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, skipped
from planner.core.model.inventory import Resource
from providers.aws import catalog
from providers.aws.kinds._image import ImageChoice, image_choice
from providers.aws.kinds._pricing import price_instances
from providers.aws.kinds._shared import Links, common_fields, own_item_id, result, target_zone
from providers.aws.spec import Spec, _Part


class VolumeAttachmentSpec(_Part):
    volume_item: str
    device_name: str


class InstanceSpec(Spec):
    type: Literal["aws.ec2.instance"] = "aws.ec2.instance"
    availability_zone: str
    instance_type: str
    source_instance_type: str
    architecture: str = "x86_64"
    platform: str = "linux"
    image: ImageChoice
    subnet_item: str | None = None
    security_group_items: list[str] = Field(default_factory=list)
    key_pair_item: str | None = None
    launch_template_item: str | None = None
    private_ip: str | None = None
    ebs_optimized: bool | None = None
    volume_attachments: list[VolumeAttachmentSpec] = Field(default_factory=list)


def _instance_type(props: dict[str, Any], region: str) -> tuple[str, list[str]]:
    """The source type when the target region offers it, else the cheapest equivalent."""
    source_type = str(props.get("instance_type") or "")
    offered = catalog.offers(region, source_type)
    if source_type and offered:
        return source_type, []
    choice = catalog.cheapest_instance_type(
        region,
        float(props.get("vcpu") or 1),
        float(props.get("memory_mib") or 1024) / 1024,
        gpu_count=int(props.get("gpu_count") or 0),
        gpu_model=props.get("gpu_model"),
        arch=str(props.get("architecture") or "x86_64"),
        burstable=bool(props.get("burstable")),
    )
    if not choice.found:
        return source_type, [f"{source_type} is not offered in {region} and no equivalent was found", *choice.notes]
    return choice.machine_type, [
        f"{source_type} is not offered in {region}: {choice.machine_type} "
        f"({choice.vcpu:g} vCPU / {choice.memory_gb:g} GiB) is the cheapest equivalent",
        *choice.notes,
    ]


def _instance_notes(props: dict[str, Any]) -> list[str]:
    """What the operator does after the instance exists: attach its data volumes; it was stopped."""
    notes = []
    if props.get("volume_ids"):
        notes.append(
            "data volumes are separate items (storage.block); their device names are not inventoried, "
            "so attach them after restoring the data"
        )
    if props.get("state") == "stopped":
        notes.append("the source instance was stopped at inventory time")
    return notes


def _instance_spec(resource: Resource, ctx: MappingContext, links: Links, instance_type: str, image: ImageChoice) -> InstanceSpec:
    props = resource.props
    subnets, groups = links.placement("subnet_id", "security_group_ids")
    return InstanceSpec(
        **common_fields(resource, ctx),
        availability_zone=target_zone(resource, ctx, props.get("availability_zone")),
        instance_type=instance_type,
        source_instance_type=str(props.get("instance_type") or instance_type),
        architecture=str(props.get("architecture") or "x86_64"),
        platform=str(props.get("platform") or "linux"),
        image=image,
        subnet_item=subnets[0] if subnets else None,
        security_group_items=groups,
        key_pair_item=links.one("key_pair_id", "aws.ec2.key_pair"),  # key pairs are regional
        launch_template_item=links.one("launch_template_id", "aws.ec2.launch_template"),
        private_ip=props.get("private_ip"),
        ebs_optimized=props.get("ebs_optimized"),
    )


def map_vm(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("autoscaling_group"):
        return skipped(
            f"launched by Auto Scaling group {props['autoscaling_group']!r}: its rebuilt group launches the "
            "replacement (priced on the group's item)"
        )
    region = ctx.target_region(resource.region)
    instance_type, type_notes = _instance_type(props, region)
    image, image_note = image_choice(props, own_item_id(resource, ctx))
    links = Links(resource, ctx)
    spec = _instance_spec(resource, ctx, links, instance_type, image)
    notes = [image_note, *type_notes, *_instance_notes(props), *links.notes]
    return result("partial", spec, price_instances(instance_type, region, platform=spec.platform), notes)


MAP: dict[str, MapFunction] = {"compute.vm": map_vm}
SPECS: tuple[type[Spec], ...] = (InstanceSpec,)
