"""Warehouses (db.warehouse) -> Redshift clusters of the same node type and count in the rebuilt subnets; the data
comes back from a snapshot shared with the new account."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import SECURITY_GROUP, SUBNET, common_fields, linked, linked_one, optional_int, result
from providers.aws.spec import Spec

# Node types AWS no longer offers for new clusters (Redshift "Upgrading to RA3 node types").
RETIRED_NODE_TYPES = frozenset({"dc1.large", "dc1.8xlarge", "ds2.xlarge", "ds2.8xlarge"})


class RedshiftClusterSpec(Spec):
    type: Literal["aws.redshift.cluster"] = "aws.redshift.cluster"
    cluster_identifier: str
    node_type: str
    node_count: int = 1
    database_name: str | None = None
    port: int | None = None
    encrypted: bool = True
    publicly_accessible: bool = False
    automated_snapshot_retention_days: int | None = None
    kms_key_item: str | None = None
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


def _notes(resource: Resource, spec: RedshiftClusterSpec) -> list[str]:
    props = resource.props
    notes = ["the data is not copied: before the cut-off take a manual snapshot, share it with the new account "
             "(`aws redshift authorize-snapshot-access`), copy it and restore it (set the cluster's snapshot_identifier), "
             "or UNLOAD to S3 and COPY back",
             "the master password is managed by Secrets Manager in the new account (manage_master_password)"]
    if props.get("storage_capacity_bytes"):
        notes.append(f"at most {props['storage_capacity_bytes']} bytes of data ({props.get('size_source')}: an upper bound)")
    if spec.node_type in RETIRED_NODE_TYPES:
        notes.append(f"{spec.node_type} is no longer offered for new clusters: choose an RA3 type before applying")
    if props.get("iam_role_arns"):
        notes.append("its IAM roles (COPY/UNLOAD, Spectrum) are not attached: attach the rebuilt roles")
    return notes


def map_warehouse(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = RedshiftClusterSpec(
        **common_fields(resource, ctx), cluster_identifier=ctx.target_name(resource),
        node_type=str(props.get("node_type") or "ra3.xlplus"), node_count=optional_int(props.get("node_count")) or 1,
        database_name=props.get("db_name"), port=optional_int(props.get("port")),
        encrypted=bool(props.get("encrypted", True)), publicly_accessible=bool(props.get("publicly_accessible")),
        automated_snapshot_retention_days=optional_int(props.get("automated_snapshot_retention_days")),
        kms_key_item=linked_one(resource, ctx, "kms_key_id", "aws.kms.key"),
        subnet_items=linked(resource, ctx, "subnet_ids", SUBNET),
        security_group_items=linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
    )
    return result("partial", spec, unpriced("Redshift"), _notes(resource, spec))


MAP: dict[str, MapFunction] = {"db.warehouse": map_warehouse}
SPECS: tuple[type[Spec], ...] = (RedshiftClusterSpec,)
