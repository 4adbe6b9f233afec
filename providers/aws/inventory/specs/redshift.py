"""Redshift provisioned clusters: node type and count, storage capacity, VPC placement; no master password.

The stored data is not in the API. `storage_capacity_bytes` is an upper bound: the cluster's
TotalStorageCapacityInMegaBytes when the API gives it, else nodes x the node type's nominal
storage (a table below); RA3 managed storage has no per-node figure that bounds the data usefully
(the quota is 32-128 TB a node), so its size stays unknown (`size_source`).
"""

from __future__ import annotations

from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import ids

MIB = 1024**2
# Nominal storage per node of the node types with local storage (AWS Redshift Management Guide,
# "Amazon Redshift provisioned clusters" > "Node type details": dc2.large 160 GB NVMe-SSD,
# dc2.8xlarge 2.56 TB, ds2.xlarge 2 TB HDD, ds2.8xlarge 16 TB HDD; dc1 as dc2). Decimal units.
NODE_STORAGE_BYTES: dict[str, int] = {
    "dc2.large": 160 * 10**9,
    "dc2.8xlarge": 2_560 * 10**9,
    "dc1.large": 160 * 10**9,
    "dc1.8xlarge": 2_560 * 10**9,
    "ds2.xlarge": 2 * 10**12,
    "ds2.8xlarge": 16 * 10**12,
}


def _subnet_groups(ctx: JobContext, items: list[Item]) -> list[Item]:
    """The subnets (and VPC) of every cluster subnet group of the region, in one paginated call."""
    paginator = ctx.client().get_paginator("describe_cluster_subnet_groups")
    pages = guarded(ctx, lambda: list(paginator.paginate(PaginationConfig={"PageSize": 100})), [])
    groups = {group["ClusterSubnetGroupName"]: group for page in pages for group in page.get("ClusterSubnetGroups", [])}
    for item in items:
        group = groups.get(item.get("ClusterSubnetGroupName", ""), {})
        item["_subnets"] = ids(group.get("Subnets"), "SubnetIdentifier")
        item.setdefault("VpcId", group.get("VpcId"))
    return items


def _cluster_arn(item: Item, ctx: JobContext) -> str:
    return ctx.arn("redshift", f"cluster:{item['ClusterIdentifier']}")


def storage_capacity(item: Item) -> tuple[int | None, str]:
    """(bytes, where the figure comes from): an upper bound of the data the cluster holds."""
    total_mib = item.get("TotalStorageCapacityInMegaBytes") or 0
    if total_mib > 0:
        return int(total_mib) * MIB, "total-storage-capacity"
    per_node = NODE_STORAGE_BYTES.get(str(item.get("NodeType")))
    if per_node is None:
        return None, "unknown"
    return per_node * int(item.get("NumberOfNodes") or 1), "node-type-table"


def _endpoint(item: Item) -> dict[str, Any]:
    return item.get("Endpoint") or {}


def _build(item: Item, ctx: JobContext) -> Built:
    capacity, source = storage_capacity(item)
    groups = ids(item.get("VpcSecurityGroups"), "VpcSecurityGroupId")
    roles = ids(item.get("IamRoles"), "IamRoleArn")
    return Built(
        props={
            "node_type": item.get("NodeType"),
            "node_count": item.get("NumberOfNodes"),
            "status": item.get("ClusterStatus"),
            "db_name": item.get("DBName"),
            "endpoint_address": _endpoint(item).get("Address"),
            "port": _endpoint(item).get("Port"),
            "cluster_version": item.get("ClusterVersion"),
            "storage_capacity_bytes": capacity,
            "size_source": source,
            "encrypted": bool(item.get("Encrypted", False)),
            "kms_key_id": item.get("KmsKeyId"),
            "publicly_accessible": bool(item.get("PubliclyAccessible", False)),
            "multi_az": str(item.get("MultiAZ", "")).lower() == "enabled",
            "vpc_id": item.get("VpcId"),
            "subnet_group_name": item.get("ClusterSubnetGroupName"),
            "subnet_ids": item.get("_subnets", []),
            "security_group_ids": groups,
            "iam_role_arns": roles,
            "automated_snapshot_retention_days": item.get("AutomatedSnapshotRetentionPeriod"),
            "availability_zone": item.get("AvailabilityZone"),
        },
        refs=[*item.get("_subnets", []), *groups, item.get("KmsKeyId"), *roles],
    )


register(
    ResourceSpec(
        key="aws.redshift.cluster", service="redshift", operation="describe_clusters", result_path="Clusters[]",
        id_field=_cluster_arn, build=_build, name_field="ClusterIdentifier", page_size=100, enrich=_subnet_groups,
    ),
)
