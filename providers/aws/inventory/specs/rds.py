"""RDS DB instances and Aurora (or Multi-AZ) DB clusters; no master password is read."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import ids, iso


def rds_arn(resource_type: str, identifier: str | None, ctx: JobContext) -> str | None:
    """The ARN of an RDS `db` or `cluster` that a link names by identifier (same region) or by ARN (cross-region)."""
    if not identifier:
        return None
    return identifier if identifier.startswith("arn:") else ctx.arn("rds", f"{resource_type}:{identifier}")


def _build_instance(item: Item, ctx: JobContext) -> Built:
    subnets = ids(item.get("DBSubnetGroup", {}).get("Subnets"), "SubnetIdentifier")
    groups = ids(item.get("VpcSecurityGroups"), "VpcSecurityGroupId")
    source = rds_arn("db", item.get("ReadReplicaSourceDBInstanceIdentifier"), ctx)
    replicas = [rds_arn("db", replica, ctx) for replica in item.get("ReadReplicaDBInstanceIdentifiers", [])]
    cluster = rds_arn("cluster", item.get("DBClusterIdentifier"), ctx)
    endpoint = item.get("Endpoint", {})
    return Built(
        props={
            "engine": item.get("Engine"),
            "engine_version": item.get("EngineVersion"),
            "instance_class": item.get("DBInstanceClass"),
            "allocated_storage_gib": item.get("AllocatedStorage"),
            "storage_type": item.get("StorageType"),
            "iops": item.get("Iops"),
            "storage_throughput_mibps": item.get("StorageThroughput"),
            "multi_az": bool(item.get("MultiAZ", False)),
            "read_replica_source": source,
            "read_replica_ids": replicas,
            "cluster_id": cluster,
            "endpoint_address": endpoint.get("Address"),
            "port": endpoint.get("Port") or item.get("DbInstancePort"),
            "backup_retention_days": item.get("BackupRetentionPeriod"),
            "status": item.get("DBInstanceStatus"),
            "storage_encrypted": bool(item.get("StorageEncrypted", False)),
            "kms_key_id": item.get("KmsKeyId"),
            "publicly_accessible": bool(item.get("PubliclyAccessible", False)),
            "availability_zone": item.get("AvailabilityZone"),
            "db_name": item.get("DBName"),
            "vpc_id": item.get("DBSubnetGroup", {}).get("VpcId"),
            "subnet_ids": subnets,
            "security_group_ids": groups,
        },
        refs=[*subnets, *groups, source, cluster],
    )


def _build_cluster(item: Item, ctx: JobContext) -> Built:
    members = [rds_arn("db", member.get("DBInstanceIdentifier"), ctx) for member in item.get("DBClusterMembers", [])]
    groups = ids(item.get("VpcSecurityGroups"), "VpcSecurityGroupId")
    return Built(
        props={
            "engine": item.get("Engine"),
            "engine_version": item.get("EngineVersion"),
            "engine_mode": item.get("EngineMode"),
            "member_ids": members,
            "writer_ids": [
                rds_arn("db", member.get("DBInstanceIdentifier"), ctx)
                for member in item.get("DBClusterMembers", [])
                if member.get("IsClusterWriter")
            ],
            "multi_az": bool(item.get("MultiAZ", False)),
            "allocated_storage_gib": item.get("AllocatedStorage"),
            "storage_type": item.get("StorageType"),
            "endpoint": item.get("Endpoint"),
            "reader_endpoint": item.get("ReaderEndpoint"),
            "port": item.get("Port"),
            "backup_retention_days": item.get("BackupRetentionPeriod"),
            "storage_encrypted": bool(item.get("StorageEncrypted", False)),
            "kms_key_id": item.get("KmsKeyId"),
            "status": item.get("Status"),
        },
        refs=[*members, *groups],
    )


register(
    ResourceSpec(
        "aws.rds.cluster", "rds", "describe_db_clusters", "DBClusters[]", "DBClusterArn", _build_cluster,
        name_field="DBClusterIdentifier", tags_field="TagList", page_size=100,
    ),
    ResourceSpec(
        "aws.rds.instance", "rds", "describe_db_instances", "DBInstances[]", "DBInstanceArn", _build_instance,
        name_field="DBInstanceIdentifier", tags_field="TagList", page_size=100,
    ),
)


# --- manual DB snapshots (added with the snapshot types) --------------------------------------


def _build_db_snapshot(item: Item, ctx: JobContext) -> Built:
    instance = rds_arn("db", item.get("DBInstanceIdentifier"), ctx)
    full_bytes = item.get("FullSnapshotSizeInBytes")
    return Built(
        props={
            "db_instance_id": instance,
            "engine": item.get("Engine"),
            "engine_version": item.get("EngineVersion"),
            "allocated_storage_gib": item.get("AllocatedStorage"),
            "full_size_bytes": full_bytes,
            # Allocated storage is an upper bound of the data in the snapshot.
            "size_source": "full-snapshot-size" if full_bytes else "allocated-storage",
            "storage_type": item.get("StorageType"),
            "snapshot_type": item.get("SnapshotType"),
            "status": item.get("Status"),
            "encrypted": bool(item.get("Encrypted", False)),
            "kms_key_id": item.get("KmsKeyId"),
            "created": iso(item.get("SnapshotCreateTime")),
            "vpc_id": item.get("VpcId"),
        },
        refs=[instance],
    )


register(
    ResourceSpec(
        key="aws.rds.snapshot", service="rds", operation="describe_db_snapshots", result_path="DBSnapshots[]",
        id_field="DBSnapshotArn", build=_build_db_snapshot, name_field="DBSnapshotIdentifier", tags_field="TagList",
        params={"SnapshotType": "manual"}, page_size=100,
    ),
)
