"""ElastiCache replication groups and clusters in templates."""

from __future__ import annotations

from typing import Any

from providers.aws.offline.declared import (
    CfnShape,
    Declared,
    Item,
    Neighbours,
    TfShape,
    arn_attribute,
    arn_of,
    flag,
    listed,
    number,
    renamed,
)


def _subnets(neighbours: Neighbours, group: Any) -> list[Any]:
    found = neighbours.find(group)
    return listed(found.props.get("SubnetIds")) if found else []


def _security_groups(props: Item) -> list[Item]:
    return [{"SecurityGroupId": group} for group in listed(props.get("SecurityGroupIds") or props.get("VpcSecurityGroupIds"))]


def _node_groups(props: Item) -> list[Item]:
    groups = number(props.get("NumNodeGroups")) or len(listed(props.get("NodeGroupConfiguration"))) or 1
    per_group = (number(props.get("ReplicasPerNodeGroup")) + 1 if props.get("ReplicasPerNodeGroup") is not None
                 else number(props.get("NumCacheClusters")) or 1)
    return [{"NodeGroupMembers": [{} for _ in range(per_group)]} for _ in range(groups)]


def _replication_group(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "ReplicationGroupId": declared.physical_name,
        "Engine": props.get("Engine", "redis"),
        "CacheNodeType": props.get("CacheNodeType"),
        "NodeGroups": _node_groups(props),
        "ClusterEnabled": (number(props.get("NumNodeGroups")) or 1) > 1,
        "MultiAZ": "enabled" if flag(props.get("MultiAZEnabled")) else "disabled",
        "AutomaticFailover": "enabled" if flag(props.get("AutomaticFailoverEnabled")) else "disabled",
        "AtRestEncryptionEnabled": flag(props.get("AtRestEncryptionEnabled")),
        "TransitEncryptionEnabled": flag(props.get("TransitEncryptionEnabled")),
        "KmsKeyId": props.get("KmsKeyId"),
        "_members": [{"EngineVersion": props.get("EngineVersion"), "CacheNodeType": props.get("CacheNodeType"),
                      "SecurityGroups": _security_groups(props)}],
        "_subnets": _subnets(neighbours, props.get("CacheSubnetGroupName")),
    }


def _cache_cluster(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "Engine": props.get("Engine"),
        "EngineVersion": props.get("EngineVersion"),
        "CacheNodeType": props.get("CacheNodeType"),
        "NumCacheNodes": number(props.get("NumCacheNodes")),
        "PreferredAvailabilityZone": "Multiple" if props.get("AZMode") == "cross-az" else props.get("PreferredAvailabilityZone"),
        "SecurityGroups": _security_groups(props),
        "_subnets": _subnets(neighbours, props.get("CacheSubnetGroupName")),
    }


CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::ElastiCache::ReplicationGroup": CfnShape(
        "aws.elasticache.replication_group", _replication_group, arn_of("elasticache", "replicationgroup:{name}"),
        name_property="ReplicationGroupId"),
    "AWS::ElastiCache::CacheCluster": CfnShape(
        "aws.elasticache.cluster", _cache_cluster, arn_of("elasticache", "cluster:{name}"), name_property="ClusterName"),
}


# --- Terraform ------------------------------------------------------------------------------------------------------

TERRAFORM: dict[str, TfShape] = {
    "aws_elasticache_replication_group": TfShape("AWS::ElastiCache::ReplicationGroup", renamed({
        "ReplicationGroupId": "replication_group_id", "Engine": "engine", "EngineVersion": "engine_version",
        "CacheNodeType": "node_type", "NumCacheClusters": "num_cache_clusters", "NumNodeGroups": "num_node_groups",
        "ReplicasPerNodeGroup": "replicas_per_node_group", "MultiAZEnabled": "multi_az_enabled",
        "AutomaticFailoverEnabled": "automatic_failover_enabled", "AtRestEncryptionEnabled": "at_rest_encryption_enabled",
        "TransitEncryptionEnabled": "transit_encryption_enabled", "KmsKeyId": "kms_key_id",
        "SecurityGroupIds": "security_group_ids", "CacheSubnetGroupName": "subnet_group_name"}),
        resource_id=arn_attribute, name=lambda a: a.get("replication_group_id")),
    "aws_elasticache_cluster": TfShape("AWS::ElastiCache::CacheCluster", renamed({
        "ClusterName": "cluster_id", "Engine": "engine", "EngineVersion": "engine_version", "CacheNodeType": "node_type",
        "NumCacheNodes": "num_cache_nodes", "AZMode": "az_mode", "PreferredAvailabilityZone": "availability_zone",
        "VpcSecurityGroupIds": "security_group_ids", "CacheSubnetGroupName": "subnet_group_name"}),
        resource_id=arn_attribute, name=lambda a: a.get("cluster_id")),
    "aws_elasticache_subnet_group": TfShape("AWS::ElastiCache::SubnetGroup", renamed({"SubnetIds": "subnet_ids"}),
                                            resource_id=arn_attribute),
}
