"""Builds `gcp.pubsub.event_bus` and `gcp.events.rule` (`events`): a bus's topic; a rule's Cloud Scheduler jobs
(schedule rules) or its filtered subscriptions and Eventarc triggers (pattern rules), one per target."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.events import EventBusSpec, EventRuleSpec, RuleTargetSpec
from stacks.gcp._eventing import function_url, topic_id, workflow_executions_url
from stacks.gcp.base import GcpBuilder, GcpGroup

PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished"
EMPTY_EVENT = base64.b64encode(b"{}").decode()
WORKFLOW_ARGUMENT = base64.b64encode(json.dumps({"argument": "{}"}).encode()).decode()
JobTarget = Callable[[GcpGroup, PlanItem, str], dict[str, Any] | None]
Delivery = Callable[[GcpGroup, PlanItem, EventRuleSpec, pulumi.Output[Any], RuleTargetSpec, str], pulumi.Resource | None]


def build_bus(group: GcpGroup, item: PlanItem, spec: EventBusSpec) -> pulumi.Resource:
    topic = gcp.pubsub.Topic(item.id, name=spec.name, labels=spec.labels, opts=group.opts())
    group.export(item, "topic", topic.id)
    return topic


# --- schedule rules: one Cloud Scheduler job per target ---------------------------------------------------


def _function_call(group: GcpGroup, item: PlanItem, target_item: str) -> dict[str, Any] | None:
    url = function_url(group, item, target_item)
    return None if url is None else {"http_target": {"uri": url, "http_method": "POST", "body": EMPTY_EVENT}}


def _publish(group: GcpGroup, item: PlanItem, target_item: str) -> dict[str, Any] | None:
    topic = topic_id(group, item, target_item)
    return None if topic is None else {"pubsub_target": {"topic_name": topic, "data": EMPTY_EVENT}}


def _start_workflow(group: GcpGroup, item: PlanItem, target_item: str) -> dict[str, Any] | None:
    uri = workflow_executions_url(group, item, target_item)
    return {"http_target": {"uri": uri, "http_method": "POST", "body": WORKFLOW_ARGUMENT}}


JOB_TARGETS: dict[str, JobTarget] = {"function": _function_call, "topic": _publish, "workflow": _start_workflow}


def _job(group: GcpGroup, item: PlanItem, spec: EventRuleSpec, suffix: str, target: dict[str, Any]) -> pulumi.Resource:
    return gcp.cloudscheduler.Job(
        f"{item.id}-{suffix}", name=f"{spec.name}-{suffix}", region=spec.region, schedule=spec.schedule,
        time_zone=spec.time_zone, paused=spec.paused, **target, opts=group.opts())


def _scheduled(group: GcpGroup, item: PlanItem, spec: EventRuleSpec, own: pulumi.Resource | None) -> list[pulumi.Resource]:
    if own is not None:
        return [_job(group, item, spec, "events", {"pubsub_target": {"topic_name": own.id, "data": EMPTY_EVENT}})]
    jobs = []
    for target in spec.targets:
        if target.target_item in group.buildable_refs(item, [target.target_item], "rule target"):
            settings = JOB_TARGETS[target.kind](group, item, target.target_item)
            jobs.extend([_job(group, item, spec, target.target_item, settings)] if settings else [])
    return jobs


# --- pattern rules: a filtered subscription (or an Eventarc trigger) per target -------------------------------


def _push(group: GcpGroup, item: PlanItem, spec: EventRuleSpec, topic: pulumi.Output[Any], target: RuleTargetSpec,
          suffix: str) -> pulumi.Resource | None:
    url = function_url(group, item, target.target_item)
    return None if url is None else gcp.pubsub.Subscription(
        f"{item.id}-{suffix}", name=f"{spec.name}-{suffix}", topic=topic, filter=spec.filter,
        push_config={"push_endpoint": url}, labels=spec.labels, opts=group.opts())


def _pull(group: GcpGroup, item: PlanItem, spec: EventRuleSpec, topic: pulumi.Output[Any], target: RuleTargetSpec,
          suffix: str) -> pulumi.Resource | None:
    # Pub/Sub does not forward between topics: the target's consumers read this subscription instead.
    return gcp.pubsub.Subscription(f"{item.id}-{suffix}", name=f"{spec.name}-{suffix}", topic=topic, filter=spec.filter,
                                   labels=spec.labels, opts=group.opts())


def _trigger(group: GcpGroup, item: PlanItem, spec: EventRuleSpec, topic: pulumi.Output[Any], target: RuleTargetSpec,
             suffix: str) -> pulumi.Resource | None:
    return gcp.eventarc.Trigger(
        f"{item.id}-{suffix}", name=f"{spec.name}-{suffix}"[:63], location=spec.region,
        matching_criterias=[{"attribute": "type", "value": PUBSUB_PUBLISHED}], transport={"pubsub": {"topic": topic}},
        destination={"workflow": group.ref(item, target.target_item, "id")}, labels=spec.labels, opts=group.opts())


DELIVERIES: dict[str, Delivery] = {"function": _push, "topic": _pull, "workflow": _trigger}


def _matched(group: GcpGroup, item: PlanItem, spec: EventRuleSpec, topic: pulumi.Output[Any]) -> list[pulumi.Resource]:
    made = []
    for target in spec.targets:
        if target.target_item in group.buildable_refs(item, [target.target_item], "rule target"):
            delivery = DELIVERIES[target.kind](group, item, spec, topic, target, f"to-{target.target_item}"[:40])
            made.extend([delivery] if delivery is not None else [])
    return made


def build_rule(group: GcpGroup, item: PlanItem, spec: EventRuleSpec) -> pulumi.Resource | None:
    own = (gcp.pubsub.Topic(f"{item.id}-topic", name=spec.own_topic, labels=spec.labels, opts=group.opts())
           if spec.own_topic else None)
    if own is not None:
        group.export(item, "topic", own.id)
    if spec.schedule:
        made = _scheduled(group, item, spec, own)
    else:
        topic = own.id if own is not None else group.ref(item, str(spec.bus_item), "id")
        made = _matched(group, item, spec, topic)
    if own is None and not made:
        group.manual(item, "none of the rule's targets could be wired", "create the rule's delivery by hand")
    return own or next(iter(made), None)


BUILD: dict[str, GcpBuilder] = {"gcp.pubsub.event_bus": build_bus, "gcp.events.rule": build_rule}
