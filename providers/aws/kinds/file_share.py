"""File shares (storage.file) -> EFS file systems with a mount target in each of their subnets."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import SUBNET, common_fields, linked, result
from providers.aws.spec import Spec


class FileSystemSpec(Spec):
    type: Literal["aws.efs.file_system"] = "aws.efs.file_system"
    performance_mode: str = "generalPurpose"
    throughput_mode: str = "bursting"
    encrypted: bool = True
    mount_subnet_items: list[str] = Field(default_factory=list)


def map_file(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = FileSystemSpec(
        **common_fields(resource, ctx),
        performance_mode=str(props.get("performance_mode") or "generalPurpose"),
        throughput_mode=str(props.get("throughput_mode") or "bursting"),
        encrypted=bool(props.get("encrypted", True)),
        mount_subnet_items=linked(resource, ctx, "mount_target_subnet_ids", SUBNET),
    )
    return result("mapped", spec, unpriced("EFS"), ["files are copied separately (DataSync or rsync)"])


MAP: dict[str, MapFunction] = {"storage.file": map_file}
SPECS: tuple[type[Spec], ...] = (FileSystemSpec,)
