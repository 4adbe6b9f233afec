"""Builds KMS keys (kms.key), with rotation for symmetric keys, and their aliases."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.kms import KmsKeySpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_kms_key(group: AwsGroup, item: PlanItem, spec: KmsKeySpec) -> pulumi.Resource:
    key = aws.kms.Key(
        item.id,
        description=f"{spec.name} (rebuilt by planner)",
        key_usage=spec.key_usage,
        customer_master_key_spec=spec.key_spec,
        enable_key_rotation=spec.key_spec == "SYMMETRIC_DEFAULT",
        **group.tagged(spec),
    )
    for index, alias in enumerate(spec.aliases, start=1):
        aws.kms.Alias(f"{item.id}-alias-{index}", name=alias, target_key_id=key.key_id, opts=group.opts(spec))
    return group.exporting(item, key, key_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.kms.key": build_kms_key}
