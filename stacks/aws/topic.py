"""Builds SNS topics (topic) and their subscriptions to the rebuilt queues and functions."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.topic import TopicSpec
from stacks.aws._shared import fifo_name
from stacks.aws.base import AwsBuilder, AwsGroup


def _subscribe(group: AwsGroup, item: PlanItem, spec: TopicSpec, topic: aws.sns.Topic) -> None:
    for subscription in spec.subscriptions:
        for endpoint_item, endpoint_arn in group.ref_pairs(item, [subscription.endpoint_item], "arn"):
            aws.sns.TopicSubscription(
                f"{item.id}-{endpoint_item}",
                topic=topic.arn,
                protocol=subscription.protocol,
                endpoint=endpoint_arn,
                opts=group.opts(spec),
            )


def build_topic(group: AwsGroup, item: PlanItem, spec: TopicSpec) -> pulumi.Resource:
    topic = aws.sns.Topic(item.id, name=fifo_name(spec.name, spec.fifo), fifo_topic=spec.fifo or None, **group.tagged(spec))
    _subscribe(group, item, spec, topic)
    return group.exporting(item, topic, topic_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.sns.topic": build_topic}
