"""Builds `gcp.container.cluster` (`container.cluster`): a GKE Autopilot cluster."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.container_cluster import GkeClusterSpec
from stacks.gcp.base import DEFAULT_NETWORK, GcpBuilder, GcpGroup


def build_gke(group: GcpGroup, item: PlanItem, spec: GkeClusterSpec) -> pulumi.Resource:
    cluster = gcp.container.Cluster(
        item.id, name=spec.name, location=spec.region, enable_autopilot=spec.autopilot, resource_labels=spec.labels,
        network=group.ref(item, spec.network, "self_link") if spec.network else DEFAULT_NETWORK,
        subnetwork=group.ref(item, spec.subnetwork, "self_link") if spec.subnetwork else None,
        release_channel={"channel": spec.release_channel}, opts=group.opts())
    group.export(item, "endpoint", cluster.endpoint)
    return cluster


BUILD: dict[str, GcpBuilder] = {"gcp.container.cluster": build_gke}
