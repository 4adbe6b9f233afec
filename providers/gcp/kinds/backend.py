"""`lb.backend` -> a backend service with its health check: a target group's instances and instance groups."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, skipped
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp.kinds._load_balancers import lb_kind, lb_unsupported
from providers.gcp.kinds._shared import done, free, item_ids, number, port_name, refs, region_of
from providers.gcp.spec import GcpSpec


class BackendServiceSpec(GcpSpec):
    type: Literal["gcp.compute.backend_service"] = "gcp.compute.backend_service"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('instance_groups', 'instances')
    lb_type: Literal["application", "network"]
    region: str
    protocol: str  # HTTP | HTTPS | TCP | UDP
    port: int
    port_name: str
    health_check_path: str | None = None
    health_check_port: int | None = None
    instance_groups: list[str] = Field(default_factory=list)  # plan item ids of compute.group items
    instances: list[str] = Field(default_factory=list)  # plan item ids of compute.vm items


def _target_groups_of_group(group: Resource) -> list[Any]:
    return [*(group.props.get("target_group_arns") or []), *group.refs]


def map_backend(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    lbs = [lb for lb in refs(resource, ctx, "aws.elbv2.load_balancer") if not lb_unsupported(lb)]
    if not lbs:
        return skipped("target group not attached to a load balancer built on GCP")
    lb_type = lb_kind(lbs[0])
    groups = index_of(ctx).lookup(_target_groups_of_group, resource.id, "aws.autoscaling.group")
    group_members = {i for g in groups for i in g.props.get("instance_ids") or []}
    instances = [ctx.resource(t) for t in props.get("target_ids") or [] if t not in group_members]
    port = int(number(props.get("port"), 80))
    protocol = str(props.get("protocol") or ("HTTP" if lb_type == "application" else "TCP")).upper()
    spec = BackendServiceSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), lb_type=lb_type, region=region_of(resource, ctx),
        protocol=protocol if protocol in ("HTTP", "HTTPS", "TCP", "UDP") else "TCP", port=port,
        port_name=port_name(port), health_check_path=props.get("health_check_path"),
        health_check_port=int(number(props.get("health_check_port"), port)) if str(
            props.get("health_check_port") or "").isdigit() else port,
        instance_groups=item_ids(groups, ctx), instances=item_ids([i for i in instances if i], ctx))
    notes = ["backend service + health check; instance targets join unmanaged instance groups per zone"]
    status = "mapped"
    if props.get("target_type") in ("ip", "lambda", "alb"):
        status = "partial"
        notes.append(f"{props.get('target_type')} targets: add a network endpoint group (zonal/serverless NEG) by hand")
    return done(status, spec, notes, free("backend service and health check (traffic priced on the forwarding rules)"))


MAP: dict[str, MapFunction] = {"lb.backend": map_backend}
SPECS: tuple[type[GcpSpec], ...] = (BackendServiceSpec,)
