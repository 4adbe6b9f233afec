"""SNS topics and their subscriptions (URL endpoints reduced to scheme and host: webhooks carry secrets in the path)."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import endpoint_host_only

# Subscriptions whose endpoint is another resource of the inventory, by ARN.
ARN_PROTOCOLS = frozenset({"sqs", "lambda", "firehose", "application"})


def _subscriptions(ctx: JobContext, items: list[Item]) -> list[Item]:
    """All of the region's subscriptions in one paginated ListSubscriptions, grouped by topic.

    If that call fails (denied, say), `_detail` lists them topic by topic instead.
    """
    paginator = ctx.client().get_paginator("list_subscriptions")
    pages = guarded(ctx, lambda: list(paginator.paginate()), None)
    if pages is None:
        return items
    by_topic: dict[str, list[Item]] = {}
    for page in pages:
        for subscription in page.get("Subscriptions", []):
            by_topic.setdefault(str(subscription.get("TopicArn")), []).append(subscription)
    for item in items:
        item["_subscriptions"] = by_topic.get(item["TopicArn"], [])
    return items


def _detail(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    arn = item["TopicArn"]
    item["_attributes"] = guarded(ctx, lambda: client.get_topic_attributes(TopicArn=arn), {}).get("Attributes", {})
    if "_subscriptions" not in item:
        paginator = client.get_paginator("list_subscriptions_by_topic")
        pages = guarded(ctx, lambda: list(paginator.paginate(TopicArn=arn)), [])
        item["_subscriptions"] = [subscription for page in pages for subscription in page.get("Subscriptions", [])]


def _tags(ctx: JobContext, item: Item) -> None:
    arn = item["TopicArn"]
    item["Tags"] = guarded(ctx, lambda: ctx.client().list_tags_for_resource(ResourceArn=arn), {}).get("Tags", [])


def _build(item: Item, ctx: JobContext) -> Built:
    attributes = item.get("_attributes", {})
    subscriptions = [
        {"protocol": subscription.get("Protocol"), "endpoint": endpoint_host_only(str(subscription.get("Endpoint", "")))}
        for subscription in item.get("_subscriptions", [])
    ]
    targets = [subscription["endpoint"] for subscription in subscriptions if subscription["protocol"] in ARN_PROTOCOLS]
    return Built(
        props={
            "fifo": attributes.get("FifoTopic") == "true" or item["TopicArn"].endswith(".fifo"),
            "subscription_count": len(subscriptions),
            "subscriptions": subscriptions,
            "kms_key_id": attributes.get("KmsMasterKeyId"),
            "content_based_deduplication": attributes.get("ContentBasedDeduplication") == "true",
        },
        refs=targets,
        name=item["TopicArn"].rsplit(":", 1)[-1],
    )


register(
    ResourceSpec(
        "aws.sns.topic", "sns", "list_topics", "Topics[]", "TopicArn", _build,
        enrich=_subscriptions, detail=_detail, tag_type="sns:topic", item_tags=_tags,
    ),
)
