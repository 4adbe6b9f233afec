"""SNS topics and their subscriptions (endpoints without user info or query strings)."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import strip_secrets_from_url

# Subscriptions whose endpoint is another resource of the inventory, by ARN.
ARN_PROTOCOLS = frozenset({"sqs", "lambda", "firehose", "application"})


def _detail(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    arn = item["TopicArn"]
    item["_attributes"] = guarded(ctx, lambda: client.get_topic_attributes(TopicArn=arn), {}).get("Attributes", {})
    paginator = client.get_paginator("list_subscriptions_by_topic")
    pages = guarded(ctx, lambda: list(paginator.paginate(TopicArn=arn)), [])
    item["_subscriptions"] = [subscription for page in pages for subscription in page.get("Subscriptions", [])]
    item["Tags"] = guarded(ctx, lambda: client.list_tags_for_resource(ResourceArn=arn), {}).get("Tags", [])


def _build(item: Item, ctx: JobContext) -> Built:
    attributes = item.get("_attributes", {})
    subscriptions = [
        {"protocol": subscription.get("Protocol"), "endpoint": strip_secrets_from_url(str(subscription.get("Endpoint", "")))}
        for subscription in item.get("_subscriptions", [])
    ]
    targets = [subscription["endpoint"] for subscription in subscriptions if subscription["protocol"] in ARN_PROTOCOLS]
    return Built(
        props={
            "fifo": attributes.get("FifoTopic") == "true" or item["TopicArn"].endswith(".fifo"),
            "subscription_count": len(subscriptions),
            "subscriptions": subscriptions,
            "kms_key_id": attributes.get("KmsMasterKeyId"),
        },
        refs=targets,
        name=item["TopicArn"].rsplit(":", 1)[-1],
    )


register(ResourceSpec("aws.sns.topic", "sns", "list_topics", "Topics[]", "TopicArn", _build, detail=_detail))
