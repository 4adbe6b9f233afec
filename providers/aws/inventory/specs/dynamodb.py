"""DynamoDB tables (size and item count as DescribeTable reports them, refreshed about every 6 hours)."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register


def _describe(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    table = guarded(ctx, lambda: client.describe_table(TableName=item["_value"]), {}).get("Table", {})
    item.update(table)


def _tags(ctx: JobContext, item: Item) -> None:
    if item.get("TableArn"):
        tags = guarded(ctx, lambda: ctx.client().list_tags_of_resource(ResourceArn=item["TableArn"]), {})
        item["Tags"] = tags.get("Tags", [])


def _table_id(item: Item, ctx: JobContext) -> str:
    return item.get("TableArn") or ctx.arn("dynamodb", f"table/{item['_value']}")


def _build(item: Item, ctx: JobContext) -> Built:
    throughput = item.get("ProvisionedThroughput", {})
    billing = item.get("BillingModeSummary", {}).get("BillingMode") or "PROVISIONED"
    stream = item.get("StreamSpecification", {})
    return Built(
        props={
            "billing_mode": billing,
            "size_bytes": item.get("TableSizeBytes"),
            "item_count": item.get("ItemCount"),
            "read_capacity": throughput.get("ReadCapacityUnits"),
            "write_capacity": throughput.get("WriteCapacityUnits"),
            "key_schema": [{"name": key["AttributeName"], "type": key["KeyType"]} for key in item.get("KeySchema", [])],
            "gsi_count": len(item.get("GlobalSecondaryIndexes", [])),
            "lsi_count": len(item.get("LocalSecondaryIndexes", [])),
            "stream_enabled": bool(stream.get("StreamEnabled", False)),
            "global_table": bool(item.get("Replicas")) or bool(item.get("GlobalTableVersion")),
            "replica_regions": [replica["RegionName"] for replica in item.get("Replicas", []) if replica.get("RegionName")],
            "table_class": item.get("TableClassSummary", {}).get("TableClass", "STANDARD"),
            "status": item.get("TableStatus"),
        },
        name=item.get("TableName") or item.get("_value"),
    )


register(
    ResourceSpec(
        "aws.dynamodb.table", "dynamodb", "list_tables", "TableNames[]", _table_id, _build,
        name_field="TableName", page_size=100, detail=_describe, tag_type="dynamodb:table", item_tags=_tags,
    ),
)
