"""Networks (network.vpc) -> VPCs with the source's CIDR blocks."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import common_fields, result
from providers.aws.spec import Spec


class VpcSpec(Spec):
    type: Literal["aws.ec2.vpc"] = "aws.ec2.vpc"
    cidr_block: str
    additional_cidr_blocks: list[str] = Field(default_factory=list)


def map_vpc(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    cidr = str(props.get("cidr_block"))
    extra = [block for block in props.get("cidr_blocks") or [] if block and block != cidr]
    spec = VpcSpec(**common_fields(resource, ctx), cidr_block=cidr, additional_cidr_blocks=extra)
    return result("mapped", spec, None, [])


MAP: dict[str, MapFunction] = {"network.vpc": map_vpc}
SPECS: tuple[type[Spec], ...] = (VpcSpec,)
