"""What SQS queues and SNS topics share: FIFO names and encryption at rest."""

from __future__ import annotations

from typing import Any

from planner.core.contract import MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._encryption import kms_key_item
from providers.aws.kinds._shared import Links

FIFO_SUFFIX = ".fifo"  # SQS and SNS: a FIFO queue's or topic's name must end with it
FIFO_IN_PLAN_NAME = "-fifo"  # that suffix as the plan's name rules spell it (no dots)


def fifo_name(name: str, fifo: bool) -> str:
    """The SQS/SNS name: a FIFO one ends in `.fifo` once (its `-fifo` spelling in the plan's name is dropped)."""
    if not fifo:
        return name
    base = name.removesuffix(FIFO_SUFFIX)
    head, found, tail = base.rpartition(FIFO_IN_PLAN_NAME)
    return f"{head}{tail}{FIFO_SUFFIX}" if found else f"{base}{FIFO_SUFFIX}"


def encryption_of(resource: Resource, ctx: MappingContext, links: Links, managed: str | None) -> tuple[dict[str, Any], list[str]]:
    """`encryption` ("kms", `managed` for the service's own keys, or None) and `kms_key_item`, as the source had them."""
    props = resource.props
    if props.get("kms_key_id"):
        key, notes = kms_key_item(resource, ctx, links)
        return {"encryption": "kms", "kms_key_item": key}, notes
    return {"encryption": managed, "kms_key_item": None}, []
