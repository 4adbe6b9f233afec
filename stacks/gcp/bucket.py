"""Builds `gcp.storage.bucket` (`storage.object`): a Cloud Storage bucket; readable by anyone (allUsers) when the
source served it publicly (a static website, or a CDN serving it to anyone)."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.bucket import BucketSpec
from stacks.gcp.base import GcpBuilder, GcpGroup

OBJECT_VIEWER = "roles/storage.objectViewer"
PUBLIC = "allUsers"


def build_bucket(group: GcpGroup, item: PlanItem, spec: BucketSpec) -> pulumi.Resource:
    website = spec.website.model_dump() if spec.website else None
    # Public access prevention "enforced" refuses any allUsers binding: "inherited" lets the binding below apply.
    bucket = gcp.storage.Bucket(
        item.id, name=spec.name, location=spec.location, storage_class=spec.storage_class, labels=spec.labels,
        versioning={"enabled": spec.versioning}, website=website, uniform_bucket_level_access=True,
        public_access_prevention="inherited" if spec.public_read or website else "enforced", opts=group.opts())
    if spec.public_read:
        gcp.storage.BucketIAMMember(f"{item.id}-public-read", bucket=bucket.name, role=OBJECT_VIEWER, member=PUBLIC,
                                    opts=group.opts())
    group.export(item, "url", bucket.url)
    return bucket


BUILD: dict[str, GcpBuilder] = {"gcp.storage.bucket": build_bucket}
