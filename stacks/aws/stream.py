"""Builds Kinesis data streams (stream): capacity mode, shards, retention, and KMS encryption with the rebuilt key
(or the AWS-managed one)."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.stream import AWS_MANAGED_KINESIS_KEY, KinesisStreamSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def _encryption(group: AwsGroup, item: PlanItem, spec: KinesisStreamSpec) -> dict[str, Any]:
    if not spec.encrypted:
        return {}
    key = group.optional_ref(item, spec.kms_key_item, "arn")
    return {"encryption_type": "KMS", "kms_key_id": key if key is not None else AWS_MANAGED_KINESIS_KEY}


def build_stream(group: AwsGroup, item: PlanItem, spec: KinesisStreamSpec) -> pulumi.Resource:
    stream = aws.kinesis.Stream(
        item.id, name=spec.name, shard_count=spec.shard_count, retention_period=spec.retention_hours,
        stream_mode_details={"stream_mode": spec.mode}, **_encryption(group, item, spec), **group.tagged(spec))
    return group.exporting(item, stream, stream_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.kinesis.stream": build_stream}
