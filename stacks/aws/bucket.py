"""Builds S3 buckets (storage.object) with their versioning and static website configuration."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.bucket import BucketSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def _website(group: AwsGroup, item: PlanItem, spec: BucketSpec, bucket: aws.s3.Bucket) -> None:
    website = aws.s3.BucketWebsiteConfiguration(
        f"{item.id}-website",
        bucket=bucket.id,
        index_document={"suffix": spec.website_index_document},
        opts=group.opts(spec),
    )
    group.export(item, "website_endpoint", website.website_endpoint)


def build_bucket(group: AwsGroup, item: PlanItem, spec: BucketSpec) -> pulumi.Resource:
    bucket = aws.s3.Bucket(item.id, bucket=spec.bucket, **group.tagged(spec))
    if spec.versioning != "Disabled":
        aws.s3.BucketVersioning(
            f"{item.id}-versioning",
            bucket=bucket.id,
            versioning_configuration={"status": spec.versioning},
            opts=group.opts(spec),
        )
    if spec.website:
        _website(group, item, spec, bucket)
    return group.exporting(item, bucket, bucket="bucket")


BUILD: dict[str, AwsBuilder] = {"aws.s3.bucket": build_bucket}
