"""Queues (queue) -> SQS queues with their dead-letter redrive; in-flight messages are not moved."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, item_of, optional_int, result
from providers.aws.spec import Spec

DEFAULT_MAX_RECEIVE_COUNT = 5


class QueueSpec(Spec):
    type: Literal["aws.sqs.queue"] = "aws.sqs.queue"
    fifo: bool = False
    visibility_timeout_s: int | None = None
    retention_s: int | None = None
    dead_letter_queue_item: str | None = None
    max_receive_count: int = DEFAULT_MAX_RECEIVE_COUNT


def map_queue(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = QueueSpec(
        **common_fields(resource, ctx),
        fifo=bool(props.get("fifo")),
        visibility_timeout_s=optional_int(props.get("visibility_timeout_s")),
        retention_s=optional_int(props.get("retention_s")),
        dead_letter_queue_item=item_of(ctx, props.get("dlq_arn")),
        max_receive_count=optional_int(props.get("max_receive_count")) or DEFAULT_MAX_RECEIVE_COUNT,
    )
    notes = ["in-flight messages are not moved: drain the old queue"]
    if spec.dead_letter_queue_item and not props.get("max_receive_count"):
        notes.append("the redrive maxReceiveCount is not inventoried: 5 is used, check it")
    return result("mapped", spec, unpriced("SQS"), notes)


MAP: dict[str, MapFunction] = {"queue": map_queue}
SPECS: tuple[type[Spec], ...] = (QueueSpec,)
