"""`cache` -> Memorystore for Redis or for Memcached, sized from the ElastiCache nodes."""

from __future__ import annotations

import math
import re
from typing import ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws import elasticache_nodes
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, number, placement, region_of
from providers.gcp.spec import GcpSpec

# Memorystore for Redis versions (docs "Supported versions": 3.2, 4.0, 5.0, 6.x, 7.0, 7.2; retrieved copy).
REDIS_VERSIONS: tuple[tuple[tuple[int, int], str], ...] = (
    ((3, 2), "REDIS_3_2"), ((4, 0), "REDIS_4_0"), ((5, 0), "REDIS_5_0"), ((6, 0), "REDIS_6_X"),
    ((7, 0), "REDIS_7_0"), ((7, 2), "REDIS_7_2"),
)
REDIS_MAX_GB = 300  # Memorystore for Redis Basic/Standard capacity ceiling (Memorystore docs, "Redis tiers")
REDIS_MAX_READ_REPLICAS = 5  # pulumi-gcp 10.2.0 redis.Instance `replica_count` docs: 1-5 with read replicas


class RedisSpec(GcpSpec):
    type: Literal["gcp.redis.instance"] = "gcp.redis.instance"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    region: str
    tier: Literal["BASIC", "STANDARD_HA"]
    memory_size_gb: int
    redis_version: str
    replica_count: int = 0
    network: str | None = None


class MemcacheSpec(GcpSpec):
    type: Literal["gcp.memcache.instance"] = "gcp.memcache.instance"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    region: str
    node_count: int
    cpu_count: int
    memory_size_mb: int
    memcache_version: str = "MEMCACHE_1_5"
    network: str | None = None


def _redis_version(engine: str, version: str) -> tuple[str, list[str]]:
    numbers = tuple(int(n) for n in re.findall(r"\d+", version)[:2]) or (7, 2)
    wanted = numbers if len(numbers) == 2 else (numbers[0], 0)
    for known, name in REDIS_VERSIONS:
        if known >= wanted or (known[0] == wanted[0] == 6):
            notes = [] if known[:1] == wanted[:1] and engine == "redis" else [
                f"{engine} {version} -> {name}: check commands and modules used"]
            return name, notes
    return REDIS_VERSIONS[-1][1], [f"{engine} {version} is newer than Memorystore for Redis offers: {REDIS_VERSIONS[-1][1]}"]


def map_cache(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    engine = str(props.get("engine") or "redis")
    node_type = elasticache_nodes.node_type(props.get("node_type"))  # providers/aws/data/SOURCES.md
    memory_mib = number(props.get("memory_mib")) or (node_type.memory_mib if node_type else 0)
    nodes = max(1, int(number(props.get("num_nodes"), 1)))
    region = region_of(resource, ctx)
    network, _ = placement(resource, ctx)
    if not memory_mib:
        return manual(f"node type {props.get('node_type')} is not in the ElastiCache node table and no memory was "
                      "inventoried", "size the Memorystore instance by hand")
    unpriced = pricing.unpriced("no Memorystore rate in the catalog snapshot: not priced")
    if engine == "memcached":
        spec: GcpSpec = MemcacheSpec(
            name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, node_count=nodes,
            cpu_count=node_type.vcpu if node_type else 1, memory_size_mb=int(memory_mib), network=network)
        notes = [f"Memcached {props.get('node_type')} ({memory_mib:g} MiB) x {nodes} -> Memorystore for Memcached; "
                 "node vCPUs from the ElastiCache node table; check the node memory/vCPU limits",
                 "the cache starts empty (warm it up)"]
        return done("partial", spec, notes, unpriced)
    version, notes = _redis_version(engine, str(props.get("engine_version") or ""))
    size_gb = max(1, math.ceil(memory_mib / 1024))
    ha = nodes > 1 or bool(props.get("multi_az"))
    replicas = min(nodes - 1, REDIS_MAX_READ_REPLICAS) if ha else 0
    spec = RedisSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), region=region,
                     tier="STANDARD_HA" if ha else "BASIC", memory_size_gb=min(size_gb, REDIS_MAX_GB),
                     redis_version=version, replica_count=max(replicas, 1) if ha else 0, network=network)
    notes.insert(0, f"{props.get('node_type')} ({memory_mib:g} MiB) x {nodes} -> Memorystore for Redis "
                    f"{spec.tier} {spec.memory_size_gb} GB")
    notes.append("the cache starts empty unless an RDB export is imported")
    status = "mapped" if len(notes) == 2 else "partial"
    if props.get("cluster_mode"):
        status = "partial"
        notes.append("cluster mode: Memorystore for Redis Cluster is the sharded equivalent; a single "
                     "primary is generated (memory per shard x shards may exceed it)")
    if size_gb > REDIS_MAX_GB:
        status = "partial"
        notes.append(f"{size_gb} GB exceeds Memorystore for Redis's {REDIS_MAX_GB} GB: use Redis Cluster")
    return done(status, spec, notes, unpriced)


MAP: dict[str, MapFunction] = {"cache": map_cache}
SPECS: tuple[type[GcpSpec], ...] = (RedisSpec, MemcacheSpec)
