"""Topics (topic) -> SNS topics with their subscriptions to the queues and functions this plan rebuilds.

Subscriptions to endpoints outside the plan are listed to recreate (and confirm).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, item_of, result
from providers.aws.spec import Spec, _Part

REBUILT_ENDPOINT_PROTOCOLS = ("sqs", "lambda")


class SubscriptionSpec(_Part):
    protocol: Literal["sqs", "lambda"]
    endpoint_item: str


class TopicSpec(Spec):
    type: Literal["aws.sns.topic"] = "aws.sns.topic"
    fifo: bool = False
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
    subscriptions, others = _subscriptions(props.get("subscriptions") or [], ctx)
    spec = TopicSpec(**common_fields(resource, ctx), fifo=bool(props.get("fifo")), subscriptions=subscriptions)
    notes = [f"subscriptions to endpoints outside the plan must be recreated (and confirmed): {', '.join(others)}"] if others else []
    return result("partial" if others else "mapped", spec, unpriced("SNS"), notes)


MAP: dict[str, MapFunction] = {"topic": map_topic}
SPECS: tuple[type[Spec], ...] = (TopicSpec,)
