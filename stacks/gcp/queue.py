"""Builds `gcp.pubsub.queue` (`queue`): a Pub/Sub topic and its pull subscription, and a pull subscription on each
SNS topic's Pub/Sub topic the queue subscribed to (the topic of its own only when something publishes to it)."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.queue import PubSubQueueSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def _subscription(group: GcpGroup, item: PlanItem, spec: PubSubQueueSpec, logical: str, name: str,
                  topic: pulumi.Input[str]) -> pulumi.Resource:
    dead_letter: dict[str, Any] = {}
    if spec.dead_letter_queue:
        dead_letter["dead_letter_policy"] = {"dead_letter_topic": group.ref(item, spec.dead_letter_queue),
                                             "max_delivery_attempts": spec.max_delivery_attempts}
    return gcp.pubsub.Subscription(
        logical, name=name[:255], topic=topic, labels=spec.labels, ack_deadline_seconds=spec.ack_deadline_seconds,
        message_retention_duration=f"{spec.message_retention_seconds}s",
        enable_message_ordering=spec.message_ordering, enable_exactly_once_delivery=spec.exactly_once_delivery,
        **dead_letter, opts=group.opts())


def build_queue(group: GcpGroup, item: PlanItem, spec: PubSubQueueSpec) -> pulumi.Resource:
    main: pulumi.Resource | None = None
    if spec.own_topic:
        main = gcp.pubsub.Topic(item.id, name=spec.name, labels=spec.labels, opts=group.opts())
        subscription = _subscription(group, item, spec, f"{item.id}-sub", spec.subscription_name, main.id)
        group.export(item, "topic", main.id)
        group.export(item, "subscription", subscription.id)
    for topic_id in group.buildable_refs(item, spec.subscribe_to, "SNS topic"):
        fed = _subscription(group, item, spec, f"{item.id}-from-{topic_id}", f"{spec.subscription_name}-{topic_id}",
                            group.ref(item, topic_id))
        group.export(item, f"subscription_from_{topic_id}", fed.id)
        main = main or fed
    if main is None:  # every feeding topic is unbuildable: the queue still gets a topic of its own
        main = gcp.pubsub.Topic(item.id, name=spec.name, labels=spec.labels, opts=group.opts())
        group.export(item, "topic", main.id)
    return main


BUILD: dict[str, GcpBuilder] = {"gcp.pubsub.queue": build_queue}
