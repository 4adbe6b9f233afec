"""Builds RDS instances and read replicas (db.sql), Aurora clusters (db.sql.cluster) and their members.

Master passwords come from pulumi-random (secret outputs, never exported); the
stack exports endpoints only. A destroyed database leaves a final snapshot.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws
import pulumi_random as random

from planner.core.model.plan import PlanItem
from providers.aws.kinds.sql import DbClusterInstanceSpec, DbClusterSpec, DbInstanceSpec
from providers.aws.spec import Spec
from stacks.aws._shared import subnet_group
from stacks.aws.base import AwsBuilder, AwsGroup

# The source's master user name is not inventoried; this one is valid for MySQL, MariaDB,
# PostgreSQL, Oracle and SQL Server (none reserve it).
MASTER_USERNAME = "dbadmin"
# RDS master passwords may not contain '/', '@', '"' or spaces (RDS CreateDBInstance reference).
PASSWORD_SPECIALS = "!#$%&*()-_=+[]{}<>:?"
PASSWORD_LENGTH = 32
AWS_MANAGED_RDS_KEY = "alias/aws/rds"


def master_password(group: AwsGroup, item: PlanItem) -> random.RandomPassword:
    return random.RandomPassword(
        f"{item.id}-password",
        length=PASSWORD_LENGTH,
        special=True,
        override_special=PASSWORD_SPECIALS,
        opts=group.child_opts(),
    )


def _final_snapshot(spec: Spec) -> dict[str, Any]:
    # Keep a snapshot if the new database is ever destroyed: it may hold the only copy of the data.
    return {"skip_final_snapshot": False, "final_snapshot_identifier": f"{spec.name}-final"}


def _as_replica(group: AwsGroup, item: PlanItem, spec: DbInstanceSpec) -> dict[str, Any]:
    """The arguments of a read replica: its source; cross-region, its own subnet group and KMS key too.

    Its engine version and (same region) its encryption are the source's.
    """
    source_item = str(spec.replica_source_item)
    group.registry.resource(source_item, wanted_by=item.id)  # a source that creates nothing: the replica is listed, not built
    source = group.spec_of_id(source_item)
    if source.region == spec.region:  # same-region replicas name their source by identifier
        return {"replicate_source_db": group.ref(item, source_item, "identifier")}
    return {
        "replicate_source_db": group.ref(item, source_item, "arn"),
        "db_subnet_group_name": subnet_group(group, item, spec, aws.rds.SubnetGroup),
        "kms_key_id": _replica_key(group, item, spec) if source.storage_encrypted else None,
    }


def _replica_key(group: AwsGroup, item: PlanItem, spec: DbInstanceSpec) -> pulumi.Output[str]:
    """An encrypted cross-region replica needs a key of its own region (RDS CreateDBInstanceReadReplica `KmsKeyId`):
    its rebuilt one, else the region's AWS-managed key (DescribeKey on `alias/aws/rds` creates it if need be)."""
    rebuilt = group.optional_ref(item, spec.kms_key_item, "arn")
    if rebuilt is not None:
        return rebuilt
    provider = group.aws_providers.for_region(spec.region)
    return aws.kms.get_key_output(key_id=AWS_MANAGED_RDS_KEY, opts=pulumi.InvokeOutputOptions(provider=provider)).arn


def _as_primary(group: AwsGroup, item: PlanItem, spec: DbInstanceSpec) -> dict[str, Any]:
    """The arguments of a new primary: engine, storage, backups, subnet group and master login."""
    return {
        "engine": spec.engine,
        "engine_version": spec.engine_version,
        "storage_encrypted": spec.storage_encrypted,
        "kms_key_id": group.optional_ref(item, spec.kms_key_item, "arn"),
        "allocated_storage": spec.allocated_storage_gib,
        "backup_retention_period": spec.backup_retention_days,
        "db_subnet_group_name": subnet_group(group, item, spec, aws.rds.SubnetGroup),
        "username": MASTER_USERNAME,
        "password": master_password(group, item).result,
    }


def build_db_instance(group: AwsGroup, item: PlanItem, spec: DbInstanceSpec) -> pulumi.Resource:
    common: dict[str, Any] = {
        "identifier": spec.name,
        "instance_class": spec.instance_class,
        "auto_minor_version_upgrade": True,
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
    return group.exporting(item, instance, endpoint="address", port="port")


def build_db_cluster(group: AwsGroup, item: PlanItem, spec: DbClusterSpec) -> pulumi.Resource:
    cluster = aws.rds.Cluster(
        item.id,
        cluster_identifier=spec.name,
        engine=spec.engine,
        engine_version=spec.engine_version,
        engine_mode=spec.engine_mode,
        storage_encrypted=spec.storage_encrypted,
        kms_key_id=group.optional_ref(item, spec.kms_key_item, "arn"),
        port=spec.port,
        db_subnet_group_name=subnet_group(group, item, spec, aws.rds.SubnetGroup),
        vpc_security_group_ids=group.refs(item, spec.security_group_items),
        master_username=MASTER_USERNAME,
        master_password=master_password(group, item).result,
        **_final_snapshot(spec),
        **group.tagged(spec),
    )
    return group.exporting(item, cluster, endpoint="endpoint", reader_endpoint="reader_endpoint")


def build_db_cluster_instance(group: AwsGroup, item: PlanItem, spec: DbClusterInstanceSpec) -> pulumi.Resource:
    member = aws.rds.ClusterInstance(
        item.id,
        identifier=spec.name,
        cluster_identifier=group.ref(item, spec.cluster_item),
        engine=spec.engine,
        instance_class=spec.instance_class,  # its engine version is the cluster's
        auto_minor_version_upgrade=True,
        **group.tagged(spec),
    )
    return group.exporting(item, member, endpoint="endpoint")


BUILD: dict[str, AwsBuilder] = {
    "aws.rds.instance": build_db_instance,
    "aws.rds.cluster": build_db_cluster,
    "aws.rds.cluster_instance": build_db_cluster_instance,
}
