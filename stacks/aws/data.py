"""Data: RDS instances and read replicas, Aurora clusters and members, ElastiCache, DynamoDB.

Master passwords come from pulumi-random (secret outputs, never exported); the
stack exports endpoints only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pulumi
import pulumi_aws as aws
import pulumi_random as random

from planner.core.model.plan import PlanItem
from providers.aws import specs as s
from stacks.aws.base import AwsBuilder, AwsGroup, AwsGroupArgs

# The source's master user name is not inventoried; this one is valid for MySQL, MariaDB,
# PostgreSQL, Oracle and SQL Server (none reserve it).
MASTER_USERNAME = "dbadmin"
# RDS master passwords may not contain '/', '@', '"' or spaces (RDS CreateDBInstance reference).
PASSWORD_SPECIALS = "!#$%&*()-_=+[]{}<>:?"
PASSWORD_LENGTH = 32
ELASTICACHE_ID_MAX = 40  # replication group ids: at most 40 characters
CACHE_CLUSTER_ID_MAX = 50  # cache cluster ids: at most 50 characters


@dataclass
class DataArgs(AwsGroupArgs):
    """Items of the `data` group."""


def master_password(group: AwsGroup, item: PlanItem, spec: s.Spec) -> random.RandomPassword:
    return random.RandomPassword(
        f"{item.id}-password",
        length=PASSWORD_LENGTH,
        special=True,
        override_special=PASSWORD_SPECIALS,
        opts=group.child_opts(),
    )


SubnetGroupClass = type[aws.rds.SubnetGroup] | type[aws.elasticache.SubnetGroup]


def _subnet_group(group: AwsGroup, item: PlanItem, spec: Any, kind: SubnetGroupClass) -> pulumi.Output[str] | None:
    """The name of a new RDS or ElastiCache subnet group over the item's subnets (None without subnets)."""
    subnet_ids = group.refs(item, spec.subnet_items)
    if not subnet_ids:
        return None
    return kind(f"{item.id}-subnets", name=spec.name, subnet_ids=subnet_ids, tags=spec.tags, opts=group.opts(spec)).name


def _final_snapshot(spec: s.Spec) -> dict[str, Any]:
    # Keep a snapshot if the new database is ever destroyed: it may hold the only copy of the data.
    return {"skip_final_snapshot": False, "final_snapshot_identifier": f"{spec.name}-final"}


def _as_replica(group: AwsGroup, item: PlanItem, spec: s.DbInstanceSpec) -> dict[str, Any]:
    """The arguments of a read replica: its source, and its own subnet group when cross-region."""
    source_item = str(spec.replica_source_item)
    group.registry.resource(source_item, wanted_by=item.id)  # a source that creates nothing: the replica is listed, not built
    # Same-region replicas name their source by identifier, cross-region ones by ARN.
    attribute = "identifier" if group.spec_of_id(source_item).region == spec.region else "arn"
    return {
        "replicate_source_db": group.ref(item, source_item, attribute),
        "db_subnet_group_name": _subnet_group(group, item, spec, aws.rds.SubnetGroup) if attribute == "arn" else None,
    }


def _as_primary(group: AwsGroup, item: PlanItem, spec: s.DbInstanceSpec) -> dict[str, Any]:
    """The arguments of a new primary: engine, storage, backups, subnet group and master login."""
    return {
        "engine": spec.engine,
        "allocated_storage": spec.allocated_storage_gib,
        "backup_retention_period": spec.backup_retention_days,
        "db_subnet_group_name": _subnet_group(group, item, spec, aws.rds.SubnetGroup),
        "username": MASTER_USERNAME,
        "password": master_password(group, item, spec).result,
    }


def build_db_instance(group: AwsGroup, item: PlanItem, spec: s.DbInstanceSpec) -> pulumi.Resource:
    common: dict[str, Any] = {
        "identifier": spec.name,
        "instance_class": spec.instance_class,
        "engine_version": spec.engine_version,
        "storage_type": spec.storage_type,
        "iops": spec.iops,
        "multi_az": spec.multi_az,
        "port": spec.port,
        "vpc_security_group_ids": group.refs(item, spec.security_group_items),
        "tags": spec.tags,
        **_final_snapshot(spec),
    }
    origin = _as_replica(group, item, spec) if spec.replica_source_item else _as_primary(group, item, spec)
    instance = aws.rds.Instance(item.id, **origin, **common, opts=group.opts(spec))
    group.export(item, "endpoint", instance.address)
    group.export(item, "port", instance.port)
    return instance


