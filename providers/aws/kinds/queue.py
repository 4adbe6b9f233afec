"""Queues (queue) -> SQS queues with their dead-letter redrive and encryption; in-flight messages are not moved.

A FIFO queue's name ends in `.fifo` once, as SQS requires (the plan's name has
it as `-fifo`). The topics that deliver to a queue are granted `sqs:SendMessage`
by the stack (stacks/aws/queue.py).
"""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._messaging import encryption_of, fifo_name
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import Links, common_fields, optional_int, result
from providers.aws.spec import Spec

DEFAULT_MAX_RECEIVE_COUNT = 5


class QueueSpec(Spec):
    type: Literal["aws.sqs.queue"] = "aws.sqs.queue"
    queue_name: str = ""  # the SQS name (a FIFO queue's ends in .fifo); the plan's name when empty
    fifo: bool = False
    content_based_deduplication: bool = False  # FIFO: producers that send no deduplication id need it
    visibility_timeout_s: int | None = None
    retention_s: int | None = None
    dead_letter_queue_item: str | None = None
    max_receive_count: int = DEFAULT_MAX_RECEIVE_COUNT
    encryption: Literal["sqs-managed", "kms"] | None = None
    kms_key_item: str | None = None  # None with encryption "kms": the AWS-managed key aws/sqs


def map_queue(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    links = Links(resource, ctx)
    fifo = bool(props.get("fifo"))
    managed = "sqs-managed" if props.get("sqs_managed_sse") else None
    encryption, key_notes = encryption_of(resource, ctx, links, managed)
    spec = QueueSpec(
        **common_fields(resource, ctx),
        queue_name=fifo_name(ctx.target_name(resource), fifo),
        fifo=fifo,
        content_based_deduplication=fifo and bool(props.get("content_based_deduplication")),
        visibility_timeout_s=optional_int(props.get("visibility_timeout_s")),
        retention_s=optional_int(props.get("retention_s")),
        dead_letter_queue_item=links.one("dlq_arn", "aws.sqs.queue"),  # SQS: a dead-letter queue is in the same region
        max_receive_count=optional_int(props.get("max_receive_count")) or DEFAULT_MAX_RECEIVE_COUNT,
        **encryption,
    )
    notes = ["in-flight messages are not moved: drain the old queue", *key_notes, *links.notes]
    if spec.dead_letter_queue_item and not props.get("max_receive_count"):
        notes.append("the redrive maxReceiveCount is not inventoried: 5 is used, check it")
    return result("partial" if links.notes else "mapped", spec, unpriced("SQS"), notes)


MAP: dict[str, MapFunction] = {"queue": map_queue}
SPECS: tuple[type[Spec], ...] = (QueueSpec,)
