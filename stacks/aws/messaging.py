"""Messaging: SQS queues (with dead-letter redrive) and SNS topics with their queue/function subscriptions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws import specs as s
from stacks.aws.base import AwsBuilder, AwsGroup, AwsGroupArgs

FIFO_SUFFIX = ".fifo"  # SQS and SNS require it on FIFO queue and topic names


@dataclass
class MessagingArgs(AwsGroupArgs):
    """Items of the `messaging` group."""


def _fifo_name(name: str, fifo: bool) -> str:
    return name if not fifo or name.endswith(FIFO_SUFFIX) else f"{name}{FIFO_SUFFIX}"


def build_queue(group: AwsGroup, item: PlanItem, spec: s.QueueSpec) -> pulumi.Resource:
    dead_letter_arn = group.optional_ref(item, spec.dead_letter_queue_item, "arn")
    redrive = (
        pulumi.Output.json_dumps({"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": spec.max_receive_count})
        if dead_letter_arn is not None
        else None
    )
    queue = aws.sqs.Queue(
        item.id,
        name=_fifo_name(spec.name, spec.fifo),
        fifo_queue=spec.fifo or None,
        visibility_timeout_seconds=spec.visibility_timeout_s,
        message_retention_seconds=spec.retention_s,
        redrive_policy=redrive,
        tags=spec.tags,
        opts=group.opts(spec),
    )
    group.export(item, "queue_url", queue.url)
    return queue


def build_topic(group: AwsGroup, item: PlanItem, spec: s.TopicSpec) -> pulumi.Resource:
    topic = aws.sns.Topic(
        item.id, name=_fifo_name(spec.name, spec.fifo), fifo_topic=spec.fifo or None, tags=spec.tags, opts=group.opts(spec)
    )
    for subscription in spec.subscriptions:
        for endpoint_item, endpoint_arn in group.ref_pairs(item, [subscription.endpoint_item], "arn"):
            aws.sns.TopicSubscription(
                f"{item.id}-{endpoint_item}",
                topic=topic.arn,
                protocol=subscription.protocol,
                endpoint=endpoint_arn,
                opts=group.opts(spec),
            )
    group.export(item, "topic_arn", topic.arn)
    return topic


class Messaging(AwsGroup):
    group = "messaging"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = {
        "aws.sqs.queue": build_queue,
        "aws.sns.topic": build_topic,
    }
