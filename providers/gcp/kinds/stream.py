"""`stream` -> a Pub/Sub topic (retention as close to the stream's as Pub/Sub allows) and one ordered pull
subscription that keeps acknowledged messages for replay."""

from __future__ import annotations

from typing import ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import child_name, done, number
from providers.gcp.spec import GcpSpec

# Pub/Sub limits (pulumi-gcp 10.2.0 pubsub.Topic / pubsub.Subscription docs): topic retention 10 min to 31 days,
# subscription retention 10 min to 7 days.
TOPIC_RETENTION_RANGE_S = (600, 2_678_400)
SUBSCRIPTION_RETENTION_MAX_S = 604_800
HOUR_S = 3600


class PubSubStreamSpec(GcpSpec):
    type: Literal["gcp.pubsub.stream"] = "gcp.pubsub.stream"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ()
    subscription_name: str
    topic_retention_seconds: int
    subscription_retention_seconds: int


def _clamp(value: float, low: int, high: int) -> int:
    return int(min(max(value, low), high))


def _notes(props: dict[str, object], retention_s: int, topic_retention: int) -> list[str]:
    notes = ["Kinesis stream -> Pub/Sub topic + ordered pull subscription: producers publish with the partition key "
             "as ordering key; consumers pull and ack instead of reading shards with iterators",
             f"{props.get('shard_count') or 'on-demand'} shard(s) -> no shards: Pub/Sub scales on its own"]
    if topic_retention < retention_s:
        notes.append(f"retention {retention_s // HOUR_S} h -> {topic_retention // HOUR_S} h, Pub/Sub's longest: "
                     "archive older records to Cloud Storage if consumers replay further back")
    if props.get("consumer_count"):
        notes.append(f"{props['consumer_count']} enhanced fan-out consumer(s) -> one subscription each")
    if props.get("encryption_type") == "KMS":
        notes.append("KMS encryption -> set a CMEK (kms_key_name) on the topic")
    if props.get("retained_bytes"):
        notes.append(f"{props['retained_bytes']} bytes still within retention are not copied: let consumers drain "
                     "the stream (or replay it into the topic) before cutover")
    return notes


def map_stream(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    name = ctx.target_name(resource)
    retention_s = int(number(props.get("retention_hours"), 24) * HOUR_S)
    topic_retention = _clamp(retention_s, *TOPIC_RETENTION_RANGE_S)
    spec = PubSubStreamSpec(name=name, labels=ctx.labels(resource), subscription_name=child_name(name, "sub"),
                            topic_retention_seconds=topic_retention,
                            subscription_retention_seconds=min(topic_retention, SUBSCRIPTION_RETENTION_MAX_S))
    notes = _notes(props, retention_s, topic_retention)
    return done("partial", spec, notes, pricing.unpriced("no Pub/Sub rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"stream": map_stream}
SPECS: tuple[type[GcpSpec], ...] = (PubSubStreamSpec,)
