"""CloudWatch metrics -> Cloud Monitoring metrics, for alert policies.

Metric types and their labels: Google Cloud metrics list (cloud.google.com/monitoring/api/metrics_gcp: compute,
loadbalancing, pubsub, cloudsql, run). Each row says which AWS dimension names the resource, and how the
policy's filter selects the rebuilt resource from that resource's target name: the GCE instance name, the
queue's subscriptions (`<name>-sub...`, as providers/gcp/kinds/queue.py names them), the Cloud SQL instance
(`database_id` is `project:instance`), the Cloud Run service of a function, the load balancer's frontends
(one forwarding rule per listener, named like the listener).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from planner.core.contract import MappingContext
from planner.core.model.inventory import Resource
from providers.gcp.kinds._shared import child_name

Selector = Callable[[Resource, MappingContext], str | None]
LISTENER = "aws.elbv2.listener"
AUTOSCALING_GROUP = "aws.autoscaling.group"
BASE_INSTANCE_NAME_MAX = 54
CUSTOM_METRIC_ROOT = "custom.googleapis.com/aws"
LABEL_KEY = re.compile(r"[^a-z0-9_]+")
METRIC_PATH = re.compile(r"[^A-Za-z0-9_/]+")


def _quoted(value: str) -> str:
    return json.dumps(value)


def _instance(resource: Resource, ctx: MappingContext) -> str:
    """The instance by name; a member of an Auto Scaling group by its managed group's instance-name prefix."""
    group_name = resource.props.get("autoscaling_group")
    group = next((r for r in ctx.inventory.resources if r.key == AUTOSCALING_GROUP and r.name == group_name), None)
    if group is not None:
        prefix = ctx.target_name(group)[:BASE_INSTANCE_NAME_MAX]  # as providers/gcp/kinds/instance_group.py names them
        return f"metric.labels.instance_name = starts_with({_quoted(prefix)})"
    return f"metric.labels.instance_name = {_quoted(ctx.target_name(resource))}"


def _subscription(resource: Resource, ctx: MappingContext) -> str:
    # A queue fed by SNS topics has one subscription per topic, `<name>-sub-<topic item>`.
    return f"resource.labels.subscription_id = starts_with({_quoted(child_name(ctx.target_name(resource), 'sub'))})"


def _sql(resource: Resource, ctx: MappingContext) -> str:
    return f"resource.labels.database_id = ends_with({_quoted(':' + ctx.target_name(resource))})"


def _service(resource: Resource, ctx: MappingContext) -> str:
    return f"resource.labels.service_name = {_quoted(ctx.target_name(resource))}"


def _frontends(resource: Resource, ctx: MappingContext) -> str | None:
    listeners = sorted(ctx.target_name(r) for r in ctx.inventory.resources if r.key == LISTENER and resource.id in r.refs)
    if not listeners:
        return None
    return f"resource.labels.forwarding_rule_name = one_of({', '.join(_quoted(name) for name in listeners)})"


@dataclass(frozen=True)
class GcpMetric:
    metric_type: str
    resource_type: str
    dimension: str  # the CloudWatch dimension naming the resource
    selector: Selector
    scale: float = 1.0  # Cloud Monitoring value = CloudWatch value x scale (percent -> ratio)
    extra_filter: str = ""
    note: str = ""


