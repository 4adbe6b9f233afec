"""CloudWatch metric alarms: the metric, threshold and actions, and the resources their dimensions name.

One paginated DescribeAlarms per region (100 a page; metric alarms only: moto 5.2.5
implements no composite alarms, so they are not inventoried yet). `dimension_refs`
maps each dimension that names a resource to that resource's inventory id, from
the dimension's value (an instance id, a queue name, `app/<lb>/<id>`...).
"""

from __future__ import annotations

from collections.abc import Callable

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register

ALARMS_PER_PAGE = 100
IdOf = Callable[[str, dict[str, str], JobContext], str]


def _arn(service: str, pattern: str) -> IdOf:
    return lambda value, dimensions, ctx: ctx.arn(service, pattern.format(value=value, **dimensions))


def _same(value: str, dimensions: dict[str, str], ctx: JobContext) -> str:
    return value


# Dimension name -> the inventory id of the resource it names (ids as docs/inventory-props.md gives them).
DIMENSION_IDS: dict[str, IdOf] = {
    "InstanceId": _same,
    "VolumeId": _same,
    "NatGatewayId": _same,
    "FileSystemId": _same,
    "DistributionId": _same,
    "StateMachineArn": _same,
    "LoadBalancer": _arn("elasticloadbalancing", "loadbalancer/{value}"),
    "TargetGroup": _arn("elasticloadbalancing", "{value}"),
    "LoadBalancerName": _arn("elasticloadbalancing", "loadbalancer/{value}"),
    "QueueName": _arn("sqs", "{value}"),
    "TopicName": _arn("sns", "{value}"),
    "DBInstanceIdentifier": _arn("rds", "db:{value}"),
    "DBClusterIdentifier": _arn("rds", "cluster:{value}"),
    "FunctionName": _arn("lambda", "function:{value}"),
    "TableName": _arn("dynamodb", "table/{value}"),
    "StreamName": _arn("kinesis", "stream/{value}"),
    "ReplicationGroupId": _arn("elasticache", "replicationgroup:{value}"),
    "CacheClusterId": _arn("elasticache", "cluster:{value}"),
    "ServiceName": _arn("ecs", "service/{ClusterName}/{value}"),
    "BucketName": lambda value, dimensions, ctx: f"arn:{ctx.partition}:s3:::{value}",
    "ApiId": lambda value, dimensions, ctx: f"arn:{ctx.partition}:apigateway:{ctx.region}::/apis/{value}",
}


def dimension_refs(dimensions: dict[str, str], ctx: JobContext) -> dict[str, str]:
    """Dimension name -> inventory id of the resource it names (dimensions that name none are left out)."""
    found: dict[str, str] = {}
    for name, value in dimensions.items():
        id_of = DIMENSION_IDS.get(name)
        try:
            found.update({name: id_of(value, dimensions, ctx)} if id_of else {})
        except KeyError:  # a pattern that needs another dimension the alarm does not set
            continue
    return found


def _tags(ctx: JobContext, item: Item) -> None:
    arn = item["AlarmArn"]
    item["Tags"] = guarded(ctx, lambda: ctx.client().list_tags_for_resource(ResourceARN=arn), {}).get("Tags", [])


def _build(item: Item, ctx: JobContext) -> Built:
    dimensions = {str(d["Name"]): str(d["Value"]) for d in item.get("Dimensions", []) if d.get("Name")}
    refs_by_dimension = dimension_refs(dimensions, ctx)
    actions = [*item.get("AlarmActions", []), *item.get("OKActions", []), *item.get("InsufficientDataActions", [])]
    return Built(
        props={
            "namespace": item.get("Namespace"),
            "metric_name": item.get("MetricName"),
            "statistic": item.get("Statistic") or item.get("ExtendedStatistic"),
            "period_s": item.get("Period"),
            "evaluation_periods": item.get("EvaluationPeriods"),
            "datapoints_to_alarm": item.get("DatapointsToAlarm"),
            "threshold": item.get("Threshold"),
            "comparison": item.get("ComparisonOperator"),
            "treat_missing_data": item.get("TreatMissingData"),
            "unit": item.get("Unit"),
            "dimensions": dimensions,
            "dimension_refs": refs_by_dimension,
            "metric_math": bool(item.get("Metrics")),
            "actions_enabled": bool(item.get("ActionsEnabled", True)),
            "alarm_actions": item.get("AlarmActions", []),
            "ok_actions": item.get("OKActions", []),
            "insufficient_data_actions": item.get("InsufficientDataActions", []),
            "state": item.get("StateValue"),
        },
        refs=[*refs_by_dimension.values(), *(action for action in actions if ":sns:" in action)],
    )


register(
    ResourceSpec(
        key="aws.cloudwatch.alarm", service="cloudwatch", operation="describe_alarms", result_path="MetricAlarms[]",
        id_field="AlarmArn", build=_build, name_field="AlarmName", page_size=ALARMS_PER_PAGE,
        tag_type="cloudwatch:alarm", item_tags=_tags,
    ),
)
