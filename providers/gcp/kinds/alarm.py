"""`monitoring.alarm` -> a Cloud Monitoring alert policy with one threshold condition, notifying the Pub/Sub
topics that replace the alarm's SNS actions.

Metrics with a known equivalent (providers/gcp/kinds/_metrics.py) are watched on the rebuilt resource; custom
CloudWatch metrics, and AWS metrics without an equivalent, become custom metrics the stack declares (the
application, or the replacement service's metric, must feed them). Metric math and anomaly bands are manual.
"""

from __future__ import annotations

import math
from typing import ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._metrics import (
    ALIGNERS,
    COMPARISONS,
    CUSTOM_METRIC_ROOT,
    METRICS,
    MISSING_DATA,
    custom_metric_type,
    label_key,
)
from providers.gcp.kinds._shared import done, item_of, number
from providers.gcp.spec import GcpSpec

MINUTE_S = 60
AWS_NAMESPACE_PREFIX = "AWS/"
SNS_TOPIC = "aws.sns.topic"
CUSTOM_RESOURCE = "global"


class AlertPolicySpec(GcpSpec):
    type: Literal["gcp.monitoring.alert_policy"] = "gcp.monitoring.alert_policy"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("notify_items",)
    display_name: str
    metric_type: str
    filter: str
    comparison: Literal["COMPARISON_GT", "COMPARISON_LT"]
    threshold: float
    duration_s: int
    alignment_period_s: int
    aligner: str = "ALIGN_MEAN"
    missing_data: str | None = None
    enabled: bool = True
    custom_metric: bool = False  # declare the metric descriptor (a custom metric)
    metric_labels: list[str] = Field(default_factory=list)
    notify_items: list[str] = Field(default_factory=list)  # topics that receive the notifications
    documentation: str = ""


def _minutes(seconds: float) -> int:
    return max(MINUTE_S, int(math.ceil(seconds / MINUTE_S)) * MINUTE_S)


def _known_metric(resource: Resource, ctx: MappingContext) -> tuple[str, str, float, list[str]] | None:
    """(metric type, filter, scale, notes) for a metric of the table, or None."""
    props = resource.props
    metric = METRICS.get((str(props.get("namespace")), str(props.get("metric_name"))))
    if metric is None:
        return None
    target = ctx.resource(str((props.get("dimension_refs") or {}).get(metric.dimension) or ""))
    selected = metric.selector(target, ctx) if target is not None and item_of(target.id, ctx) else None
    clauses = [f'metric.type = "{metric.metric_type}"', f'resource.type = "{metric.resource_type}"',
               *([metric.extra_filter] if metric.extra_filter else []), *([selected] if selected else [])]
    notes = [note for note in (metric.note,) if note]
    if selected is None:
        notes.append(f"the {metric.dimension} dimension names nothing the plan rebuilds: the policy watches every "
                     f"{metric.resource_type}; narrow its filter")
    return metric.metric_type, " AND ".join(clauses), metric.scale, notes


def _custom_metric(resource: Resource) -> tuple[str, str, list[str], list[str]]:
    props = resource.props
    namespace, name = str(props.get("namespace")), str(props.get("metric_name"))
    metric_type = custom_metric_type(namespace, name)
    application = not namespace.startswith(AWS_NAMESPACE_PREFIX)
    # An AWS metric's dimensions name source resources (ids): only an application's own dimensions are kept.
    dimensions = dict(props.get("dimensions") or {}) if application else {}
    clauses = [f'metric.type = "{metric_type}"', f'resource.type = "{CUSTOM_RESOURCE}"',
               *(f'metric.labels.{label_key(key)} = "{value}"' for key, value in sorted(dimensions.items()))]
    why = "an application metric" if application else f"no built-in equivalent of {namespace} {name} is known"
    notes = [f"{why}: the custom metric {metric_type} stands in; the application (or an exporter of the replacement "
             "service's metric) must write it, or replace the condition's metric"]
    return metric_type, " AND ".join(clauses), [label_key(key) for key in sorted(dimensions)], notes


def _metric(resource: Resource, ctx: MappingContext) -> tuple[str, str, float, list[str], list[str]]:
    """(metric type, filter, scale, custom metric labels, notes): a known equivalent, else a custom metric."""
    known = _known_metric(resource, ctx)
    if known is not None:
        metric_type, filter_text, scale, notes = known
        return metric_type, filter_text, scale, [], notes
    metric_type, filter_text, labels, notes = _custom_metric(resource)
    return metric_type, filter_text, 1.0, labels, notes


def _notify_items(resource: Resource, ctx: MappingContext) -> tuple[list[str], list[str]]:
    items, notes = [], []
    for action in resource.props.get("alarm_actions") or []:
        target = ctx.resource(str(action))
        item = item_of(target.id, ctx) if target is not None and target.key == SNS_TOPIC else None
        if item:
            items.append(item)
        else:
            notes.append(f"alarm action {action} (Auto Scaling, EC2 or an unknown topic) has no notification "
                         "channel: an autoscaler policy or a Cloud Function subscriber replaces it")
    return sorted(set(items)), notes


def map_alarm(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    comparison = COMPARISONS.get(str(props.get("comparison")))
    if props.get("metric_math") or comparison is None or not props.get("metric_name"):
        return manual("metric math or an anomaly band: no single-threshold condition to carry over",
                      "rewrite the alarm as a Cloud Monitoring MQL or PromQL condition over the rebuilt resources")
    metric_type, filter_text, scale, labels, notes = _metric(resource, ctx)
    period = _minutes(number(props.get("period_s"), MINUTE_S))
    periods = int(number(props.get("datapoints_to_alarm") or props.get("evaluation_periods"), 1))
    notify, action_notes = _notify_items(resource, ctx)
    spec = AlertPolicySpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), display_name=resource.name, metric_type=metric_type,
        filter=filter_text, comparison=comparison[0], threshold=number(props.get("threshold")) * scale,  # type: ignore[arg-type]
        duration_s=period * periods, alignment_period_s=period, aligner=ALIGNERS.get(str(props.get("statistic")), "ALIGN_MEAN"),
        missing_data=MISSING_DATA.get(str(props.get("treat_missing_data") or "missing")), custom_metric=bool(labels) or metric_type.startswith(CUSTOM_METRIC_ROOT),
        metric_labels=labels, notify_items=notify, enabled=bool(props.get("actions_enabled", True)),
        documentation=f"Rebuilt from the CloudWatch alarm {resource.name} ({props.get('namespace')} {props.get('metric_name')})")
    all_notes = [*notes, *([comparison[1]] if comparison[1] else []), *action_notes]
    if notify:
        all_notes.append("notifications go to Pub/Sub channels: grant the Monitoring service agent "
                         "roles/pubsub.publisher on the topics")
    return done("partial" if all_notes else "mapped", spec, all_notes,
                pricing.unpriced("no Cloud Monitoring alerting rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"monitoring.alarm": map_alarm}
SPECS: tuple[type[GcpSpec], ...] = (AlertPolicySpec,)
