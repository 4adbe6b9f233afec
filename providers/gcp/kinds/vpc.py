"""`network.vpc` -> a custom-mode VPC network."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp.kinds._shared import done, free
from providers.gcp.spec import GcpSpec


class NetworkSpec(GcpSpec):
    type: Literal["gcp.compute.network"] = "gcp.compute.network"
    routing_mode: Literal["REGIONAL", "GLOBAL"] = "REGIONAL"
    source_cidrs: list[str] = Field(default_factory=list)  # the VPC's ranges, for review only


def map_vpc(resource: Resource, ctx: MappingContext) -> MappedTarget:
    cidrs = list(resource.props.get("cidr_blocks") or [resource.props.get("cidr_block")])
    spec = NetworkSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                       source_cidrs=[c for c in cidrs if c])
    notes = ["custom-mode VPC network: VPC networks are global, its subnetworks regional"]
    return done("mapped", spec, notes, free("VPC network"))


MAP: dict[str, MapFunction] = {"network.vpc": map_vpc}
SPECS: tuple[type[GcpSpec], ...] = (NetworkSpec,)
