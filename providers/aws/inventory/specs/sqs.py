"""SQS queues and their dead-letter queues."""

from __future__ import annotations

import json

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register


def _attributes(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    url = item["_value"]
    item["_attributes"] = guarded(ctx, lambda: client.get_queue_attributes(QueueUrl=url, AttributeNames=["All"]), {}).get(
        "Attributes", {}
    )


def _tags(ctx: JobContext, item: Item) -> None:
    item["Tags"] = guarded(ctx, lambda: ctx.client().list_queue_tags(QueueUrl=item["_value"]), {}).get("Tags", {})


def _queue_id(item: Item, ctx: JobContext) -> str:
    return item.get("_attributes", {}).get("QueueArn") or ctx.arn("sqs", item["_value"].rstrip("/").rsplit("/", 1)[-1])


def _int(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


def _build(item: Item, ctx: JobContext) -> Built:
    attributes = item.get("_attributes", {})
    redrive = json.loads(attributes["RedrivePolicy"]) if attributes.get("RedrivePolicy") else {}
    dead_letter = redrive.get("deadLetterTargetArn")
    return Built(
        props={
            "url": item["_value"],
            "fifo": attributes.get("FifoQueue") == "true",
            "visibility_timeout_s": _int(attributes.get("VisibilityTimeout")),
            "retention_s": _int(attributes.get("MessageRetentionPeriod")),
            "approx_messages": _int(attributes.get("ApproximateNumberOfMessages")),
            "approx_messages_in_flight": _int(attributes.get("ApproximateNumberOfMessagesNotVisible")),
            "max_message_bytes": _int(attributes.get("MaximumMessageSize")),
            "dlq_arn": dead_letter,
            "max_receive_count": redrive.get("maxReceiveCount"),
            "kms_key_id": attributes.get("KmsMasterKeyId"),
            "sqs_managed_sse": attributes.get("SqsManagedSseEnabled") == "true",
            "content_based_deduplication": attributes.get("ContentBasedDeduplication") == "true",
        },
        refs=[dead_letter],
        name=item["_value"].rstrip("/").rsplit("/", 1)[-1],
    )


register(
    ResourceSpec(
        "aws.sqs.queue", "sqs", "list_queues", "QueueUrls[]", _queue_id, _build, page_size=1000, detail=_attributes,
        tag_type="sqs:queue", item_tags=_tags,
    ),
)
