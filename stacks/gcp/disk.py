"""Builds `gcp.compute.disk` (`storage.block`): a Persistent Disk."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.disk import DiskSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_disk(group: GcpGroup, item: PlanItem, spec: DiskSpec) -> pulumi.Resource:
    return gcp.compute.Disk(item.id, name=spec.name, zone=spec.zone, size=spec.size_gb, type=spec.disk_type,
                            labels=spec.labels, provisioned_iops=spec.provisioned_iops,
                            provisioned_throughput=spec.provisioned_throughput, opts=group.opts())


BUILD: dict[str, GcpBuilder] = {"gcp.compute.disk": build_disk}
