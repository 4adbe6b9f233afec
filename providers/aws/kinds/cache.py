"""Caches (cache) -> ElastiCache: Redis as a replication group (cluster mode kept), Memcached as a cache cluster.

A cache starts empty: no data is copied.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import SECURITY_GROUP, SUBNET, common_fields, linked, optional_int, result
from providers.aws.spec import Spec


class CacheReplicationGroupSpec(Spec):
    type: Literal["aws.elasticache.replication_group"] = "aws.elasticache.replication_group"
    engine: str = "redis"
    engine_version: str | None = None
    node_type: str
    num_nodes: int = 1  # every node, primaries and replicas
    cluster_mode: bool = False
    num_node_groups: int | None = None  # shards, in cluster mode
    multi_az: bool = False
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


class CacheClusterSpec(Spec):
    """Memcached: no replication groups, a plain cache cluster."""

    type: Literal["aws.elasticache.cluster"] = "aws.elasticache.cluster"
    engine: Literal["memcached"] = "memcached"
    engine_version: str | None = None
    node_type: str
    num_nodes: int = 1
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


def _cache_fields(resource: Resource, ctx: MappingContext) -> dict[str, Any]:
    """What both engines' specs are given: version, nodes, subnets and security groups."""
    props = resource.props
    return {
        **common_fields(resource, ctx),
        "engine_version": props.get("engine_version"),
        "node_type": str(props.get("node_type") or ""),
        "num_nodes": optional_int(props.get("num_nodes")) or 1,
        "subnet_items": linked(resource, ctx, "subnet_ids", SUBNET),
        "security_group_items": linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
    }


def map_cache(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    engine = str(props.get("engine") or "redis")
    fields = _cache_fields(resource, ctx)
    if engine == "memcached":
        return result("mapped", CacheClusterSpec(**fields), unpriced("ElastiCache"), ["a cache: starts empty"])
    spec = CacheReplicationGroupSpec(
        **fields,
        engine=engine,
        cluster_mode=bool(props.get("cluster_mode")),
        num_node_groups=optional_int(props.get("num_node_groups")) if props.get("cluster_mode") else None,
        multi_az=bool(props.get("multi_az")),
    )
    notes = ["data is not copied: export an RDB snapshot and seed the new group, or let it warm up"]
    return result("mapped", spec, unpriced("ElastiCache"), notes)


MAP: dict[str, MapFunction] = {"cache": map_cache}
SPECS: tuple[type[Spec], ...] = (CacheReplicationGroupSpec, CacheClusterSpec)
