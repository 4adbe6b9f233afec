"""`logs.group` -> a Cloud Logging bucket with the same retention; the stored entries are not copied."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, region_of
from providers.gcp.spec import GcpSpec

# Cloud Logging bucket retention: 1 to 3650 days (pulumi-gcp 10.2.0 logging.ProjectBucketConfig, Cloud Logging
# "Configure log buckets"); CloudWatch allows up to 3653 days or never-expire.
RETENTION_RANGE_DAYS = (1, 3650)


class LogBucketSpec(GcpSpec):
    type: Literal["gcp.logging.bucket"] = "gcp.logging.bucket"
    location: str
    retention_days: int
    source_log_group: str


def _retention(days: object) -> int:
    if not isinstance(days, int):
        return RETENTION_RANGE_DAYS[1]
    return min(max(days, RETENTION_RANGE_DAYS[0]), RETENTION_RANGE_DAYS[1])


def _notes(resource: Resource, spec: LogBucketSpec) -> list[str]:
    props = resource.props
    stored = props.get("stored_bytes") or 0
    notes = [f"the {stored} stored bytes are not copied: export them (`aws logs create-export-task` to S3, then "
             "Storage Transfer to Cloud Storage) if they must be kept; new entries reach the bucket once a log sink "
             "routes the application's logs to it"]
    if props.get("retention_days") is None:
        notes.append(f"never-expire retention has no equivalent: {spec.retention_days} days (the maximum)")
    elif spec.retention_days != props["retention_days"]:
        notes.append(f"retention {props['retention_days']} days clamped to {spec.retention_days}")
    if props.get("kms_key_id"):
        notes.append("encrypted with a KMS key at the source: set the bucket's CMEK (cmek_settings) if required")
    return notes


def map_log_group(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec = LogBucketSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), location=region_of(resource, ctx),
                         retention_days=_retention(resource.props.get("retention_days")),
                         source_log_group=str(resource.props.get("log_group_name") or resource.name))
    return done("partial", spec, _notes(resource, spec),
                pricing.unpriced("no Cloud Logging storage rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"logs.group": map_log_group}
SPECS: tuple[type[GcpSpec], ...] = (LogBucketSpec,)
