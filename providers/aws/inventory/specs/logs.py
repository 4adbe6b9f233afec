"""CloudWatch Logs log groups: retention, stored bytes (the data to move if the entries are kept), KMS key."""

from __future__ import annotations

from datetime import UTC, datetime

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import iso

LOG_GROUPS_PER_PAGE = 50  # DescribeLogGroups' largest page


def _group_arn(item: Item, ctx: JobContext) -> str:
    # `arn` ends in ":*" (the group's streams); `logGroupArn` is the group itself (newer API answers).
    return str(item.get("logGroupArn") or str(item.get("arn", "")).removesuffix(":*"))


def _tags(ctx: JobContext, item: Item) -> None:
    arn = _group_arn(item, ctx)
    item["Tags"] = guarded(ctx, lambda: ctx.client().list_tags_for_resource(resourceArn=arn), {}).get("tags", {})


def _created(item: Item) -> str | None:
    milliseconds = item.get("creationTime")
    return iso(datetime.fromtimestamp(milliseconds / 1000, UTC)) if isinstance(milliseconds, int | float) else None


def _build(item: Item, ctx: JobContext) -> Built:
    return Built(
        props={
            "log_group_name": item.get("logGroupName"),
            "retention_days": item.get("retentionInDays"),  # absent: never expire
            "stored_bytes": item.get("storedBytes"),
            "kms_key_id": item.get("kmsKeyId"),
            "log_group_class": item.get("logGroupClass") or "STANDARD",
            "metric_filter_count": item.get("metricFilterCount"),
            "created": _created(item),
        },
        refs=[item.get("kmsKeyId")],
    )


register(
    ResourceSpec(
        key="aws.logs.log_group", service="logs", operation="describe_log_groups", result_path="logGroups[]",
        id_field=_group_arn, build=_build, name_field="logGroupName", page_size=LOG_GROUPS_PER_PAGE, detail=_tags,
    ),
)
