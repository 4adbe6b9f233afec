"""Topics (topic) -> SNS topics with their subscriptions to the queues and functions this plan rebuilds.

Subscriptions to endpoints outside the plan are listed to recreate (and confirm).
The stack lets each topic deliver: the subscribed queue's policy grants it
`sqs:SendMessage` (stacks/aws/queue.py), a subscribed function's permission lets
it invoke (stacks/aws/topic.py). A FIFO topic's name ends in `.fifo` once.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._messaging import encryption_of, fifo_name
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import Links, common_fields, item_of, result
from providers.aws.spec import Spec, _Part

REBUILT_ENDPOINT_PROTOCOLS = ("sqs", "lambda")
ATTRIBUTES_NOTE = (
    "subscription attributes (raw message delivery, filter policies) are not inventoried: messages arrive in "
    "SNS's JSON envelope, unfiltered; set them again where the source used them"
)


class SubscriptionSpec(_Part):
    protocol: Literal["sqs", "lambda"]
    endpoint_item: str


class TopicSpec(Spec):
    type: Literal["aws.sns.topic"] = "aws.sns.topic"
    topic_name: str = ""  # the SNS name (a FIFO topic's ends in .fifo); the plan's name when empty
    fifo: bool = False
    content_based_deduplication: bool = False
    encryption: Literal["kms"] | None = None
    kms_key_item: str | None = None  # None with encryption "kms": the AWS-managed key aws/sns
    subscriptions: list[SubscriptionSpec] = Field(default_factory=list)


def _subscriptions(raw_subscriptions: list[dict[str, Any]], ctx: MappingContext) -> tuple[list[SubscriptionSpec], list[str]]:
    """The subscriptions to rebuilt endpoints, and the others as `protocol:endpoint`."""
    subscriptions, others = [], []
    for raw in raw_subscriptions:
        protocol = str(raw.get("protocol"))
        endpoint_item = item_of(ctx, raw.get("endpoint"))
        if protocol in REBUILT_ENDPOINT_PROTOCOLS and endpoint_item:
            subscriptions.append(SubscriptionSpec(protocol=protocol, endpoint_item=endpoint_item))
        else:
            others.append(f"{protocol}:{raw.get('endpoint')}")
    return subscriptions, others


def map_topic(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    fifo = bool(props.get("fifo"))
    subscriptions, others = _subscriptions(props.get("subscriptions") or [], ctx)  # SNS delivers across regions
    encryption, key_notes = encryption_of(resource, ctx, Links(resource, ctx), None)
    spec = TopicSpec(
        **common_fields(resource, ctx),
        topic_name=fifo_name(ctx.target_name(resource), fifo),
        fifo=fifo,
        content_based_deduplication=fifo and bool(props.get("content_based_deduplication")),
        **encryption,
        subscriptions=subscriptions,
    )
    notes = [f"subscriptions to endpoints outside the plan must be recreated (and confirmed): {', '.join(others)} "
             "(URL endpoints are kept as scheme and host only: a webhook's path carries its secret)"] if others else []
    notes += [ATTRIBUTES_NOTE] if subscriptions else []
    return result("partial" if others else "mapped", spec, unpriced("SNS"), [*notes, *key_notes])


MAP: dict[str, MapFunction] = {"topic": map_topic}
SPECS: tuple[type[Spec], ...] = (TopicSpec,)