def build_db_cluster(group: AwsGroup, item: PlanItem, spec: s.DbClusterSpec) -> pulumi.Resource:
    cluster = aws.rds.Cluster(
        item.id,
        cluster_identifier=spec.name,
        engine=spec.engine,
        engine_version=spec.engine_version,
        engine_mode=spec.engine_mode,
        port=spec.port,
        db_subnet_group_name=_subnet_group(group, item, spec, aws.rds.SubnetGroup),
        vpc_security_group_ids=group.refs(item, spec.security_group_items),
        master_username=MASTER_USERNAME,
        master_password=master_password(group, item, spec).result,
        tags=spec.tags,
        **_final_snapshot(spec),
        opts=group.opts(spec),
    )
    group.export(item, "endpoint", cluster.endpoint)
    group.export(item, "reader_endpoint", cluster.reader_endpoint)
    return cluster


def build_db_cluster_instance(group: AwsGroup, item: PlanItem, spec: s.DbClusterInstanceSpec) -> pulumi.Resource:
    member = aws.rds.ClusterInstance(
        item.id,
        identifier=spec.name,
        cluster_identifier=group.ref(item, spec.cluster_item),
        engine=spec.engine,
        engine_version=spec.engine_version,
        instance_class=spec.instance_class,
        tags=spec.tags,
        opts=group.opts(spec),
    )
    group.export(item, "endpoint", member.endpoint)
    return member


def _cache_args(
    group: AwsGroup, item: PlanItem, spec: s.CacheReplicationGroupSpec | s.CacheClusterSpec
) -> dict[str, Any]:
    """What a Redis replication group and a Memcached cluster are both given: engine, nodes, placement, tags."""
    return {
        "engine": spec.engine,
        "engine_version": spec.engine_version,
        "node_type": spec.node_type,
        "subnet_group_name": _subnet_group(group, item, spec, aws.elasticache.SubnetGroup),
        "security_group_ids": group.refs(item, spec.security_group_items),
        "tags": spec.tags,
        "opts": group.opts(spec),
    }


def _shape(spec: s.CacheReplicationGroupSpec) -> dict[str, Any]:
    """Node layout: shards and replicas in cluster mode, else a primary plus replicas."""
    if spec.cluster_mode and spec.num_node_groups:
        replicas = max(spec.num_nodes // spec.num_node_groups - 1, 0)
        return {"cluster_mode": "enabled", "num_node_groups": spec.num_node_groups, "replicas_per_node_group": replicas}
    return {"num_cache_clusters": spec.num_nodes}


def build_replication_group(group: AwsGroup, item: PlanItem, spec: s.CacheReplicationGroupSpec) -> pulumi.Resource:
    failover = spec.num_nodes > 1
    replication_group = aws.elasticache.ReplicationGroup(
        item.id,
        replication_group_id=spec.name[:ELASTICACHE_ID_MAX].rstrip("-"),
        description=f"{spec.name} (rebuilt by planner)",
        automatic_failover_enabled=failover,
        multi_az_enabled=spec.multi_az and failover,
        **_shape(spec),
        **_cache_args(group, item, spec),
    )
    group.export(item, "endpoint", replication_group.primary_endpoint_address)
    return replication_group


def build_cache_cluster(group: AwsGroup, item: PlanItem, spec: s.CacheClusterSpec) -> pulumi.Resource:
    cluster = aws.elasticache.Cluster(
        item.id,
        cluster_id=spec.name[:CACHE_CLUSTER_ID_MAX].rstrip("-"),
        num_cache_nodes=spec.num_nodes,
        **_cache_args(group, item, spec),
    )
    group.export(item, "endpoint", cluster.configuration_endpoint)
    return cluster


def build_table(group: AwsGroup, item: PlanItem, spec: s.DynamoTableSpec) -> pulumi.Resource:
    keys = {key.key_type: key.name for key in spec.keys}
    table = aws.dynamodb.Table(
        item.id,
        name=spec.name,
        billing_mode=spec.billing_mode,
        hash_key=keys.get("HASH"),
        range_key=keys.get("RANGE"),
        attributes=[{"name": key.name, "type": key.attribute_type} for key in spec.keys],
        read_capacity=spec.read_capacity,
        write_capacity=spec.write_capacity,
        stream_enabled=spec.stream_view_type is not None,
        stream_view_type=spec.stream_view_type,
        tags=spec.tags,
        opts=group.opts(spec),
    )
    group.export(item, "table_name", table.name)
    return table


class Data(AwsGroup):
    group = "data"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = {
        "aws.rds.instance": build_db_instance,
        "aws.rds.cluster": build_db_cluster,
        "aws.rds.cluster_instance": build_db_cluster_instance,
        "aws.elasticache.replication_group": build_replication_group,
        "aws.elasticache.cluster": build_cache_cluster,
        "aws.dynamodb.table": build_table,
    }
