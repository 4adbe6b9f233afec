"""S3 buckets: real region, versioning, website hosting, size and object count.

The region comes from ListBuckets' BucketRegion (real AWS returns it). Where it is
missing (moto 5.2.5, other S3-compatible endpoints), ListBuckets filtered by
BucketRegion, one call per scanned region, places the buckets; GetBucketLocation
only the rest. Tags come from the tagging API of each bucket's region.

Size comes from the daily CloudWatch storage metrics (AWS/S3 BucketSizeBytes per
storage class, NumberOfObjects), read with GetMetricData in batches of 500 queries,
one batch set per bucket region. A bucket without metrics falls back to a bounded
ListObjectsV2 listing; `size_source` says which one was used.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from providers.aws.inventory.context import JobContext, for_resource, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import chunks

QUERIES_PER_GET_METRIC_DATA = 500
METRIC_LOOKBACK = timedelta(days=3)  # storage metrics are daily and land about a day late
ONE_DAY_SECONDS = 86400
LISTING_MAX_PAGES = 10  # at most 10,000 objects per bucket when there are no metrics
# CloudWatch StorageType dimension values (AWS docs, "Metrics and dimensions" for Amazon S3:
# StandardStorage, StandardIAStorage, StandardIASizeOverhead, GlacierS3ObjectOverhead, ...)
# as the storage classes ListObjectsV2 reports, longest prefix first. Overheads count in their class.
STORAGE_TYPE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("IntelligentTiering", "INTELLIGENT_TIERING"),
    ("GlacierInstantRetrieval", "GLACIER_IR"),
    ("ReducedRedundancy", "REDUCED_REDUNDANCY"),
    ("ExpressOneZone", "EXPRESS_ONEZONE"),
    ("DeepArchive", "DEEP_ARCHIVE"),
    ("StandardIA", "STANDARD_IA"),
    ("OneZoneIA", "ONEZONE_IA"),
    ("Standard", "STANDARD"),
    ("Glacier", "GLACIER"),
)
# GetBucketLocation answers None for us-east-1 and "EU" for the oldest eu-west-1 buckets.
LOCATION_ALIASES: dict[str | None, str] = {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}


def bucket_region(location: str | None) -> str:
    return LOCATION_ALIASES.get(location, location or "us-east-1")


def storage_class_of(storage_type: str) -> str:
    return next((name for prefix, name in STORAGE_TYPE_PREFIXES if storage_type.startswith(prefix)), storage_type)


def _bucket_names_in(ctx: JobContext, region: str) -> list[str] | None:
    paginator = ctx.client().get_paginator("list_buckets")
    pages = guarded(ctx, lambda: list(paginator.paginate(BucketRegion=region, PaginationConfig={"PageSize": 10000})), None)
    return None if pages is None else [bucket["Name"] for page in pages for bucket in page.get("Buckets", [])]


def _place_by_region_listing(ctx: JobContext, items: list[Item]) -> None:
    """Set BucketRegion on the buckets ListBuckets returned without it: one filtered listing per scanned region."""
    missing = {item["Name"]: item for item in items if not item.get("BucketRegion")}
    if not missing or not ctx.scan_regions:
        return
    regions = list(ctx.scan_regions)
    found_in: dict[str, list[str]] = {}
    for region, names in zip(regions, ctx.map(lambda region: _bucket_names_in(ctx, region), regions)):
        for name in names or []:
            found_in.setdefault(name, []).append(region)
    for name, places in found_in.items():
        # An endpoint that ignores the filter lists every bucket for every region: trust only one answer.
        if name in missing and len(places) == 1:
            missing[name]["BucketRegion"] = places[0]


def _locate(ctx: JobContext, item: Item) -> None:
    """Set item["_region"]: BucketRegion when known, else GetBucketLocation."""
    if item.get("BucketRegion"):
        item["_region"] = item["BucketRegion"]
        return
    location = guarded(ctx, lambda: ctx.client().get_bucket_location(Bucket=item["Name"]), {})
    item["_region"] = bucket_region(location.get("LocationConstraint"))


def _bucket_settings(ctx: JobContext, item: Item) -> None:
    name, region = item["Name"], item["_region"]
    client = ctx.client(region=region)
    versioning = guarded(ctx, lambda: client.get_bucket_versioning(Bucket=name), None, region=region)
    # No Status in the answer: versioning was never enabled. No answer (the call failed, in errors[]): unknown.
    item["_versioning"] = versioning.get("Status", "Disabled") if versioning is not None else None
    website = guarded(
        ctx, lambda: client.get_bucket_website(Bucket=name), None, ignore_codes=["NoSuchWebsiteConfiguration"], region=region
    )
    item["_website"] = website is not None
    item["_encryption"] = _default_encryption(ctx, client, name, region)


def _default_encryption(ctx: JobContext, client: Any, name: str, region: str) -> dict[str, Any]:
    """The bucket's default encryption rule (SSEAlgorithm, KMSMasterKeyID), `{}` when none is configured."""
    answer = guarded(ctx, lambda: client.get_bucket_encryption(Bucket=name), {},
                     ignore_codes=["ServerSideEncryptionConfigurationNotFoundError"], region=region)
    rules = answer.get("ServerSideEncryptionConfiguration", {}).get("Rules", [])
    return rules[0].get("ApplyServerSideEncryptionByDefault", {}) if rules else {}


