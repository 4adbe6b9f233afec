"""Block volumes (storage.block) -> new, empty EBS volumes in the instance's zone, priced by size, IOPS and throughput.

A volume of an instance launched by an Auto Scaling group is skipped: the
rebuilt group launches its instances with their volumes.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, skipped
from planner.core.index import index_of
from planner.core.members import attached_instances, launching_group_indexed
from planner.core.model.inventory import Resource
from providers.aws.kinds._encryption import kms_key_item
from providers.aws.kinds._pricing import Priced
from providers.aws.kinds._shared import Links, common_fields, result, target_zone
from providers.aws.kinds._volumes import price_volume, volume_size
from providers.aws.spec import Spec


class VolumeSpec(Spec):
    type: Literal["aws.ebs.volume"] = "aws.ebs.volume"
    availability_zone: str
    size_gib: int
    volume_type: str = "gp3"
    iops: int | None = None
    throughput_mibps: int | None = None
    encrypted: bool = False
    kms_key_item: str | None = None  # None when encrypted: the AWS-managed key aws/ebs


def _launched_by_group(volume: Resource, ctx: MappingContext) -> bool:
    attached = attached_instances(volume, ctx.resource)
    return bool(attached) and all(i is not None and i.props.get("autoscaling_group") for i in attached)


def _skipped_with_its_group(volume: Resource, ctx: MappingContext) -> MappedTarget:
    # Like its instances (map_vm), the volume is launched again by the rebuilt group's template.
    group = launching_group_indexed(volume, index_of(ctx), ctx.resource)
    owner = f"item {ctx.item_id(group.id)}" if group is not None else "(not inventoried)"
    return skipped(
        f"volume of an instance launched by an Auto Scaling group: the rebuilt group {owner} launches "
        "its instances with their volumes from its launch template"
    )


def map_block(resource: Resource, ctx: MappingContext) -> MappedTarget:
    if _launched_by_group(resource, ctx):
        return _skipped_with_its_group(resource, ctx)
    region = ctx.target_region(resource.region)
    size = volume_size(resource.props)
    encrypted = bool(resource.props.get("encrypted"))
    key, key_notes = kms_key_item(resource, ctx, Links(resource, ctx)) if encrypted else (None, [])
    spec = VolumeSpec(
        **common_fields(resource, ctx),
        availability_zone=target_zone(resource, ctx, resource.props.get("availability_zone")),
        **asdict(size),
        encrypted=encrypted,
        kms_key_item=key,
    )
    priced = Priced()
    price_volume(priced, size, region)
    notes = ["a new empty volume: restore the data from a snapshot shared with the new account", *key_notes]
    return result("mapped", spec, priced, notes)


MAP: dict[str, MapFunction] = {"storage.block": map_block}
SPECS: tuple[type[Spec], ...] = (VolumeSpec,)
