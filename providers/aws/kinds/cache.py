"""Caches (cache) -> ElastiCache: Redis as a replication group (cluster mode kept), Memcached as a cache cluster.

A cache starts empty: no data is copied.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._encryption import kms_key_item
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import Links, common_fields, optional_int, result
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
    at_rest_encryption: bool = False  # as the source: it cannot be turned on in place later
    transit_encryption: bool = False  # as the source: its clients connect with TLS
    kms_key_item: str | None = None  # None with at_rest_encryption: ElastiCache's own key


class CacheClusterSpec(Spec):
    """Memcached: no replication groups, a plain cache cluster."""

    type: Literal["aws.elasticache.cluster"] = "aws.elasticache.cluster"
    engine: Literal["memcached"] = "memcached"
    engine_version: str | None = None
    node_type: str
    num_nodes: int = 1
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


# Redis/Valkey version -> what ElastiCache accepts to create the current release of the source's major:
# pulumi-aws elasticache.ReplicationGroup `engine_version`: "If the version is 7 or higher, the major and
# minor version should be set, e.g., 7.2. If the version is 6, ... the minor version can be unspecified
# which will use the latest version at creation time, e.g., 6.x. Otherwise, specify the full version".
# Memcached has no such form: its exact version is kept.
REDIS_MAJOR_FORMS: dict[str, str] = {"6": "6.x"}  # major -> the form given alone; 7 and above: "major.minor"
FIRST_MAJOR_MINOR_REDIS = 7
MAJOR_VERSIONED_ENGINES = frozenset({"redis", "valkey"})


def cache_version(engine: str, version: str | None) -> str | None:
    """The version given to ElastiCache: the source's major at its current release where the API allows it."""
    numbers = str(version or "").split(".")
    if engine not in MAJOR_VERSIONED_ENGINES or not numbers[0].isdigit():
        return version
    if numbers[0] in REDIS_MAJOR_FORMS:
        return REDIS_MAJOR_FORMS[numbers[0]]
    return ".".join(numbers[:2]) if int(numbers[0]) >= FIRST_MAJOR_MINOR_REDIS else version


def _encryption_fields(resource: Resource, ctx: MappingContext) -> tuple[dict[str, Any], list[str]]:
    """At-rest and in-transit encryption as the source had them, and the rebuilt key of a customer-managed one."""
    props = resource.props
    links = Links(resource, ctx)
    at_rest = bool(props.get("at_rest_encryption"))
    key, notes = kms_key_item(resource, ctx, links) if at_rest else (None, [])
    fields = {"at_rest_encryption": at_rest, "transit_encryption": bool(props.get("transit_encryption")), "kms_key_item": key}
    return fields, notes


def _cache_fields(resource: Resource, ctx: MappingContext) -> dict[str, Any]:
    """What both engines' specs are given: version, nodes, subnets and security groups."""
    props = resource.props
    return {
        **common_fields(resource, ctx),
        "engine_version": cache_version(str(props.get("engine") or "redis"), props.get("engine_version")),
        "node_type": str(props.get("node_type") or ""),
        "num_nodes": optional_int(props.get("num_nodes")) or 1,
        **_placement(resource, ctx),
    }


def _placement(resource: Resource, ctx: MappingContext) -> dict[str, list[str]]:
    """Subnets and security groups in the cache's region and one VPC (what is dropped is in `_placement_notes`)."""
    subnets, groups = Links(resource, ctx).placement("subnet_ids", "security_group_ids")
    return {"subnet_items": subnets, "security_group_items": groups}


def _placement_notes(resource: Resource, ctx: MappingContext) -> list[str]:
    links = Links(resource, ctx)
    links.placement("subnet_ids", "security_group_ids")
    return links.notes


def map_cache(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    engine = str(props.get("engine") or "redis")
    fields = _cache_fields(resource, ctx)
    dropped = _placement_notes(resource, ctx)
    version_notes = _version_notes(props.get("engine_version"), fields["engine_version"])
    if engine == "memcached":
        notes = ["a cache: starts empty", *version_notes, *dropped]
        return result("partial" if dropped else "mapped", CacheClusterSpec(**fields), unpriced("ElastiCache"), notes)
    encryption, key_notes = _encryption_fields(resource, ctx)
    spec = CacheReplicationGroupSpec(
        **fields,
        **encryption,
        engine=engine,
        cluster_mode=bool(props.get("cluster_mode")),
        num_node_groups=optional_int(props.get("num_node_groups")) if props.get("cluster_mode") else None,
        multi_az=bool(props.get("multi_az")),
    )
    notes = ["data is not copied: export an RDB snapshot and seed the new group, or let it warm up",
             *version_notes, *key_notes, *dropped]
    return result("partial" if dropped else "mapped", spec, unpriced("ElastiCache"), notes)


def _version_notes(source: str | None, pinned: str | None) -> list[str]:
    if not source or source == pinned:
        return []
    return [f"engine version {source} -> {pinned}: the current release of that major, kept current by auto minor upgrades"]


MAP: dict[str, MapFunction] = {"cache": map_cache}
SPECS: tuple[type[Spec], ...] = (CacheReplicationGroupSpec, CacheClusterSpec)
