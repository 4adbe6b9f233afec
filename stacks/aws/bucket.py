"""Builds S3 buckets (storage.object) with their versioning, static website and default encryption."""

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


def _encryption(group: AwsGroup, item: PlanItem, spec: BucketSpec, bucket: aws.s3.Bucket) -> None:
    default = {"sse_algorithm": spec.sse_algorithm, "kms_master_key_id": group.optional_ref(item, spec.kms_key_item, "arn")}
    aws.s3.BucketServerSideEncryptionConfiguration(
        f"{item.id}-encryption",
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": default}],
        opts=group.opts(spec),
    )


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
    if spec.sse_algorithm:
        _encryption(group, item, spec, bucket)
    return group.exporting(item, bucket, bucket="bucket")


BUILD: dict[str, AwsBuilder] = {"aws.s3.bucket": build_bucket}
