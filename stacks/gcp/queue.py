"""Builds `gcp.pubsub.queue` (`queue`): a Pub/Sub topic and its pull subscription."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.queue import PubSubQueueSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_queue(group: GcpGroup, item: PlanItem, spec: PubSubQueueSpec) -> pulumi.Resource:
    topic = gcp.pubsub.Topic(item.id, name=spec.name, labels=spec.labels, opts=group.opts())
    dead_letter: dict[str, Any] = {}
    if spec.dead_letter_queue:
        dead_letter["dead_letter_policy"] = {"dead_letter_topic": group.ref(item, spec.dead_letter_queue),
                                             "max_delivery_attempts": spec.max_delivery_attempts}
    subscription = gcp.pubsub.Subscription(
        f"{item.id}-sub", name=spec.subscription_name, topic=topic.id, labels=spec.labels,
        ack_deadline_seconds=spec.ack_deadline_seconds,
        message_retention_duration=f"{spec.message_retention_seconds}s",
        enable_message_ordering=spec.message_ordering, enable_exactly_once_delivery=spec.exactly_once_delivery,
        **dead_letter, opts=group.opts())
    group.export(item, "topic", topic.id)
    group.export(item, "subscription", subscription.id)
    return topic


BUILD: dict[str, GcpBuilder] = {"gcp.pubsub.queue": build_queue}
