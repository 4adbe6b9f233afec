"""Builds `gcp.storage.bucket` (`storage.object`): a Cloud Storage bucket."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.bucket import BucketSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_bucket(group: GcpGroup, item: PlanItem, spec: BucketSpec) -> pulumi.Resource:
    website = spec.website.model_dump() if spec.website else None
    bucket = gcp.storage.Bucket(
        item.id, name=spec.name, location=spec.location, storage_class=spec.storage_class, labels=spec.labels,
        versioning={"enabled": spec.versioning}, website=website, uniform_bucket_level_access=True,
        public_access_prevention="inherited" if website else "enforced", opts=group.opts())
    group.export(item, "url", bucket.url)
    return bucket


BUILD: dict[str, GcpBuilder] = {"gcp.storage.bucket": build_bucket}
