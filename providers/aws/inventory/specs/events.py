"""EventBridge event buses, and their rules with their targets.

Buses: one ListEventBuses per region (100 buses, the default quota; the call has no
paginator in botocore). Rules: one paginated ListRules per bus, then one paginated
ListTargetsByRule per rule. A target's constant input, input template and HTTP
parameters may carry secrets: only how input is given (`input_mode`) and an input
path are kept. Bus resource policies are not kept (only whether there is one).
"""

from __future__ import annotations

import json
from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._arns import arn_service, resource_id

DEFAULT_BUS = "default"
PARTNER_BUS_PREFIX = "aws.partner/"
MAX_BUSES_PER_CALL = 100
RULES_PER_PAGE = 100
# How a target receives the event: the first of these fields it sets.
INPUT_MODES: tuple[tuple[str, str], ...] = (("Input", "constant"), ("InputPath", "path"), ("InputTransformer", "transformer"))


def _tags(ctx: JobContext, item: Item) -> None:
    arn = item["Arn"]
    item["Tags"] = guarded(ctx, lambda: ctx.client().list_tags_for_resource(ResourceARN=arn), {}).get("Tags", [])


def _build_bus(item: Item, ctx: JobContext) -> Built:
    name = str(item.get("Name"))
    return Built(
        props={
            "bus_name": name,
            "is_default": name == DEFAULT_BUS,
            "partner_event_source": name.startswith(PARTNER_BUS_PREFIX),
            "has_resource_policy": bool(item.get("Policy")),
            "description": item.get("Description"),
        },
    )


def _targets(ctx: JobContext, item: Item) -> None:
    paginator = ctx.client().get_paginator("list_targets_by_rule")
    params = {"Rule": item["Name"], "EventBusName": item["_parent"]["Name"]}
    pages = guarded(ctx, lambda: list(paginator.paginate(**params)), [])
    item["_targets"] = [target for page in pages for target in page.get("Targets", [])]


def input_mode(target: dict[str, Any]) -> str | None:
    return next((mode for field, mode in INPUT_MODES if target.get(field)), None)


def _target(target: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    arn = str(target.get("Arn") or "")
    return {
        "target_key": target.get("Id"),
        "service": arn_service(arn),
        "target_id": resource_id(arn, ctx),
        "role_arn": target.get("RoleArn"),
        "input_mode": input_mode(target),
        "input_path": target.get("InputPath"),
        "dead_letter_arn": (target.get("DeadLetterConfig") or {}).get("Arn"),
        "message_group_id": (target.get("SqsParameters") or {}).get("MessageGroupId"),
    }


def event_pattern(raw: str | None) -> dict[str, Any] | None:
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _build_rule(item: Item, ctx: JobContext) -> Built:
    targets = [_target(target, ctx) for target in item.get("_targets", [])]
    bus = item["_parent"]
    return Built(
        props={
            "event_bus_name": bus.get("Name"),
            "event_bus_arn": bus.get("Arn"),
            "schedule_expression": item.get("ScheduleExpression"),
            "event_pattern": event_pattern(item.get("EventPattern")),
            "state": item.get("State"),
            "managed_by": item.get("ManagedBy"),
            "description": item.get("Description"),
            "target_count": len(targets),
            "targets": targets,
        },
        refs=[bus.get("Arn"), *(t["target_id"] for t in targets), *(t["role_arn"] for t in targets),
              *(t["dead_letter_arn"] for t in targets)],
    )


register(
    ResourceSpec(
        key="aws.events.event_bus", service="events", operation="list_event_buses", result_path="EventBuses[]",
        id_field="Arn", build=_build_bus, name_field="Name", params={"Limit": MAX_BUSES_PER_CALL},
        tag_type="events:event-bus", item_tags=_tags,
    ),
    ResourceSpec(
        key="aws.events.rule", service="events", operation="list_rules", result_path="Rules[]", id_field="Arn",
        build=_build_rule, name_field="Name", page_size=RULES_PER_PAGE, parent="aws.events.event_bus",
        parent_params=lambda bus: {"EventBusName": bus["Name"]}, detail=_targets, tag_type="events:rule",
        item_tags=_tags,
    ),
)
