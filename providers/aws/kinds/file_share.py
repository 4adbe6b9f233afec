"""File shares (storage.file) -> EFS file systems with a mount target in each of their subnets.

Encryption at rest is kept (EFS cannot encrypt a file system after creation), with
the rebuilt customer key when the source used one.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._encryption import kms_key_item
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import SUBNET, Links, common_fields, optional_int, result
from providers.aws.spec import Spec


class FileSystemSpec(Spec):
    type: Literal["aws.efs.file_system"] = "aws.efs.file_system"
    performance_mode: str = "generalPurpose"
    throughput_mode: str = "bursting"
    provisioned_throughput_mibps: int | None = None  # required by EFS with throughput_mode "provisioned"
    encrypted: bool = True
    kms_key_item: str | None = None  # None when encrypted: the AWS-managed key aws/elasticfilesystem
    mount_subnet_items: list[str] = Field(default_factory=list)


def map_file(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    links = Links(resource, ctx)
    encrypted = bool(props.get("encrypted", True))
    key, key_notes = kms_key_item(resource, ctx, links) if encrypted else (None, [])
    spec = FileSystemSpec(
        **common_fields(resource, ctx),
        performance_mode=str(props.get("performance_mode") or "generalPurpose"),
        throughput_mode=str(props.get("throughput_mode") or "bursting"),
        provisioned_throughput_mibps=optional_int(props.get("provisioned_throughput_mibps")),
        encrypted=encrypted,
        kms_key_item=key,
        mount_subnet_items=links.many("mount_target_subnet_ids", SUBNET),
    )
    notes = ["files are copied separately (DataSync or rsync)", *key_notes, *links.notes]
    return result("partial" if links.notes else "mapped", spec, unpriced("EFS"), notes)


MAP: dict[str, MapFunction] = {"storage.file": map_file}
SPECS: tuple[type[Spec], ...] = (FileSystemSpec,)
