"""`function.trigger` -> an Eventarc trigger from the source's replacement to the Cloud Run function: queues and
streams deliver through their Pub/Sub topic, a DynamoDB table's stream becomes Firestore document events."""

from __future__ import annotations

from typing import ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, item_of
from providers.gcp.spec import GcpSpec

SourceKind = Literal["pubsub", "firestore"]
# Source type of a mapping -> how its replacement emits events.
SOURCE_KINDS: dict[str, SourceKind] = {
    "aws.sqs.queue": "pubsub",
    "aws.kinesis.stream": "pubsub",
    "aws.dynamodb.table": "firestore",
}
FUNCTION = "aws.lambda.function"


class FunctionTriggerSpec(GcpSpec):
    type: Literal["gcp.eventarc.function_trigger"] = "gcp.eventarc.function_trigger"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("function_item", "source_item")
    function_item: str
    source_item: str
    source_kind: SourceKind


def _notes(props: dict[str, object], kind: SourceKind) -> list[str]:
    notes = [f"event source mapping -> Eventarc trigger ({'Pub/Sub messages' if kind == 'pubsub' else 'Firestore document writes'}"
             " -> the Cloud Run function): the handler receives one CloudEvent per message instead of a batch"]
    if (props.get("batch_size") or 1) != 1:
        notes.append(f"batch size {props['batch_size']} -> one event per request: batch in the function if needed")
    if props.get("filter_patterns"):
        notes.append("event filters are not carried over: filter in the function (or with a subscription filter)")
    if props.get("starting_position"):
        notes.append(f"starting position {props['starting_position']}: an Eventarc trigger only sees new events")
    if props.get("on_failure_destination"):
        notes.append("the on-failure destination -> a dead-letter topic on the trigger's subscription")
    notes.append("Eventarc invokes the function with a service account: grant it roles/run.invoker")
    return notes


def map_trigger(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    function = ctx.resource(str(props.get("function_id") or ""))
    source = ctx.resource(str(props.get("source_id") or ""))
    kind = SOURCE_KINDS.get(source.key) if source is not None else None
    function_item = item_of(function.id, ctx) if function is not None and function.key == FUNCTION else None
    source_item = item_of(source.id, ctx) if source is not None and kind else None
    if function_item is None or source_item is None or kind is None:
        what = props.get("source_service") or "unknown"
        return manual(f"the {what} event source of this mapping is not rebuilt on Google Cloud by the plan",
                      "rebuild the source (Kafka on Managed Service for Apache Kafka, an MQ broker on a VM...) and "
                      "deliver its messages to the Cloud Run function (a connector publishing to Pub/Sub, then Eventarc)")
    spec = FunctionTriggerSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), function_item=function_item,
                               source_item=source_item, source_kind=kind)
    notes = _notes(props, kind)
    if props.get("state") == "Disabled":
        notes.append("the mapping is disabled at the source: the trigger is created anyway; delete it if unused")
    return done("partial", spec, notes, pricing.unpriced("no Eventarc rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"function.trigger": map_trigger}
SPECS: tuple[type[GcpSpec], ...] = (FunctionTriggerSpec,)
