"""Load balancer backends (lb.backend) -> ELBv2 target groups; their instances are attached by the stack.

IP targets are not re-registered: the new addresses differ.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import VPC, Links, common_fields, optional_int, result
from providers.aws.spec import Spec


class TargetGroupSpec(Spec):
    type: Literal["aws.lb.target_group"] = "aws.lb.target_group"
    vpc_item: str | None = None
    port: int | None = None
    protocol: str | None = None
    target_type: str = "instance"
    health_check_path: str | None = None
    health_check_port: str | None = None
    target_items: list[str] = Field(default_factory=list)


def map_backend(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    links = Links(resource, ctx)
    instance_targets = props.get("target_ids") if props.get("target_type") in (None, "instance") else []
    spec = TargetGroupSpec(
        **common_fields(resource, ctx),
        vpc_item=links.one("vpc_id", VPC),
        port=optional_int(props.get("port")),
        protocol=props.get("protocol"),
        target_type=str(props.get("target_type") or "instance"),
        health_check_path=props.get("health_check_path"),
        health_check_port=str(props["health_check_port"]) if props.get("health_check_port") else None,
        target_items=links.many_of(instance_targets or []),
    )
    notes = list(links.notes)
    if props.get("target_type") == "ip" and props.get("target_ids"):
        notes.append("IP targets are not re-registered: the new addresses differ")
    return result("partial" if notes else "mapped", spec, None, notes)


MAP: dict[str, MapFunction] = {"lb.backend": map_backend}
SPECS: tuple[type[Spec], ...] = (TargetGroupSpec,)
