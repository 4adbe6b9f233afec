"""Instance templates (compute.template) -> EC2 launch templates, with the image to copy and no user data.

An Auto Scaling launch configuration is rebuilt as a launch template too: AWS deprecated launch
configurations, and accounts created on or after 2024-10-01 cannot create them by any means (Amazon EC2
Auto Scaling User Guide, "Auto Scaling launch configurations", Limitations) — a fresh target account is one.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.aws.kinds._image import ImageChoice, image_choice
from providers.aws.kinds._shared import (
    SECURITY_GROUP,
    common_fields,
    item_of,
    linked,
    optional_int,
    own_item_id,
    result,
)
from providers.aws.spec import Spec, _Part

LAUNCH_CONFIGURATION = "aws.autoscaling.launch_configuration"
KEY_PAIR = "aws.ec2.key_pair"
LAUNCH_CONFIGURATION_NOTE = (
    "launch configuration -> launch template: AWS deprecated launch configurations and accounts created on or "
    "after 2024-10-01 cannot create them (EC2 Auto Scaling User Guide, 'Auto Scaling launch configurations')"
)


class BlockDeviceSpec(_Part):
    device_name: str
    volume_size_gib: int | None = None
    volume_type: str | None = None
    iops: int | None = None
    throughput_mibps: int | None = None
    encrypted: bool | None = None


class LaunchTemplateSpec(Spec):
    type: Literal["aws.ec2.launch_template"] = "aws.ec2.launch_template"
    instance_type: str | None = None
    image: ImageChoice
    security_group_items: list[str] = Field(default_factory=list)
    key_pair_item: str | None = None
    block_devices: list[BlockDeviceSpec] = Field(default_factory=list)
    ebs_optimized: bool | None = None
    detailed_monitoring: bool | None = None
    associate_public_ip: bool | None = None  # None: the subnet decides


def _key_pair_name(key_pair: Resource) -> list[Any]:
    return [(key_pair.region, key_pair.name)]


def _key_pair_item(resource: Resource, ctx: MappingContext) -> str | None:
    """The plan item of the key pair the template names (by name, in its region)."""
    name = resource.props.get("key_name")
    found = index_of(ctx).lookup(_key_pair_name, (resource.region, name), KEY_PAIR) if name else ()
    return item_of(ctx, found[0].id) if found else None


def _block_devices(props: dict[str, Any]) -> list[BlockDeviceSpec]:
    return [
        BlockDeviceSpec(
            device_name=str(device.get("device_name")),
            volume_size_gib=optional_int(device.get("volume_size_gib")),
            volume_type=device.get("volume_type"),
            iops=optional_int(device.get("iops")),
            throughput_mibps=optional_int(device.get("throughput_mibps")),
            encrypted=device.get("encrypted"),
        )
        for device in props.get("block_devices") or []
        if isinstance(device, dict) and device.get("device_name")
    ]


def _notes(resource: Resource, image_note: str) -> list[str]:
    if resource.key != LAUNCH_CONFIGURATION:
        return [image_note, "user data is not inventoried: add it to the template"]
    notes = [LAUNCH_CONFIGURATION_NOTE, image_note]
    if resource.props.get("has_user_data"):
        notes.append("the launch configuration has user data (never inventoried): add it to the template")
    if resource.props.get("iam_instance_profile"):
        notes.append(f"instance profile {resource.props['iam_instance_profile']}: create it for the rebuilt role "
                     "and set it on the template")
    if resource.props.get("spot_price"):
        notes.append("the launch configuration bought Spot instances: set the template's market options if wanted")
    return notes


def map_template(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    image, image_note = image_choice(props, own_item_id(resource, ctx))
    spec = LaunchTemplateSpec(
        **common_fields(resource, ctx),
        instance_type=props.get("instance_type"),
        image=image,
        security_group_items=linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
        key_pair_item=_key_pair_item(resource, ctx),
        block_devices=_block_devices(props),
        ebs_optimized=props.get("ebs_optimized") if resource.key == LAUNCH_CONFIGURATION else None,
        detailed_monitoring=props.get("detailed_monitoring"),
        associate_public_ip=props.get("associate_public_ip_address"),
    )
    return result("partial", spec, None, _notes(resource, image_note))


MAP: dict[str, MapFunction] = {"compute.template": map_template}
SPECS: tuple[type[Spec], ...] = (LaunchTemplateSpec,)
