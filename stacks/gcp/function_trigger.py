"""Builds `gcp.eventarc.function_trigger` (`function_trigger`): an Eventarc trigger from a queue's or stream's
Pub/Sub topic, or from a Firestore database's document writes, to the Cloud Run function."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.function_trigger import FunctionTriggerSpec
from stacks.gcp._eventing import topic_id
from stacks.gcp.base import GcpBuilder, GcpGroup

PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished"
FIRESTORE_WRITTEN = "google.cloud.firestore.document.v1.written"  # Eventarc Firestore triggers (protobuf payloads)


def _pubsub(group: GcpGroup, item: PlanItem, spec: FunctionTriggerSpec) -> dict[str, Any] | None:
    topic = topic_id(group, item, spec.source_item)
    return None if topic is None else {"matching_criterias": [{"attribute": "type", "value": PUBSUB_PUBLISHED}],
                                       "transport": {"pubsub": {"topic": topic}}}


def _firestore(group: GcpGroup, item: PlanItem, spec: FunctionTriggerSpec) -> dict[str, Any] | None:
    database = group.spec_of_id(spec.source_item)
    return {"matching_criterias": [{"attribute": "type", "value": FIRESTORE_WRITTEN},
                                   {"attribute": "database", "value": database.name}],
            "event_data_content_type": "application/protobuf"}


SOURCES = {"pubsub": _pubsub, "firestore": _firestore}


def build_trigger(group: GcpGroup, item: PlanItem, spec: FunctionTriggerSpec) -> pulumi.Resource | None:
    if len(group.buildable_refs(item, [spec.function_item, spec.source_item], "trigger end")) < 2:
        group.manual(item, "its function or its source creates no resource", "connect them by hand once both exist")
        return None
    settings = SOURCES[spec.source_kind](group, item, spec)
    if settings is None:
        return None
    function = group.spec_of_id(spec.function_item)
    # The destination names the service, not an output of it: depend on both ends explicitly.
    depends = [group.resource_of(item, spec.function_item), group.resource_of(item, spec.source_item)]
    return gcp.eventarc.Trigger(
        item.id, name=spec.name, location=function.region, labels=spec.labels,
        destination={"cloud_run_service": {"service": function.name, "region": function.region}}, **settings,
        opts=group.opts(depends_on=depends))


BUILD: dict[str, GcpBuilder] = {"gcp.eventarc.function_trigger": build_trigger}
