"""Builds `gcp.filestore.instance` (`storage.file`): a Filestore instance."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.file_share import FilestoreSpec
from stacks.gcp.base import DEFAULT_NETWORK, GcpBuilder, GcpGroup


def build_filestore(group: GcpGroup, item: PlanItem, spec: FilestoreSpec) -> pulumi.Resource:
    network = group.ref(item, spec.network, "name") if spec.network else DEFAULT_NETWORK
    instance = gcp.filestore.Instance(
        item.id, name=spec.name, location=spec.location, tier=spec.tier, labels=spec.labels,
        file_shares={"name": spec.share_name, "capacity_gb": spec.capacity_gb},
        networks=[{"network": network, "modes": ["MODE_IPV4"]}], opts=group.opts())
    group.export(item, "share", spec.share_name)
    return instance


BUILD: dict[str, GcpBuilder] = {"gcp.filestore.instance": build_filestore}
