"""Kinesis data streams: mode, shards, retention, encryption, and the data they hold.

One paginated ListStreams per region, one DescribeStreamSummary per stream. The
data a stream holds is not reported by Kinesis itself: `retained_bytes` is the
CloudWatch `IncomingBytes` sum over the stream's retention period (daily
datapoints, 500 streams per GetMetricData call), the bytes written that have not
expired yet. Records are never read.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import chunks

STREAMS_PER_PAGE = 100  # ListStreams returns at most 100 a call
QUERIES_PER_GET_METRIC_DATA = 500
ONE_DAY_SECONDS = 86_400
DEFAULT_RETENTION_HOURS = 24
METRIC_NAMESPACE = "AWS/Kinesis"


def _summary(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    name = item["StreamName"]
    item["_summary"] = guarded(ctx, lambda: client.describe_stream_summary(StreamName=name), {}).get(
        "StreamDescriptionSummary", {})


def retention_hours(item: Item) -> int:
    return int(item.get("_summary", {}).get("RetentionPeriodHours") or DEFAULT_RETENTION_HOURS)


def _query(index: int, item: Item) -> dict[str, Any]:
    metric = {"Namespace": METRIC_NAMESPACE, "MetricName": "IncomingBytes",
              "Dimensions": [{"Name": "StreamName", "Value": item["StreamName"]}]}
    return {"Id": f"s{index}", "MetricStat": {"Metric": metric, "Period": ONE_DAY_SECONDS, "Stat": "Sum"}, "ReturnData": True}


def _incoming_since(result: dict[str, Any], since: datetime) -> int:
    """The sum of the daily datapoints whose day overlaps the window (CloudWatch stamps a datapoint with its start)."""
    pairs = zip(result.get("Timestamps", []), result.get("Values", []), strict=False)
    return int(sum(value for stamp, value in pairs if stamp + timedelta(seconds=ONE_DAY_SECONDS) > since))


def _retained_bytes(ctx: JobContext, items: list[Item]) -> None:
    """Set `_retained_bytes` on the streams CloudWatch has IncomingBytes for."""
    cloudwatch = ctx.client("cloudwatch")
    end = datetime.now(UTC)
    start = end - timedelta(hours=max(retention_hours(item) for item in items))
    by_query = {f"s{index}": item for index, item in enumerate(items)}
    for batch in chunks([_query(index, item) for index, item in enumerate(items)], QUERIES_PER_GET_METRIC_DATA):
        paginator = cloudwatch.get_paginator("get_metric_data")
        pages = guarded(ctx, lambda batch=batch: list(paginator.paginate(MetricDataQueries=batch, StartTime=start, EndTime=end)), [])
        for result in (result for page in pages for result in page.get("MetricDataResults", [])):
            item = by_query[result["Id"]]
            if result.get("Values"):
                since = end - timedelta(hours=retention_hours(item))
                item["_retained_bytes"] = item.get("_retained_bytes", 0) + _incoming_since(result, since)


def _describe_and_measure(ctx: JobContext, items: list[Item]) -> list[Item]:
    ctx.map(lambda item: _summary(ctx, item), items)
    _retained_bytes(ctx, items)
    return items


def _tags(ctx: JobContext, item: Item) -> None:
    name = item["StreamName"]
    item["Tags"] = guarded(ctx, lambda: ctx.client().list_tags_for_stream(StreamName=name), {}).get("Tags", [])


def _stream_arn(item: Item, ctx: JobContext) -> str:
    return str(item.get("StreamARN") or ctx.arn("kinesis", f"stream/{item['StreamName']}"))


def _build(item: Item, ctx: JobContext) -> Built:
    summary = item.get("_summary", {})
    key_id = summary.get("KeyId")
    measured = "_retained_bytes" in item
    return Built(
        props={
            "stream_mode": (summary.get("StreamModeDetails") or item.get("StreamModeDetails") or {}).get("StreamMode"),
            "shard_count": summary.get("OpenShardCount"),
            "retention_hours": retention_hours(item),
            "encryption_type": summary.get("EncryptionType"),
            "kms_key_id": key_id,
            "consumer_count": summary.get("ConsumerCount"),
            "status": summary.get("StreamStatus") or item.get("StreamStatus"),
            "retained_bytes": item.get("_retained_bytes") if measured else None,
            "retained_bytes_source": "cloudwatch" if measured else "unknown",
        },
        refs=[key_id if str(key_id or "").startswith("arn:") and ":key/" in str(key_id) else None],
    )


register(
    ResourceSpec(
        key="aws.kinesis.stream", service="kinesis", operation="list_streams", result_path="StreamSummaries[]",
        id_field=_stream_arn, build=_build, name_field="StreamName", page_size=STREAMS_PER_PAGE,
        enrich=_describe_and_measure, tag_type="kinesis:stream", item_tags=_tags,
    ),
)