def _tags(ctx: JobContext, item: Item) -> None:
    region = item["_region"]
    client = ctx.client(region=region)
    tagging = guarded(
        ctx, lambda: client.get_bucket_tagging(Bucket=item["Name"]), {}, ignore_codes=["NoSuchTagSet"], region=region
    )
    item["Tags"] = tagging.get("TagSet", [])


def _storage_metrics(ctx: JobContext, region: str, buckets: set[str]) -> dict[str, dict[str, Any]]:
    """{bucket: {"size_bytes", "object_count", "storage_class_bytes"}} from one region's CloudWatch."""
    cloudwatch = ctx.client("cloudwatch", region)
    paginator = cloudwatch.get_paginator("list_metrics")
    pages = guarded(ctx, lambda: list(paginator.paginate(Namespace="AWS/S3")), [], region=region)
    queries: list[dict[str, Any]] = []
    meaning: dict[str, tuple[str, str, str]] = {}  # query id -> (bucket, metric, storage type)
    seen: set[tuple[str, str, str]] = set()
    for page in pages:
        for metric in page.get("Metrics", []):
            dimensions = {dimension["Name"]: dimension["Value"] for dimension in metric.get("Dimensions", [])}
            bucket, storage_type = dimensions.get("BucketName"), dimensions.get("StorageType")
            wanted = metric["MetricName"] in {"BucketSizeBytes", "NumberOfObjects"}
            identity = (str(bucket), metric["MetricName"], str(storage_type))
            if bucket not in buckets or not storage_type or not wanted or identity in seen:
                continue
            seen.add(identity)
            query_id = f"q{len(queries)}"
            meaning[query_id] = identity
            queries.append(
                {
                    "Id": query_id,
                    "MetricStat": {"Metric": metric, "Period": ONE_DAY_SECONDS, "Stat": "Maximum"},
                    "ReturnData": True,
                }
            )
    return _latest_values(ctx, cloudwatch, region, queries, meaning)


def _latest_values(
    ctx: JobContext, cloudwatch: Any, region: str, queries: list[dict[str, Any]], meaning: dict[str, tuple[str, str, str]]
) -> dict[str, dict[str, Any]]:
    end = datetime.now(UTC)
    start = end - METRIC_LOOKBACK
    found: dict[str, dict[str, Any]] = {}
    for batch in chunks(queries, QUERIES_PER_GET_METRIC_DATA):
        paginator = cloudwatch.get_paginator("get_metric_data")
        pages = guarded(
            ctx,
            lambda batch=batch: list(paginator.paginate(MetricDataQueries=batch, StartTime=start, EndTime=end, ScanBy="TimestampDescending")),
            [],
            region=region,
        )
        for page in pages:
            for result in page.get("MetricDataResults", []):
                if not result.get("Values") or result["Id"] not in meaning:
                    continue
                bucket, metric_name, storage_type = meaning[result["Id"]]
                # The largest daily value of the lookback window: one datapoint a day, and when
                # planning a transfer, over-counting a shrinking bucket is the safer error.
                value = int(max(result["Values"]))
                entry = found.setdefault(bucket, {"size_bytes": 0, "object_count": None, "storage_class_bytes": {}})
                if metric_name == "BucketSizeBytes":
                    by_class = entry["storage_class_bytes"]
                    storage_class = storage_class_of(storage_type)
                    by_class[storage_class] = by_class.get(storage_class, 0) + value
                    entry["size_bytes"] += value
                elif storage_type == "AllStorageTypes":
                    entry["object_count"] = value
    return found


