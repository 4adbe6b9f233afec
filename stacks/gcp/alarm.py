"""Builds `gcp.monitoring.alert_policy` (`alarm`): an alert policy with one threshold condition, the descriptor of
its custom metric where it watches one, and one Pub/Sub notification channel per topic it notifies."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.alarm import AlertPolicySpec
from stacks.gcp._eventing import built, topic_id
from stacks.gcp.base import GcpBuilder, GcpGroup


def _channel(group: GcpGroup, item: PlanItem, topic_item: str) -> pulumi.Output[Any] | None:
    topic = topic_id(group, item, topic_item)
    if topic is None:
        return None
    channel = group.shared(("notification-channel", topic_item), lambda: gcp.monitoring.NotificationChannel(
        f"{topic_item}-channel", type="pubsub", display_name=f"Pub/Sub {topic_item}", labels={"topic": topic},
        opts=group.opts()))
    return channel.id  # type: ignore[attr-defined, no-any-return]


def _descriptor(group: GcpGroup, item: PlanItem, spec: AlertPolicySpec) -> list[pulumi.Resource]:
    if not spec.custom_metric:
        return []
    return [gcp.monitoring.MetricDescriptor(
        f"{item.id}-metric", type=spec.metric_type, metric_kind="GAUGE", value_type="DOUBLE",
        display_name=spec.metric_type.rsplit("/", 1)[-1], description=spec.documentation,
        labels=[{"key": key, "value_type": "STRING"} for key in spec.metric_labels], opts=group.opts())]


def _condition(spec: AlertPolicySpec) -> dict[str, Any]:
    threshold: dict[str, Any] = {
        "filter": spec.filter, "comparison": spec.comparison, "threshold_value": spec.threshold,
        "duration": f"{spec.duration_s}s",
        "aggregations": [{"alignment_period": f"{spec.alignment_period_s}s", "per_series_aligner": spec.aligner}],
    }
    if spec.missing_data:
        threshold["evaluation_missing_data"] = spec.missing_data
    return {"display_name": spec.display_name, "condition_threshold": threshold}


def build_alarm(group: GcpGroup, item: PlanItem, spec: AlertPolicySpec) -> pulumi.Resource:
    channels = [channel for topic in built(group, item, spec.notify_items, "notification topic")
                if (channel := _channel(group, item, topic)) is not None]
    policy = gcp.monitoring.AlertPolicy(
        item.id, display_name=spec.display_name, combiner="OR", conditions=[_condition(spec)], enabled=spec.enabled,
        notification_channels=channels, documentation={"content": spec.documentation, "mime_type": "text/markdown"},
        user_labels=spec.labels, opts=group.opts(depends_on=_descriptor(group, item, spec)))
    group.export(item, "alert_policy", policy.name)
    return policy


BUILD: dict[str, GcpBuilder] = {"gcp.monitoring.alert_policy": build_alarm}
