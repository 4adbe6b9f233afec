"""Builds CloudWatch Logs groups (logs.group) with the retention, class and rebuilt KMS key of the source."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.log_group import LogGroupSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_log_group(group: AwsGroup, item: PlanItem, spec: LogGroupSpec) -> pulumi.Resource:
    log_group = aws.cloudwatch.LogGroup(
        item.id, name=spec.log_group_name, retention_in_days=spec.retention_days, log_group_class=spec.log_group_class,
        kms_key_id=group.optional_ref(item, spec.kms_key_item, "arn"), **group.tagged(spec),
    )
    return group.exporting(item, log_group, log_group_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.cloudwatch.log_group": build_log_group}
