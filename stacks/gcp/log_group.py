"""Builds `gcp.logging.bucket` (`logs.group`): a Cloud Logging bucket in the project, with the retention."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.log_group import LogBucketSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_log_bucket(group: GcpGroup, item: PlanItem, spec: LogBucketSpec) -> pulumi.Resource:
    bucket = gcp.logging.ProjectBucketConfig(
        item.id, project=gcp.config.project, location=spec.location, bucket_id=spec.name,
        retention_days=spec.retention_days, description=f"from CloudWatch Logs {spec.source_log_group}"[:1024],
        opts=group.opts())
    group.export(item, "log_bucket", bucket.name)
    return bucket


BUILD: dict[str, GcpBuilder] = {"gcp.logging.bucket": build_log_bucket}
