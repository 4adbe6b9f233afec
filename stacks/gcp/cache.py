"""Builds `gcp.redis.instance` and `gcp.memcache.instance` (`cache`): Memorystore for Redis or Memcached."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.cache import MemcacheSpec, RedisSpec
from stacks.gcp._shared import private_service_access
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_redis(group: GcpGroup, item: PlanItem, spec: RedisSpec) -> pulumi.Resource:
    extra: dict[str, Any] = {}
    if spec.tier == "STANDARD_HA":
        extra["replica_count"] = spec.replica_count
        if spec.replica_count > 1:
            extra["read_replicas_mode"] = "READ_REPLICAS_ENABLED"
    instance = gcp.redis.Instance(
        item.id, name=spec.name, region=spec.region, tier=spec.tier, memory_size_gb=spec.memory_size_gb,
        redis_version=spec.redis_version, labels=spec.labels, auth_enabled=True,
        transit_encryption_mode="SERVER_AUTHENTICATION",
        authorized_network=group.ref(item, spec.network) if spec.network else None, **extra, opts=group.opts())
    group.export(item, "host", instance.host)
    return instance


def build_memcache(group: GcpGroup, item: PlanItem, spec: MemcacheSpec) -> pulumi.Resource:
    depends = [private_service_access(group, item, spec.network)] if spec.network else []
    instance = gcp.memcache.Instance(
        item.id, name=spec.name, region=spec.region, node_count=spec.node_count, labels=spec.labels,
        node_config={"cpu_count": spec.cpu_count, "memory_size_mb": spec.memory_size_mb},
        memcache_version=spec.memcache_version,
        authorized_network=group.ref(item, spec.network) if spec.network else None,
        opts=group.opts(depends_on=depends))
    group.export(item, "discovery_endpoint", instance.discovery_endpoint)
    return instance


BUILD: dict[str, GcpBuilder] = {"gcp.redis.instance": build_redis, "gcp.memcache.instance": build_memcache}
