"""Builder helpers the GCP API and eventing kinds share: the URL a function serves, the topic an item publishes to,
a workflow's executions endpoint."""

from __future__ import annotations

from typing import Any

import pulumi

from planner.core.model.plan import PlanItem
from stacks.gcp.base import GcpGroup

# Function spec type -> the output holding its HTTPS URL.
FUNCTION_URLS: dict[str, str] = {"gcp.cloudfunctions2.function": "url", "gcp.cloudrun.service": "uri"}
# Spec types whose main resource is a Pub/Sub topic (a queue, a topic, a stream, an event bus).
TOPIC_SPECS: frozenset[str] = frozenset({"gcp.pubsub.queue", "gcp.pubsub.topic", "gcp.pubsub.stream", "gcp.pubsub.event_bus"})
QUEUE_SPEC = "gcp.pubsub.queue"
WORKFLOW_SPEC = "gcp.workflows.workflow"
WORKFLOW_EXECUTIONS = "https://workflowexecutions.googleapis.com/v1/{workflow}/executions"


def spec_type_of(group: GcpGroup, item_id: str) -> str:
    return str(group.spec_of_id(item_id).type)


def built(group: GcpGroup, item: PlanItem, item_ids: list[str], what: str) -> list[str]:
    """The ids among `item_ids` that create a resource (the others are listed as dropped)."""
    return group.buildable_refs(item, sorted(set(item_ids)), what)


def function_url(group: GcpGroup, item: PlanItem, function_item: str) -> pulumi.Output[Any] | None:
    attribute = FUNCTION_URLS.get(spec_type_of(group, function_item))
    if attribute is None:
        group.dropped(item, f"{function_item!r} serves no HTTPS URL: left out")
        return None
    return group.ref(item, function_item, attribute)


def _feeding_topic(group: GcpGroup, item: PlanItem, queue_item: str) -> str | None:
    """The topic a queue without a topic of its own is fed from (its first SNS topic that builds)."""
    feeding = group.buildable_refs(item, list(getattr(group.spec_of_id(queue_item), "subscribe_to", [])), "feeding topic")
    if len(feeding) > 1:
        group.dropped(item, f"queue {queue_item!r} is fed by {len(feeding)} topics: only {feeding[0]!r} is wired")
    return feeding[0] if feeding else None


def topic_id(group: GcpGroup, item: PlanItem, topic_item: str) -> pulumi.Output[Any] | None:
    """The Pub/Sub topic that stands for `topic_item` (a queue fed only by SNS topics has none: the feeding one)."""
    spec = group.spec_of_id(topic_item)
    if spec.type not in TOPIC_SPECS:
        group.dropped(item, f"{topic_item!r} is no Pub/Sub topic: left out")
        return None
    if spec.type == QUEUE_SPEC and not getattr(spec, "own_topic", True):
        feeding = _feeding_topic(group, item, topic_item)
        return group.ref(item, feeding, "id") if feeding else None
    return group.ref(item, topic_item, "id")


def workflow_executions_url(group: GcpGroup, item: PlanItem, workflow_item: str) -> pulumi.Output[str]:
    return group.ref(item, workflow_item, "id").apply(lambda workflow: WORKFLOW_EXECUTIONS.format(workflow=workflow))
