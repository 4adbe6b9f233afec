"""Builds EFS file systems (storage.file) with a mount target in each rebuilt subnet."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.file_share import FileSystemSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_file_system(group: AwsGroup, item: PlanItem, spec: FileSystemSpec) -> pulumi.Resource:
    file_system = aws.efs.FileSystem(
        item.id,
        performance_mode=spec.performance_mode,
        throughput_mode=spec.throughput_mode,
        provisioned_throughput_in_mibps=spec.provisioned_throughput_mibps if spec.throughput_mode == "provisioned" else None,
        encrypted=spec.encrypted,
        kms_key_id=group.optional_ref(item, spec.kms_key_item, "arn") if spec.encrypted else None,
        **group.name_tagged(spec),
    )
    for subnet_item, subnet_id in group.ref_pairs(item, spec.mount_subnet_items):
        aws.efs.MountTarget(
            f"{item.id}-{subnet_item}", file_system_id=file_system.id, subnet_id=subnet_id, opts=group.opts(spec)
        )
    return group.exporting(item, file_system, dns_name="dns_name")


BUILD: dict[str, AwsBuilder] = {"aws.efs.file_system": build_file_system}
