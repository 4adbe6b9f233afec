"""Builds ElastiCache Redis replication groups and Memcached cache clusters (cache) in a subnet group of their own."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.cache import CacheClusterSpec, CacheReplicationGroupSpec
from stacks.aws._shared import short_name, subnet_group
from stacks.aws.base import AwsBuilder, AwsGroup

ELASTICACHE_ID_MAX = 40  # replication group ids: at most 40 characters
CACHE_CLUSTER_ID_MAX = 50  # cache cluster ids: at most 50 characters
AUTO_MINOR_UPGRADE_FROM = 6  # the first Redis major with automatic minor upgrades


def _cache_args(
    group: AwsGroup, item: PlanItem, spec: CacheReplicationGroupSpec | CacheClusterSpec
) -> dict[str, Any]:
    """What a Redis replication group and a Memcached cluster are both given: engine, nodes, placement, tags."""
    return {
        "engine": spec.engine,
        "engine_version": spec.engine_version,
        "node_type": spec.node_type,
        "subnet_group_name": subnet_group(group, item, spec, aws.elasticache.SubnetGroup),
        "security_group_ids": group.refs(item, spec.security_group_items),
        **group.tagged(spec),
    }


def _shape(spec: CacheReplicationGroupSpec) -> dict[str, Any]:
    """Node layout: shards and replicas in cluster mode, else a primary plus replicas."""
    if spec.cluster_mode and spec.num_node_groups:
        replicas = max(spec.num_nodes // spec.num_node_groups - 1, 0)
        return {"cluster_mode": "enabled", "num_node_groups": spec.num_node_groups, "replicas_per_node_group": replicas}
    return {"num_cache_clusters": spec.num_nodes}


def _auto_minor_upgrades(engine_version: str | None) -> bool | None:
    """On, where ElastiCache offers it: Redis/Valkey 6 and above (pulumi-aws `auto_minor_version_upgrade`)."""
    major = str(engine_version or "").split(".")[0]
    return True if not major or (major.isdigit() and int(major) >= AUTO_MINOR_UPGRADE_FROM) else None


def build_replication_group(group: AwsGroup, item: PlanItem, spec: CacheReplicationGroupSpec) -> pulumi.Resource:
    failover = spec.num_nodes > 1
    replication_group = aws.elasticache.ReplicationGroup(
        item.id,
        replication_group_id=short_name(spec.name, ELASTICACHE_ID_MAX),
        description=f"{spec.name} (rebuilt by planner)",
        automatic_failover_enabled=failover,
        multi_az_enabled=spec.multi_az and failover,
        at_rest_encryption_enabled=spec.at_rest_encryption,
        transit_encryption_enabled=spec.transit_encryption,
        kms_key_id=group.optional_ref(item, spec.kms_key_item, "arn") if spec.at_rest_encryption else None,
        auto_minor_version_upgrade=_auto_minor_upgrades(spec.engine_version),
        **_shape(spec),
        **_cache_args(group, item, spec),
    )
    return group.exporting(item, replication_group, endpoint="primary_endpoint_address")


def build_cache_cluster(group: AwsGroup, item: PlanItem, spec: CacheClusterSpec) -> pulumi.Resource:
    cluster = aws.elasticache.Cluster(
        item.id,
        cluster_id=short_name(spec.name, CACHE_CLUSTER_ID_MAX),
        num_cache_nodes=spec.num_nodes,
        **_cache_args(group, item, spec),
    )
    return group.exporting(item, cluster, endpoint="configuration_endpoint")


BUILD: dict[str, AwsBuilder] = {
    "aws.elasticache.replication_group": build_replication_group,
    "aws.elasticache.cluster": build_cache_cluster,
}