LB_5XX = "loadbalancing.googleapis.com/https/request_count"
METRICS: dict[tuple[str, str], GcpMetric] = {
    ("AWS/EC2", "CPUUtilization"): GcpMetric("compute.googleapis.com/instance/cpu/utilization", "gce_instance",
                                             "InstanceId", _instance, scale=0.01),
    ("AWS/EC2", "NetworkIn"): GcpMetric("compute.googleapis.com/instance/network/received_bytes_count", "gce_instance",
                                        "InstanceId", _instance),
    ("AWS/EC2", "NetworkOut"): GcpMetric("compute.googleapis.com/instance/network/sent_bytes_count", "gce_instance",
                                         "InstanceId", _instance),
    ("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"): GcpMetric(
        LB_5XX, "https_lb_rule", "LoadBalancer", _frontends, extra_filter="metric.labels.response_code_class = 500",
        note="Cloud Load Balancing counts the load balancer's and the backends' 5xx together"),
    ("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"): GcpMetric(
        LB_5XX, "https_lb_rule", "LoadBalancer", _frontends, extra_filter="metric.labels.response_code_class = 500",
        note="Cloud Load Balancing counts the load balancer's and the backends' 5xx together"),
    ("AWS/SQS", "ApproximateAgeOfOldestMessage"): GcpMetric(
        "pubsub.googleapis.com/subscription/oldest_unacked_message_age", "pubsub_subscription", "QueueName", _subscription),
    ("AWS/SQS", "ApproximateNumberOfMessagesVisible"): GcpMetric(
        "pubsub.googleapis.com/subscription/num_undelivered_messages", "pubsub_subscription", "QueueName", _subscription),
    ("AWS/RDS", "CPUUtilization"): GcpMetric("cloudsql.googleapis.com/database/cpu/utilization", "cloudsql_database",
                                             "DBInstanceIdentifier", _sql, scale=0.01),
    ("AWS/RDS", "DatabaseConnections"): GcpMetric("cloudsql.googleapis.com/database/network/connections",
                                                  "cloudsql_database", "DBInstanceIdentifier", _sql),
    ("AWS/Lambda", "Errors"): GcpMetric("run.googleapis.com/request_count", "cloud_run_revision", "FunctionName", _service,
                                        extra_filter='metric.labels.response_code_class = "5xx"',
                                        note="function errors -> 5xx responses of its Cloud Run service"),
}
# CloudWatch statistic -> Cloud Monitoring per-series aligner.
ALIGNERS: dict[str, str] = {
    "Average": "ALIGN_MEAN", "Sum": "ALIGN_SUM", "Maximum": "ALIGN_MAX", "Minimum": "ALIGN_MIN",
    "SampleCount": "ALIGN_COUNT", "p99": "ALIGN_PERCENTILE_99", "p95": "ALIGN_PERCENTILE_95",
    "p50": "ALIGN_PERCENTILE_50", "p5": "ALIGN_PERCENTILE_05",
}
# CloudWatch comparison -> (Cloud Monitoring comparison, note). The API accepts only GT and LT for thresholds
# (pulumi-gcp 10.2.0 monitoring.AlertPolicy condition_threshold.comparison).
COMPARISONS: dict[str, tuple[str, str]] = {
    "GreaterThanThreshold": ("COMPARISON_GT", ""),
    "GreaterThanOrEqualToThreshold": ("COMPARISON_GT", ">= becomes >: lower the threshold a step if equality must fire"),
    "LessThanThreshold": ("COMPARISON_LT", ""),
    "LessThanOrEqualToThreshold": ("COMPARISON_LT", "<= becomes <: raise the threshold a step if equality must fire"),
}
# CloudWatch TreatMissingData -> Cloud Monitoring evaluation_missing_data.
MISSING_DATA: dict[str, str] = {
    "breaching": "EVALUATION_MISSING_DATA_ACTIVE", "notBreaching": "EVALUATION_MISSING_DATA_INACTIVE",
    "ignore": "EVALUATION_MISSING_DATA_NO_OP", "missing": "EVALUATION_MISSING_DATA_NO_OP",
}


def custom_metric_type(namespace: str, metric: str) -> str:
    """The custom metric standing in for a CloudWatch metric without a built-in equivalent."""
    return f"{CUSTOM_METRIC_ROOT}/{METRIC_PATH.sub('_', namespace)}/{METRIC_PATH.sub('_', metric)}"


def label_key(dimension: str) -> str:
    return LABEL_KEY.sub("_", dimension.lower()).strip("_") or "dimension"
