"""Storage: Persistent Disks, Cloud Storage buckets, Filestore, Artifact Registry."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp import specs as s
from stacks.gcp.base import DEFAULT_NETWORK, GcpGroup, GcpGroupArgs


@dataclass
class StorageArgs(GcpGroupArgs):
    """Items of the `storage` group."""


def build_disk(group: GcpGroup, item: PlanItem, spec: s.DiskSpec) -> pulumi.Resource:
    return gcp.compute.Disk(item.id, name=spec.name, zone=spec.zone, size=spec.size_gb, type=spec.disk_type,
                            labels=spec.labels, provisioned_iops=spec.provisioned_iops,
                            provisioned_throughput=spec.provisioned_throughput, opts=group.opts())


def build_bucket(group: GcpGroup, item: PlanItem, spec: s.BucketSpec) -> pulumi.Resource:
    website = spec.website.model_dump() if spec.website else None
    bucket = gcp.storage.Bucket(
        item.id, name=spec.name, location=spec.location, storage_class=spec.storage_class, labels=spec.labels,
        versioning={"enabled": spec.versioning}, website=website, uniform_bucket_level_access=True,
        public_access_prevention="inherited" if website else "enforced", opts=group.opts())
    group.export(item, "url", bucket.url)
    return bucket


def build_filestore(group: GcpGroup, item: PlanItem, spec: s.FilestoreSpec) -> pulumi.Resource:
    network = group.ref(item, spec.network, "name") if spec.network else DEFAULT_NETWORK
    instance = gcp.filestore.Instance(
        item.id, name=spec.name, location=spec.location, tier=spec.tier, labels=spec.labels,
        file_shares={"name": spec.share_name, "capacity_gb": spec.capacity_gb},
        networks=[{"network": network, "modes": ["MODE_IPV4"]}], opts=group.opts())
    group.export(item, "share", spec.share_name)
    return instance


def build_repository(group: GcpGroup, item: PlanItem, spec: s.ArtifactRepositorySpec) -> pulumi.Resource:
    repository = gcp.artifactregistry.Repository(item.id, repository_id=spec.name, location=spec.region,
                                                 format=spec.format, labels=spec.labels, opts=group.opts())
    group.export(item, "repository", repository.id)
    return repository


class Storage(GcpGroup):
    group = "storage"
    spec_builders = {
        "gcp.compute.disk": build_disk,
        "gcp.storage.bucket": build_bucket,
        "gcp.filestore.instance": build_filestore,
        "gcp.artifactregistry.repository": build_repository,
    }
