"""`topic` -> a Pub/Sub topic; https subscribers become push subscriptions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done
from providers.gcp.spec import GcpSpec


class PubSubTopicSpec(GcpSpec):
    type: Literal["gcp.pubsub.topic"] = "gcp.pubsub.topic"
    push_endpoints: list[str] = Field(default_factory=list)  # https subscribers become push subscriptions


def map_topic(resource: Resource, ctx: MappingContext) -> MappedTarget:
    subscriptions = list(resource.props.get("subscriptions") or [])
    push = [str(sub.get("endpoint")) for sub in subscriptions if str(sub.get("protocol")) == "https"]
    spec = PubSubTopicSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), push_endpoints=push)
    notes = [f"https subscribers -> push subscriptions ({len(push)}): the inventory keeps only each endpoint's scheme "
             "and host (a webhook's path carries its secret): set the full push endpoint of each by hand"] if push else []
    queues = [ctx.item_id(str(sub.get("endpoint"))) for sub in subscriptions if str(sub.get("protocol")) == "sqs"]
    if any(queues):
        notes.append("SQS subscribers -> pull subscriptions on this topic, built by queue item(s) "
                     + ", ".join(q for q in queues if q))
    others = [f"{sub.get('protocol')}:{sub.get('endpoint')}" for sub in subscriptions
              if str(sub.get("protocol")) != "https" and not (str(sub.get("protocol")) == "sqs"
                                                              and ctx.item_id(str(sub.get("endpoint"))))]
    if others:
        notes.append("other subscribers need their own wiring (Lambda -> an Eventarc trigger or push subscription, "
                     "email/SMS -> no Pub/Sub equivalent, SQS queues not inventoried -> a subscription): "
                     + ", ".join(others))
    if resource.props.get("fifo"):
        notes.append("FIFO topic: publishers set ordering keys; subscriptions enable message ordering")
    status = "partial" if others or resource.props.get("fifo") else "mapped"
    return done(status, spec, notes, pricing.unpriced("no Pub/Sub rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"topic": map_topic}
SPECS: tuple[type[GcpSpec], ...] = (PubSubTopicSpec,)
