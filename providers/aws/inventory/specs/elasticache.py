"""ElastiCache replication groups (Redis/Valkey) and stand-alone cache clusters (Memcached or single-node Redis).

Cache clusters that belong to a replication group are its nodes: they are counted
in the group's `num_nodes`, not listed again as resources.
"""

from __future__ import annotations

from providers.aws.elasticache_nodes import memory_mib
from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register


def _tags(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    response = guarded(ctx, lambda: client.list_tags_for_resource(ResourceName=item["ARN"]), {})
    item["Tags"] = response.get("TagList", [])


def _security_groups_of(clusters: list[Item]) -> list[str]:
    return list(dict.fromkeys(group["SecurityGroupId"] for cluster in clusters for group in cluster.get("SecurityGroups", [])))


def _attach_members(ctx: JobContext, items: list[Item]) -> list[Item]:
    """One DescribeCacheClusters listing shared by all groups of the region (security groups, subnets)."""
    client = ctx.client()
    paginator = client.get_paginator("describe_cache_clusters")
    pages = guarded(ctx, lambda: list(paginator.paginate(PaginationConfig={"PageSize": 100})), [])
    clusters = {cluster["CacheClusterId"]: cluster for page in pages for cluster in page.get("CacheClusters", [])}
    for item in items:
        item["_members"] = [clusters[member] for member in item.get("MemberClusters", []) if member in clusters]
    return items


def _subnet_ids(ctx: JobContext, subnet_group_names: set[str]) -> list[str]:
    client = ctx.client()
    subnets: list[str] = []
    for name in sorted(subnet_group_names):
        response = guarded(ctx, lambda name=name: client.describe_cache_subnet_groups(CacheSubnetGroupName=name), {}, ignore_codes=["CacheSubnetGroupNotFoundFault"])
        for group in response.get("CacheSubnetGroups", []):
            subnets.extend(subnet["SubnetIdentifier"] for subnet in group.get("Subnets", []))
    return subnets


def _group_subnets(ctx: JobContext, item: Item) -> None:
    _tags(ctx, item)
    names = {member["CacheSubnetGroupName"] for member in item.get("_members", []) if member.get("CacheSubnetGroupName")}
    item["_subnets"] = _subnet_ids(ctx, names)


def _build_group(item: Item, ctx: JobContext) -> Built:
    members = item.get("_members", [])
    groups = _security_groups_of(members)
    first = members[0] if members else {}
    return Built(
        props={
            "engine": item.get("Engine") or first.get("Engine") or "redis",
            "engine_version": first.get("EngineVersion"),
            "node_type": item.get("CacheNodeType") or first.get("CacheNodeType"),
            "num_nodes": max(
                len(item.get("MemberClusters", [])),
                sum(len(group.get("NodeGroupMembers", [])) for group in item.get("NodeGroups", [])),
            ),
            "num_node_groups": len(item.get("NodeGroups", [])),
            "cluster_mode": item.get("ClusterEnabled", False) or item.get("ClusterMode") == "enabled",
            "multi_az": item.get("MultiAZ") == "enabled",
            "automatic_failover": item.get("AutomaticFailover"),
            "memory_mib": memory_mib(item.get("CacheNodeType") or first.get("CacheNodeType")),  # data/SOURCES.md
            "at_rest_encryption": bool(item.get("AtRestEncryptionEnabled", False)),
            "transit_encryption": bool(item.get("TransitEncryptionEnabled", False)),
            "kms_key_id": item.get("KmsKeyId"),
            "member_cluster_ids": item.get("MemberClusters", []),
            "security_group_ids": groups,
            "subnet_ids": item.get("_subnets", []),
        },
        refs=[*groups, *item.get("_subnets", [])],
        name=item.get("ReplicationGroupId"),
    )


def _cluster_detail(ctx: JobContext, item: Item) -> None:
    _tags(ctx, item)
    name = item.get("CacheSubnetGroupName")
    item["_subnets"] = _subnet_ids(ctx, {name} if name else set())


def _build_cluster(item: Item, ctx: JobContext) -> Built:
    groups = _security_groups_of([item])
    return Built(
        props={
            "engine": item.get("Engine"),
            "engine_version": item.get("EngineVersion"),
            "node_type": item.get("CacheNodeType"),
            "num_nodes": item.get("NumCacheNodes"),
            "cluster_mode": False,
            "multi_az": item.get("PreferredAvailabilityZone") == "Multiple",
            "memory_mib": memory_mib(item.get("CacheNodeType")),  # per node, data/SOURCES.md
            "availability_zone": item.get("PreferredAvailabilityZone"),
            "at_rest_encryption": bool(item.get("AtRestEncryptionEnabled", False)),
            "transit_encryption": bool(item.get("TransitEncryptionEnabled", False)),
            "security_group_ids": groups,
            "subnet_ids": item.get("_subnets", []),
        },
        refs=[*groups, *item.get("_subnets", [])],
    )


register(
    ResourceSpec(
        "aws.elasticache.replication_group", "elasticache", "describe_replication_groups", "ReplicationGroups[]", "ARN",
        _build_group, name_field="ReplicationGroupId", page_size=100, enrich=_attach_members, detail=_group_subnets,
    ),
    ResourceSpec(
        "aws.elasticache.cluster", "elasticache", "describe_cache_clusters", "CacheClusters[]", "ARN", _build_cluster,
        name_field="CacheClusterId", page_size=100, params={"ShowCacheNodeInfo": True},
        keep=lambda item: not item.get("ReplicationGroupId"), detail=_cluster_detail,
    ),
)
