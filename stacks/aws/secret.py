"""Builds Secrets Manager secrets (secret) without a value: the operator copies it from the source account."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.secret import SecretSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_secret(group: AwsGroup, item: PlanItem, spec: SecretSpec) -> pulumi.Resource:
    secret = aws.secretsmanager.Secret(
        item.id,
        name=spec.secret_name,
        kms_key_id=group.optional_ref(item, spec.kms_key_item, "arn"),
        description="value to be copied from the source account by the operator",
        **group.tagged(spec),
    )
    return group.exporting(item, secret, secret_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.secretsmanager.secret": build_secret}
