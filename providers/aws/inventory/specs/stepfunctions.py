"""Step Functions state machines, with their definition (secret-looking values redacted).

One paginated ListStateMachines per region, one DescribeStateMachine per machine.
The definition is kept so that a rebuild on AWS can point it at the rebuilt
resources: `definition_refs` maps each string of it that names a resource of this
account (an ARN, a queue URL) to that resource's inventory id. String values under
keys that look like credentials (password, token, api key, authorization...) are
replaced by `REDACTED_VALUE` before the definition is kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._arns import ARN_PREFIX, arn_service, resource_id

MACHINES_PER_PAGE = 1000
REDACTED_VALUE = "REDACTED-BY-PLANNER"
SECRET_KEY = re.compile(r"password|passwd|secret|token|api[-_]?key|authorization|credential", re.IGNORECASE)
JSON_PATH_SUFFIX = ".$"  # `Key.$` holds a path into the state's input, not a value
ACCOUNT_ID = re.compile(r"^\d{12}$")
SERVICE_INTEGRATION = re.compile(r"^arn:aws[\w-]*:states:::(?P<action>[^.]+?)(?:\.\w+)?$")


def _describe(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    arn = item["stateMachineArn"]
    described = guarded(ctx, lambda: client.describe_state_machine(stateMachineArn=arn), {})
    item["_described"] = {key: value for key, value in described.items() if key != "ResponseMetadata"}


def _tags(ctx: JobContext, item: Item) -> None:
    arn = item["stateMachineArn"]
    item["Tags"] = guarded(ctx, lambda: ctx.client().list_tags_for_resource(resourceArn=arn), {}).get("tags", [])


def _is_secret(key: str, value: Any) -> bool:
    if not isinstance(value, str) or key.endswith(JSON_PATH_SUFFIX) or not SECRET_KEY.search(key):
        return False
    return not value.startswith((ARN_PREFIX, "$"))


def redacted(value: Any) -> tuple[Any, int]:
    """`value` with secret-looking string values replaced, and how many were replaced."""
    if isinstance(value, dict):
        count, kept = 0, {}
        for key, entry in value.items():
            if _is_secret(str(key), entry):
                kept[key], count = REDACTED_VALUE, count + 1
                continue
            kept[key], inner = redacted(entry)
            count += inner
        return kept, count
    if isinstance(value, list):
        pairs = [redacted(entry) for entry in value]
        return [entry for entry, _ in pairs], sum(count for _, count in pairs)
    return value, 0


def strings_of(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for entry in value.values():
            yield from strings_of(entry)
    elif isinstance(value, list):
        for entry in value:
            yield from strings_of(entry)


def _names_account_resource(source_id: str | None) -> bool:
    parts = (source_id or "").split(":")
    return len(parts) > 4 and bool(ACCOUNT_ID.match(parts[4]))


def definition_refs(definition: Any, ctx: JobContext) -> dict[str, str]:
    """Each string of the definition that names a resource of an account -> that resource's inventory id."""
    found = {text: resource_id(text, ctx) for text in strings_of(definition)}
    return {text: source_id for text, source_id in found.items() if source_id and _names_account_resource(source_id)}


def _states(definition: Any) -> Iterator[dict[str, Any]]:
    """Every state, nested ones (Parallel branches, Map iterators) included."""
    if isinstance(definition, dict):
        for name, entry in definition.items():
            if name == "States" and isinstance(entry, dict):
                yield from (state for state in entry.values() if isinstance(state, dict))
            yield from _states(entry)
    elif isinstance(definition, list):
        for entry in definition:
            yield from _states(entry)


def integration_of(resource: str) -> str:
    """`sqs:sendMessage` for a service integration, `lambda:invoke` for a function ARN, else the service."""
    found = SERVICE_INTEGRATION.match(resource)
    if found:
        return found.group("action")
    service = arn_service(resource)
    return "lambda:invoke" if service == "lambda" else service or resource


def _parsed(text: str | None) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def _build(item: Item, ctx: JobContext) -> Built:
    described = item.get("_described", {})
    definition, redactions = redacted(_parsed(described.get("definition")))
    states = list(_states(definition))
    refs_in_definition = definition_refs(definition, ctx)
    tasks = {integration_of(str(state["Resource"])) for state in states if state.get("Type") == "Task" and state.get("Resource")}
    return Built(
        props={
            "type": described.get("type") or item.get("type"),
            "status": described.get("status"),
            "role_arn": described.get("roleArn"),
            "logging_level": (described.get("loggingConfiguration") or {}).get("level"),
            "tracing_enabled": bool((described.get("tracingConfiguration") or {}).get("enabled")),
            "state_count": len(states),
            "task_integrations": sorted(tasks),
            "definition": definition,
            "definition_refs": refs_in_definition,
            "redacted_values": redactions,
        },
        refs=[described.get("roleArn"), *refs_in_definition.values()],
    )


register(
    ResourceSpec(
        key="aws.sfn.state_machine", service="stepfunctions", operation="list_state_machines",
        result_path="stateMachines[]", id_field="stateMachineArn", build=_build, name_field="name",
        page_size=MACHINES_PER_PAGE, detail=_describe, tag_type="states:stateMachine", item_tags=_tags,
    ),
)
