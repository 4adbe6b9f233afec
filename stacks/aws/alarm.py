"""Builds CloudWatch metric alarms (alarm) on the rebuilt resources' dimensions, notifying the rebuilt topics."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.alarm import AlarmActions, MetricAlarmSpec
from stacks.aws._eventing import with_partition
from stacks.aws.base import AwsBuilder, AwsGroup


def _dimensions(group: AwsGroup, item: PlanItem, spec: MetricAlarmSpec) -> dict[str, pulumi.Input[str]]:
    values: dict[str, pulumi.Input[str]] = {}
    for dimension in spec.dimensions:
        if dimension.target_item is None:
            values[dimension.name] = str(dimension.value)
            continue
        found = group.ref_pairs(item, [dimension.target_item], dimension.attribute or "id")
        values[dimension.name] = found[0][1] if found else f"REPLACE-{dimension.name}"
    return values


def _actions(group: AwsGroup, item: PlanItem, spec: MetricAlarmSpec, actions: AlarmActions) -> list[Any] | None:
    arns: list[Any] = [*group.refs(item, actions.topic_items, "arn"),
                       *(with_partition(action, spec.region) for action in actions.ec2_actions)]
    return arns or None


def build_alarm(group: AwsGroup, item: PlanItem, spec: MetricAlarmSpec) -> pulumi.Resource:
    alarm = aws.cloudwatch.MetricAlarm(
        item.id, name=spec.name, namespace=spec.namespace, metric_name=spec.metric_name, statistic=spec.statistic,
        extended_statistic=spec.extended_statistic, period=spec.period_s, evaluation_periods=spec.evaluation_periods,
        datapoints_to_alarm=spec.datapoints_to_alarm, threshold=spec.threshold, comparison_operator=spec.comparison,
        treat_missing_data=spec.treat_missing_data, unit=spec.unit, dimensions=_dimensions(group, item, spec) or None,
        actions_enabled=spec.actions_enabled, alarm_actions=_actions(group, item, spec, spec.alarm),
        ok_actions=_actions(group, item, spec, spec.ok),
        insufficient_data_actions=_actions(group, item, spec, spec.insufficient_data), **group.tagged(spec))
    return group.exporting(item, alarm, alarm_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.cloudwatch.metric_alarm": build_alarm}
