"""Storage: EBS volumes, S3 buckets (versioning, website), EFS file systems, ECR repositories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws import specs as s
from stacks.aws.base import AwsBuilder, AwsGroup, AwsGroupArgs


@dataclass
class StorageArgs(AwsGroupArgs):
    """Items of the `storage` group."""


def build_volume(group: AwsGroup, item: PlanItem, spec: s.VolumeSpec) -> pulumi.Resource:
    volume = aws.ebs.Volume(
        item.id,
        availability_zone=spec.availability_zone,
        size=spec.size_gib,
        type=spec.volume_type,
        iops=spec.iops,
        throughput=spec.throughput_mibps,
        encrypted=spec.encrypted,
        tags=group.tags(spec),
        opts=group.opts(spec),
    )
    group.export(item, "volume_id", volume.id)
    return volume


def build_bucket(group: AwsGroup, item: PlanItem, spec: s.BucketSpec) -> pulumi.Resource:
    bucket = aws.s3.Bucket(item.id, bucket=spec.bucket, tags=spec.tags, opts=group.opts(spec))
    if spec.versioning != "Disabled":
        aws.s3.BucketVersioning(
            f"{item.id}-versioning",
            bucket=bucket.id,
            versioning_configuration={"status": spec.versioning},
            opts=group.opts(spec),
        )
    if spec.website:
        website = aws.s3.BucketWebsiteConfiguration(
            f"{item.id}-website",
            bucket=bucket.id,
            index_document={"suffix": spec.website_index_document},
            opts=group.opts(spec),
        )
        group.export(item, "website_endpoint", website.website_endpoint)
    group.export(item, "bucket", bucket.bucket)
    return bucket


def build_file_system(group: AwsGroup, item: PlanItem, spec: s.FileSystemSpec) -> pulumi.Resource:
    file_system = aws.efs.FileSystem(
        item.id,
        performance_mode=spec.performance_mode,
        throughput_mode=spec.throughput_mode,
        encrypted=spec.encrypted,
        tags=group.tags(spec),
        opts=group.opts(spec),
    )
    for subnet_item, subnet_id in group.ref_pairs(item, spec.mount_subnet_items):
        aws.efs.MountTarget(
            f"{item.id}-{subnet_item}", file_system_id=file_system.id, subnet_id=subnet_id, opts=group.opts(spec)
        )
    group.export(item, "dns_name", file_system.dns_name)
    return file_system


def build_repository(group: AwsGroup, item: PlanItem, spec: s.RepositorySpec) -> pulumi.Resource:
    repository = aws.ecr.Repository(item.id, name=spec.repository_name, tags=spec.tags, opts=group.opts(spec))
    group.export(item, "repository_url", repository.repository_url)
    return repository


class Storage(AwsGroup):
    group = "storage"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = {
        "aws.ebs.volume": build_volume,
        "aws.s3.bucket": build_bucket,
        "aws.efs.file_system": build_file_system,
        "aws.ecr.repository": build_repository,
    }
