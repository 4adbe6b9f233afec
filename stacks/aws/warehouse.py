"""Builds Redshift clusters (db.warehouse) in a subnet group over the rebuilt subnets; the master password is
managed by Secrets Manager (never in the program); a destroyed cluster leaves a final snapshot."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.warehouse import RedshiftClusterSpec
from stacks.aws._shared import subnet_group
from stacks.aws.base import AwsBuilder, AwsGroup

MASTER_USERNAME = "dbadmin"  # the source's is not inventoried; valid for Redshift (lowercase, not reserved)


def build_cluster(group: AwsGroup, item: PlanItem, spec: RedshiftClusterSpec) -> pulumi.Resource:
    cluster = aws.redshift.Cluster(
        item.id, cluster_identifier=spec.cluster_identifier, node_type=spec.node_type,
        cluster_type="multi-node" if spec.node_count > 1 else "single-node",
        number_of_nodes=spec.node_count if spec.node_count > 1 else None, database_name=spec.database_name,
        port=spec.port, master_username=MASTER_USERNAME, manage_master_password=True, encrypted=spec.encrypted,
        kms_key_id=group.optional_ref(item, spec.kms_key_item, "arn"),
        cluster_subnet_group_name=subnet_group(group, item, spec, aws.redshift.SubnetGroup),
        vpc_security_group_ids=group.refs(item, spec.security_group_items) or None,
        publicly_accessible=spec.publicly_accessible,
        automated_snapshot_retention_period=spec.automated_snapshot_retention_days,
        skip_final_snapshot=False, final_snapshot_identifier=f"{spec.cluster_identifier}-final", **group.tagged(spec),
    )
    return group.exporting(item, cluster, endpoint="endpoint")


BUILD: dict[str, AwsBuilder] = {"aws.redshift.cluster": build_cluster}
