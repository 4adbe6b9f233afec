"""`queue` -> a Pub/Sub topic with one pull subscription for an SQS queue; a queue subscribed to SNS topics becomes
pull subscriptions on those topics' Pub/Sub topics (fan-out kept), with a topic of its own only when something
publishes to it directly (a dead-letter source, or a queue no topic feeds)."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import child_name, done, item_of, number
from providers.gcp.spec import GcpSpec

# Pub/Sub subscription limits (pulumi-gcp 10.2.0 pubsub.Subscription docs).
ACK_DEADLINE_RANGE = (10, 600)
RETENTION_RANGE_S = (600, 2_678_400)


class PubSubQueueSpec(GcpSpec):
    """An SQS queue as a topic plus one pull subscription."""

    type: Literal["gcp.pubsub.queue"] = "gcp.pubsub.queue"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('dead_letter_queue', 'subscribe_to')
    subscription_name: str
    ack_deadline_seconds: int
    message_retention_seconds: int
    message_ordering: bool = False
    exactly_once_delivery: bool = False
    dead_letter_queue: str | None = None  # plan item id of another queue item
    max_delivery_attempts: int = 5
    subscribe_to: list[str] = Field(default_factory=list)  # plan item ids of the topic items it subscribed to (SNS)
    own_topic: bool = True  # a topic of its own, for what publishes to the queue directly


TOPIC = "aws.sns.topic"
QUEUE = "aws.sqs.queue"


def _sqs_subscribers(topic: Resource) -> list[Any]:
    return [s.get("endpoint") for s in topic.props.get("subscriptions") or [] if str(s.get("protocol")) == "sqs"]


def _dead_letter_target(queue: Resource) -> list[Any]:
    return [queue.props.get("dlq_arn")]


def _feeding_topics(resource: Resource, ctx: MappingContext) -> list[str]:
    topics = index_of(ctx).lookup(_sqs_subscribers, resource.id, TOPIC)
    return [item for item in (ctx.item_id(t.id) for t in topics) if item]


def _clamp(value: float, bounds: tuple[int, int]) -> int:
    return int(min(max(value, bounds[0]), bounds[1]))


def map_queue(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    name = ctx.target_name(resource)
    fifo = bool(props.get("fifo"))
    visibility = number(props.get("visibility_timeout_s"), 30)
    retention = number(props.get("retention_s"), 345_600)
    topics = _feeding_topics(resource, ctx)
    dead_letter_of = list(index_of(ctx).lookup(_dead_letter_target, resource.id, QUEUE))
    spec = PubSubQueueSpec(
        name=name, labels=ctx.labels(resource), subscription_name=child_name(name, "sub"),
        subscribe_to=topics, own_topic=not topics or bool(dead_letter_of),
        ack_deadline_seconds=_clamp(visibility, ACK_DEADLINE_RANGE),
        message_retention_seconds=_clamp(retention, RETENTION_RANGE_S),
        message_ordering=fifo, exactly_once_delivery=fifo,
        dead_letter_queue=item_of(props.get("dlq_arn"), ctx))
    notes = ["SQS queue -> Pub/Sub topic + pull subscription: producers publish to the topic, consumers pull and "
             "ack; visibility timeout -> ack deadline" + (f" (clamped to {spec.ack_deadline_seconds} s)"
                                                          if spec.ack_deadline_seconds != int(visibility) else "")]
    if topics:
        notes.append(f"subscribed to SNS topic item(s) {', '.join(topics)}: a pull subscription on each topic's "
                     "Pub/Sub topic keeps the fan-out; SNS wrapped each message in a JSON envelope (unless raw "
                     "delivery was on), Pub/Sub delivers the message as published: consumers that unwrap it change")
        notes.append("its own topic is kept: it is the dead-letter queue of " + ", ".join(q.name for q in dead_letter_of)
                     if spec.own_topic else "no topic of its own: producers that sent to the queue directly (not "
                     "through SNS) must publish to the topic instead")
    if fifo:
        notes.append("FIFO: ordering needs an ordering key per message (MessageGroupId); deduplication ids have no "
                     "equivalent (exactly-once delivery is per subscription)")
    if spec.dead_letter_queue:
        notes.append("dead-lettering needs the Pub/Sub service agent to publish to the dead-letter topic (IAM binding)")
    if props.get("approx_messages"):
        notes.append(f"{props['approx_messages']} messages in flight at the source are not copied: drain before cutover")
    return done("partial", spec, notes, pricing.unpriced("no Pub/Sub rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"queue": map_queue}
SPECS: tuple[type[GcpSpec], ...] = (PubSubQueueSpec,)
