"""Alarms (monitoring.alarm) -> CloudWatch metric alarms on the rebuilt resources' dimensions, notifying the rebuilt
topics. Dimension values that name a rebuilt resource become that resource's output (its id, name or ARN suffix)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from planner.core.aws_ids import AWS_ID_PATTERN
from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, item_of, optional_int, result
from providers.aws.spec import Spec, _Part

# Dimension -> the output of the rebuilt resource that CloudWatch expects as its value (pulumi-aws attributes).
DIMENSION_OUTPUTS: dict[str, str] = {
    "InstanceId": "id", "VolumeId": "id", "NatGatewayId": "id", "FileSystemId": "id", "DistributionId": "id",
    "StateMachineArn": "arn", "LoadBalancer": "arn_suffix", "TargetGroup": "arn_suffix", "LoadBalancerName": "name",
    "QueueName": "name", "TopicName": "name", "DBInstanceIdentifier": "identifier",
    "DBClusterIdentifier": "cluster_identifier", "FunctionName": "name", "TableName": "name", "StreamName": "name",
    "ReplicationGroupId": "id", "CacheClusterId": "cluster_id", "ServiceName": "name", "BucketName": "bucket",
    "ApiId": "id",
}
PARTITION_TOKEN = "${AWS::Partition}"
EC2_ACTION_MARKER = ":automate:"
PLACEHOLDER = "REPLACE-{name}"
SNS_TOPIC = "aws.sns.topic"
AUTOSCALING_GROUP = "aws.autoscaling.group"
ACTION_LISTS: tuple[tuple[str, str], ...] = (("alarm_actions", "alarm"), ("ok_actions", "ok"),
                                             ("insufficient_data_actions", "insufficient_data"))


class AlarmDimension(_Part):
    name: str
    value: str | None = None  # a literal value (a name that is no source id)
    target_item: str | None = None  # else the rebuilt resource whose output is the value
    attribute: str | None = None


class AlarmActions(_Part):
    topic_items: list[str] = Field(default_factory=list)
    ec2_actions: list[str] = Field(default_factory=list)  # arn:${AWS::Partition}:automate:<region>:ec2:<action>


class MetricAlarmSpec(Spec):
    type: Literal["aws.cloudwatch.metric_alarm"] = "aws.cloudwatch.metric_alarm"
    BUILT_LAST: ClassVar[bool] = True  # refers to items of later groups (stacks/aws/_late.py)
    namespace: str
    metric_name: str
    statistic: str | None = None
    extended_statistic: str | None = None
    period_s: int = 300
    evaluation_periods: int = 1
    datapoints_to_alarm: int | None = None
    threshold: float = 0.0
    comparison: str = "GreaterThanThreshold"
    treat_missing_data: str | None = None
    unit: str | None = None
    dimensions: list[AlarmDimension] = Field(default_factory=list)
    actions_enabled: bool = True
    alarm: AlarmActions = Field(default_factory=AlarmActions)
    ok: AlarmActions = Field(default_factory=AlarmActions)
    insufficient_data: AlarmActions = Field(default_factory=AlarmActions)


def _group_of_member(source_id: str | None, ctx: MappingContext) -> str | None:
    """The Auto Scaling group item of an instance its group launches (the rebuilt group launches its replacement)."""
    instance = ctx.resource(source_id) if source_id else None
    group_name = instance.props.get("autoscaling_group") if instance is not None else None
    if not group_name:
        return None
    group = next((r for r in ctx.inventory.resources if r.key == AUTOSCALING_GROUP and r.name == group_name), None)
    return item_of(ctx, group.id) if group is not None else None


def _dimension(name: str, value: str, resource: Resource, ctx: MappingContext) -> tuple[AlarmDimension, str | None]:
    source_id = (resource.props.get("dimension_refs") or {}).get(name)
    group = _group_of_member(source_id, ctx) if name == "InstanceId" else None
    if group is not None:
        return (AlarmDimension(name="AutoScalingGroupName", target_item=group, attribute="name"),
                "the instance is rebuilt by its Auto Scaling group: the alarm watches the group (AutoScalingGroupName)")
    target = item_of(ctx, source_id)
    if target is not None and name in DIMENSION_OUTPUTS:
        return AlarmDimension(name=name, target_item=target, attribute=DIMENSION_OUTPUTS[name]), None
    if AWS_ID_PATTERN.search(value):
        placeholder = PLACEHOLDER.format(name=name)
        return AlarmDimension(name=name, value=placeholder), f"dimension {name} names a resource the plan does not rebuild: it reads {placeholder}"
    note = f"dimension {name}={value} is kept as written: check it names the rebuilt resource" if name in DIMENSION_OUTPUTS else None
    return AlarmDimension(name=name, value=value), note


def _actions(arns: list[str], resource: Resource, ctx: MappingContext) -> tuple[AlarmActions, list[str]]:
    actions, notes = AlarmActions(), []
    for arn in arns:
        other = ctx.resource(arn)
        if other is not None and other.key == SNS_TOPIC and item_of(ctx, arn):
            actions.topic_items.append(str(item_of(ctx, arn)))
        elif EC2_ACTION_MARKER in arn:
            action = arn.rsplit(":", 1)[-1]
            actions.ec2_actions.append(f"arn:{PARTITION_TOKEN}:automate:{ctx.target_region(resource.region)}:ec2:{action}")
        else:
            notes.append(f"action {arn.split(':')[2] if arn.count(':') > 2 else arn} is not rebuilt by the plan: add it back")
    return actions, notes


def map_alarm(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("metric_math") or not props.get("metric_name"):
        return manual("a metric-math alarm: its metric queries are not inventoried yet",
                      "recreate the alarm's metric math over the rebuilt resources")
    pairs = [_dimension(name, str(value), resource, ctx) for name, value in sorted((props.get("dimensions") or {}).items())]
    notes = [note for _, note in pairs if note]
    action_sets = {}
    for prop, field_name in ACTION_LISTS:
        action_sets[field_name], action_notes = _actions(list(props.get(prop) or []), resource, ctx)
        notes.extend(action_notes)
    statistic = str(props.get("statistic") or "Average")
    extended = statistic.startswith(("p", "tm", "wm", "tc", "ts"))
    spec = MetricAlarmSpec(
        **common_fields(resource, ctx), namespace=str(props["namespace"]), metric_name=str(props["metric_name"]),
        statistic=None if extended else statistic, extended_statistic=statistic if extended else None,
        period_s=optional_int(props.get("period_s")) or 300, evaluation_periods=optional_int(props.get("evaluation_periods")) or 1,
        datapoints_to_alarm=optional_int(props.get("datapoints_to_alarm")), threshold=float(props.get("threshold") or 0),
        comparison=str(props.get("comparison") or "GreaterThanThreshold"), treat_missing_data=props.get("treat_missing_data"),
        unit=props.get("unit"), dimensions=[dimension for dimension, _ in pairs],
        actions_enabled=bool(props.get("actions_enabled", True)), **action_sets)
    return result("partial" if notes else "mapped", spec, unpriced("CloudWatch alarm"), notes)


MAP: dict[str, MapFunction] = {"monitoring.alarm": map_alarm}
SPECS: tuple[type[Spec], ...] = (MetricAlarmSpec,)
