"""Builds SQS queues (queue), with the redrive policy to their rebuilt dead-letter queue."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.queue import QueueSpec
from stacks.aws._shared import fifo_name
from stacks.aws.base import AwsBuilder, AwsGroup


def _redrive_policy(group: AwsGroup, item: PlanItem, spec: QueueSpec) -> pulumi.Output[str] | None:
    dead_letter_arn = group.optional_ref(item, spec.dead_letter_queue_item, "arn")
    if dead_letter_arn is None:
        return None
    return pulumi.Output.json_dumps({"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": spec.max_receive_count})


def build_queue(group: AwsGroup, item: PlanItem, spec: QueueSpec) -> pulumi.Resource:
    queue = aws.sqs.Queue(
        item.id,
        name=fifo_name(spec.name, spec.fifo),
        fifo_queue=spec.fifo or None,
        visibility_timeout_seconds=spec.visibility_timeout_s,
        message_retention_seconds=spec.retention_s,
        redrive_policy=_redrive_policy(group, item, spec),
        **group.tagged(spec),
    )
    return group.exporting(item, queue, queue_url="url")


BUILD: dict[str, AwsBuilder] = {"aws.sqs.queue": build_queue}
