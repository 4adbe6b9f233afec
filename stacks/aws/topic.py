"""Builds SNS topics (topic), their subscriptions to the rebuilt queues and functions, and the right to invoke.

A subscribed function gets a `lambda.Permission` for `sns.amazonaws.com` with the
topic as source (SNS developer guide, "Fanout to Lambda functions"); a subscribed
queue's policy is written by the queue's builder (stacks/aws/queue.py).
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds._messaging import fifo_name
from providers.aws.kinds.topic import SubscriptionSpec, TopicSpec
from stacks.aws.base import AwsBuilder, AwsGroup

AWS_MANAGED_SNS_KEY = "alias/aws/sns"
SNS_PRINCIPAL = "sns.amazonaws.com"


def _allow_invoke(group: AwsGroup, item: PlanItem, spec: TopicSpec, topic: aws.sns.Topic, endpoint_item: str) -> None:
    aws.lambda_.Permission(
        f"{item.id}-{endpoint_item}-invoke",
        action="lambda:InvokeFunction",
        function=group.ref(item, endpoint_item, "arn"),
        principal=SNS_PRINCIPAL,
        source_arn=topic.arn,
        opts=group.opts(group.spec_of_id(endpoint_item)),  # in the function's region
    )


def _subscribe(group: AwsGroup, item: PlanItem, spec: TopicSpec, topic: aws.sns.Topic) -> None:
    for subscription in spec.subscriptions:
        for endpoint_item, endpoint_arn in group.ref_pairs(item, [subscription.endpoint_item], "arn"):
            _subscription(group, item, spec, topic, subscription, endpoint_item, endpoint_arn)


def _subscription(group: AwsGroup, item: PlanItem, spec: TopicSpec, topic: aws.sns.Topic, subscription: SubscriptionSpec,
                  endpoint_item: str, endpoint_arn: pulumi.Output[Any]) -> None:
    if subscription.protocol == "lambda":
        _allow_invoke(group, item, spec, topic, endpoint_item)
    aws.sns.TopicSubscription(
        f"{item.id}-{endpoint_item}",
        topic=topic.arn,
        protocol=subscription.protocol,
        endpoint=endpoint_arn,
        opts=group.opts(spec),
    )


def _encryption(group: AwsGroup, item: PlanItem, spec: TopicSpec) -> dict[str, Any]:
    if spec.encryption != "kms":
        return {}
    return {"kms_master_key_id": group.optional_ref(item, spec.kms_key_item, "arn") or AWS_MANAGED_SNS_KEY}


def build_topic(group: AwsGroup, item: PlanItem, spec: TopicSpec) -> pulumi.Resource:
    topic = aws.sns.Topic(
        item.id,
        name=spec.topic_name or fifo_name(spec.name, spec.fifo),
        fifo_topic=spec.fifo or None,
        content_based_deduplication=spec.content_based_deduplication or None,
        **_encryption(group, item, spec),
        **group.tagged(spec),
    )
    _subscribe(group, item, spec, topic)
    return group.exporting(item, topic, topic_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.sns.topic": build_topic}
