"""Builds `gcp.pubsub.topic` (`topic`): a Pub/Sub topic and its push subscriptions."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.topic import PubSubTopicSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_topic(group: GcpGroup, item: PlanItem, spec: PubSubTopicSpec) -> pulumi.Resource:
    topic = gcp.pubsub.Topic(item.id, name=spec.name, labels=spec.labels, opts=group.opts())
    for index, endpoint in enumerate(spec.push_endpoints):
        gcp.pubsub.Subscription(f"{item.id}-push-{index}", name=f"{spec.name}-push-{index}"[:255], topic=topic.id,
                                push_config={"push_endpoint": endpoint}, labels=spec.labels, opts=group.opts())
    group.export(item, "topic", topic.id)
    return topic


BUILD: dict[str, GcpBuilder] = {"gcp.pubsub.topic": build_topic}
