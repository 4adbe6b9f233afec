"""Builds `gcp.pubsub.stream` (`stream`): a Pub/Sub topic with message retention and an ordered subscription that
retains acknowledged messages (replay, as a stream's consumers rewind)."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.stream import PubSubStreamSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_stream(group: GcpGroup, item: PlanItem, spec: PubSubStreamSpec) -> pulumi.Resource:
    topic = gcp.pubsub.Topic(item.id, name=spec.name, labels=spec.labels,
                             message_retention_duration=f"{spec.topic_retention_seconds}s", opts=group.opts())
    subscription = gcp.pubsub.Subscription(
        f"{item.id}-sub", name=spec.subscription_name, topic=topic.id, labels=spec.labels, enable_message_ordering=True,
        retain_acked_messages=True, message_retention_duration=f"{spec.subscription_retention_seconds}s",
        opts=group.opts())
    group.export(item, "topic", topic.id)
    group.export(item, "subscription", subscription.id)
    return topic


BUILD: dict[str, GcpBuilder] = {"gcp.pubsub.stream": build_stream}
