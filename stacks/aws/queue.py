"""Builds SQS queues (queue): redrive to their rebuilt dead-letter queue, encryption, and the policy letting senders in.

A queue's resource policy is one document (`sqs.QueuePolicy` replaces the whole
attribute), so the statements of every rebuilt sender of the group are gathered
once the group is built: an SNS topic subscribing the queue may `sqs:SendMessage`
with `aws:SourceArn` = the topic (SNS developer guide, "Fanout to Amazon SQS
queues": give the topic permission to send). `QUEUE_SENDERS` says who sends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds._messaging import fifo_name
from providers.aws.kinds.queue import QueueSpec
from stacks.aws.base import AwsBuilder, AwsGroup
from stacks.common.registry import BUILDABLE_STATUSES

AWS_MANAGED_SQS_KEY = "alias/aws/sqs"
POLICY_VERSION = "2012-10-17"
# Spec type of a sender -> (its service principal, the queue items it delivers to, given its spec).
QueueSenders = Callable[[Any], list[str]]
QUEUE_SENDERS: dict[str, tuple[str, QueueSenders]] = {
    "aws.sns.topic": ("sns.amazonaws.com", lambda spec: [s.endpoint_item for s in spec.subscriptions if s.protocol == "sqs"]),
}


def _redrive_policy(group: AwsGroup, item: PlanItem, spec: QueueSpec) -> pulumi.Output[str] | None:
    dead_letter_arn = group.optional_ref(item, spec.dead_letter_queue_item, "arn")
    if dead_letter_arn is None:
        return None
    return pulumi.Output.json_dumps({"deadLetterTargetArn": dead_letter_arn, "maxReceiveCount": spec.max_receive_count})


def _encryption(group: AwsGroup, item: PlanItem, spec: QueueSpec) -> dict[str, Any]:
    if spec.encryption == "kms":
        return {"kms_master_key_id": group.optional_ref(item, spec.kms_key_item, "arn") or AWS_MANAGED_SQS_KEY}
    return {"sqs_managed_sse_enabled": True} if spec.encryption == "sqs-managed" else {}


def _senders(group: AwsGroup, item: PlanItem) -> list[tuple[str, str]]:
    """(sender item, its service principal) of the built items that deliver to this queue."""
    found = []
    for other in group.args.plan.items:
        sender = QUEUE_SENDERS.get(str((other.target or {}).get("type")))
        if sender and other.status in BUILDABLE_STATUSES and group.registry.built(other.id):
            principal, queues_of = sender
            found += [(other.id, principal)] if item.id in queues_of(group.spec_of(other)) else []
    return found


def _send_statement(queue_arn: pulumi.Output[str], sender_arn: pulumi.Output[str], principal: str) -> dict[str, Any]:
    return {
        "Effect": "Allow",
        "Principal": {"Service": principal},
        "Action": "sqs:SendMessage",
        "Resource": queue_arn,
        "Condition": {"ArnEquals": {"aws:SourceArn": sender_arn}},
    }


def _queue_policy(group: AwsGroup, item: PlanItem, spec: QueueSpec, queue: aws.sqs.Queue) -> None:
    senders = _senders(group, item)
    if not senders:
        return
    statements = [_send_statement(queue.arn, group.ref(item, sender, "arn"), principal) for sender, principal in senders]
    aws.sqs.QueuePolicy(
        f"{item.id}-policy",
        queue_url=queue.url,
        policy=pulumi.Output.json_dumps({"Version": POLICY_VERSION, "Statement": statements}),
        opts=group.opts(spec),
    )


def build_queue(group: AwsGroup, item: PlanItem, spec: QueueSpec) -> pulumi.Resource:
    queue = aws.sqs.Queue(
        item.id,
        name=spec.queue_name or fifo_name(spec.name, spec.fifo),
        fifo_queue=spec.fifo or None,
        content_based_deduplication=spec.content_based_deduplication or None,
        visibility_timeout_seconds=spec.visibility_timeout_s,
        message_retention_seconds=spec.retention_s,
        redrive_policy=_redrive_policy(group, item, spec),
        **_encryption(group, item, spec),
        **group.tagged(spec),
    )
    group.after_all.append(lambda: _queue_policy(group, item, spec, queue))  # its senders may be built after it
    return group.exporting(item, queue, queue_url="url")


BUILD: dict[str, AwsBuilder] = {"aws.sqs.queue": build_queue}
