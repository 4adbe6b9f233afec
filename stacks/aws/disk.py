"""Builds EBS volumes (storage.block): new and empty, of the source's size, type, IOPS and throughput."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.disk import VolumeSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_volume(group: AwsGroup, item: PlanItem, spec: VolumeSpec) -> pulumi.Resource:
    volume = aws.ebs.Volume(
        item.id,
        availability_zone=spec.availability_zone,
        size=spec.size_gib,
        type=spec.volume_type,
        iops=spec.iops,
        throughput=spec.throughput_mibps,
        encrypted=spec.encrypted,
        kms_key_id=group.optional_ref(item, spec.kms_key_item, "arn") if spec.encrypted else None,
        **group.name_tagged(spec),
    )
    return group.exporting(item, volume, volume_id="id")


BUILD: dict[str, AwsBuilder] = {"aws.ebs.volume": build_volume}