def _listing_size(ctx: JobContext, item: Item) -> dict[str, Any]:
    """Sum object sizes from at most LISTING_MAX_PAGES pages of ListObjectsV2."""
    client = ctx.client(region=item["_region"])
    paginator = client.get_paginator("list_objects_v2")
    size, count, by_class, truncated = 0, 0, {}, False
    try:
        for page_number, page in enumerate(paginator.paginate(Bucket=item["Name"], PaginationConfig={"PageSize": 1000})):
            if page_number >= LISTING_MAX_PAGES:
                truncated = True
                break
            for entry in page.get("Contents", []):
                size += int(entry.get("Size", 0))
                count += 1
                storage_class = entry.get("StorageClass", "STANDARD")
                by_class[storage_class] = by_class.get(storage_class, 0) + int(entry.get("Size", 0))
    except NoCredentialsError:
        raise
    except (ClientError, BotoCoreError) as exc:
        ctx.record(exc, region=item["_region"])
        return {"size_bytes": None, "object_count": None, "storage_class_bytes": {}, "size_source": "unknown"}
    source = "listing-truncated" if truncated else "listing"
    return {"size_bytes": size, "object_count": count, "storage_class_bytes": by_class, "size_source": source}


def _enrich(ctx: JobContext, items: list[Item]) -> list[Item]:
    _place_by_region_listing(ctx, items)
    ctx.map(lambda item: _locate(ctx, item), items)  # GetBucketLocation only where BucketRegion is still missing
    by_region: dict[str, set[str]] = {}
    for item in items:
        by_region.setdefault(item["_region"], set()).add(item["Name"])
    # The storage metrics (two calls in a row per region) and the settings (per bucket) in one fan-out.
    metric_tasks: list[Callable[[], dict[str, dict[str, Any]]]] = [
        partial(_storage_metrics, ctx, region, names) for region, names in sorted(by_region.items())
    ]
    setting_tasks: list[Callable[[], None]] = [
        partial(for_resource, _bucket_arn(ctx, item), partial(_bucket_settings, ctx, item)) for item in items
    ]
    done = ctx.map(lambda task: task(), [*metric_tasks, *setting_tasks])
    per_region = [found for found in done[: len(metric_tasks)] if found is not None]
    metrics = {bucket: values for found in per_region for bucket, values in found.items()}
    without_metrics = [item for item in items if item["Name"] not in metrics]
    for item in items:
        if item["Name"] in metrics:
            item["_size"] = {**metrics[item["Name"]], "size_source": "cloudwatch"}
    for item, size in zip(without_metrics, ctx.map(lambda item: _listing_size(ctx, item), without_metrics)):
        item["_size"] = size
    return items


def _bucket_arn(ctx: JobContext, item: Item) -> str:
    return f"arn:{ctx.partition}:s3:::{item['Name']}"


def _build(item: Item, ctx: JobContext) -> Built:
    size = item.get("_size", {})
    return Built(
        props={
            "size_bytes": size.get("size_bytes"),
            "object_count": size.get("object_count"),
            "size_source": size.get("size_source", "unknown"),
            "storage_class_bytes": size.get("storage_class_bytes", {}),
            "versioning": item.get("_versioning"),
            "website": bool(item.get("_website", False)),
            "encryption": item.get("_encryption", {}).get("SSEAlgorithm"),
            "kms_key_id": item.get("_encryption", {}).get("KMSMasterKeyID"),
            "created": item["CreationDate"].isoformat() if item.get("CreationDate") else None,
        },
        region=item.get("_region"),
    )


register(
    ResourceSpec(
        "aws.s3.bucket", "s3", "list_buckets", "Buckets[]", lambda item, ctx: _bucket_arn(ctx, item),
        _build, name_field="Name", scope="global", page_size=10000, enrich=_enrich, tag_type="s3:bucket", item_tags=_tags,
    ),
)
