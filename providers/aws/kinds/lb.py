"""Load balancers (lb) and their listeners (lb.listener) -> ALB/NLB/GWLB or Classic Load Balancers, and listeners.

A balancer is rebuilt as the same kind as the source (a Classic Load Balancer
stays classic), priced by the hour; a listener whose default action was not
inventoried in detail answers a fixed 503 until the operator sets it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws import catalog
from providers.aws.kinds._pricing import Priced
from providers.aws.kinds._shared import CERTIFICATE, Links, common_fields, result
from providers.aws.spec import Spec, _Part

CLASSIC_LB = "aws.elb.load_balancer"
TLS_LISTENER_PROTOCOLS = frozenset({"HTTPS", "SSL"})
TARGET_GROUP = "aws.elbv2.target_group"
# Load balancer type -> the protocols of its listeners and of the target groups they forward to
# (ELBv2 CreateListener / CreateTargetGroup: ALB HTTP/HTTPS, NLB TCP/TLS/UDP/TCP_UDP, GWLB GENEVE).
LB_PROTOCOLS: dict[str, frozenset[str]] = {
    "application": frozenset({"HTTP", "HTTPS"}),
    "network": frozenset({"TCP", "TLS", "UDP", "TCP_UDP"}),
    "gateway": frozenset({"GENEVE"}),
}
FIXED_RESPONSE_TYPES = frozenset({"application"})  # only an ALB answers by itself (fixed-response actions)
CLASSIC_NOTES = ("rebuilt as a Classic Load Balancer like the source; consider an ALB/NLB", "HTTPS listener certificates must be re-attached")


class LoadBalancerSpec(Spec):
    type: Literal["aws.lb.load_balancer"] = "aws.lb.load_balancer"
    load_balancer_type: Literal["application", "network", "gateway"] = "application"
    internal: bool = False
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


class ClassicListenerSpec(_Part):
    lb_protocol: str
    lb_port: int
    instance_protocol: str
    instance_port: int


class ClassicLoadBalancerSpec(Spec):
    type: Literal["aws.elb.load_balancer"] = "aws.elb.load_balancer"
    internal: bool = False
    listeners: list[ClassicListenerSpec] = Field(default_factory=list)
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)
    instance_items: list[str] = Field(default_factory=list)


class ListenerSpec(Spec):
    """`default_action` forward needs `target_group_item`; `fixed-response` is the stand-in
    when the source's default action (a redirect, say) was not inventoried in detail."""

    type: Literal["aws.lb.listener"] = "aws.lb.listener"
    load_balancer_item: str
    port: int
    protocol: str
    default_action: Literal["forward", "fixed-response"] = "forward"
    target_group_item: str | None = None
    certificate_item: str | None = None


def _balancer_fields(resource: Resource, ctx: MappingContext, links: Links) -> dict[str, Any]:
    """What both kinds of balancer are given: name, region, tags, scheme, subnets and security groups."""
    subnets, groups = links.placement("subnet_ids", "security_group_ids")
    return {
        **common_fields(resource, ctx),
        "internal": resource.props.get("scheme") == "internal",
        "subnet_items": subnets,
        "security_group_items": groups,
    }


def _classic_listener(raw: dict[str, Any]) -> ClassicListenerSpec:
    return ClassicListenerSpec(
        lb_protocol=str(raw.get("protocol") or "HTTP"),
        lb_port=int(raw.get("port") or 80),
        instance_protocol=str(raw.get("instance_protocol") or raw.get("protocol") or "HTTP"),
        instance_port=int(raw.get("instance_port") or raw.get("port") or 80),
    )


def _map_classic(resource: Resource, ctx: MappingContext, region: str) -> MappedTarget:
    links = Links(resource, ctx)
    listeners = [_classic_listener(raw) for raw in resource.props.get("listeners") or []]
    spec = ClassicLoadBalancerSpec(
        **_balancer_fields(resource, ctx, links),
        listeners=listeners,
        instance_items=links.many("instance_ids", "aws.ec2.instance"),
    )
    priced = Priced()
    priced.hourly(*catalog.lb_hourly_rate("classic", region), what="Classic Load Balancer")
    if any(listener.lb_protocol.upper() in TLS_LISTENER_PROTOCOLS for listener in listeners) or links.notes:
        return result("partial", spec, priced, [*CLASSIC_NOTES, *links.notes])
    return result("mapped", spec, priced, CLASSIC_NOTES[:1])


def map_lb(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    region = ctx.target_region(resource.region)
    if resource.key == CLASSIC_LB:
        return _map_classic(resource, ctx, region)
    lb_type = str(props.get("type") or "application")
    links = Links(resource, ctx)
    spec = LoadBalancerSpec(**_balancer_fields(resource, ctx, links), load_balancer_type=lb_type)
    priced = Priced()
    priced.hourly(*catalog.lb_hourly_rate(lb_type, region), what=f"{lb_type} load balancer")
    priced.notes.append("LCU charges are not priced: traffic is not inventoried")
    notes = [f"new DNS name: repoint records that named {props.get('dns_name')}", *links.notes]
    return result("partial" if links.notes else "mapped", spec, priced, notes)


def _listener_notes(props: dict[str, Any], forwards: bool, certificate: str | None) -> list[str]:
    notes = []
    if not forwards:
        notes.append(
            f"default action {props.get('default_action_type')!r} is not inventoried in detail: the stack answers "
            "with a fixed 503 until you set it"
        )
    if props.get("certificate_arns") and certificate is None:
        notes.append("the listener's certificate is not rebuilt here: attach one before applying")
    return notes


def _fits(target_group: Resource | None, lb_type: str) -> bool:
    """Whether a load balancer of `lb_type` can forward to the target group (Lambda groups have no protocol)."""
    if target_group is None:
        return False
    protocol = str(target_group.props.get("protocol") or "").upper()
    return target_group.props.get("target_type") == "lambda" or protocol in LB_PROTOCOLS.get(lb_type, frozenset())


def _forward_target(resource: Resource, ctx: MappingContext, links: Links, lb_type: str) -> tuple[str | None, list[str]]:
    """The target group the listener forwards to: in its region, of a protocol its balancer's type serves."""
    found = links.sources("target_group_arns", TARGET_GROUP)
    if not found:
        return None, []
    if not _fits(ctx.resource(found[0]), lb_type):
        return None, [f"target group item {ctx.item_id(found[0])} speaks a protocol a {lb_type} load balancer cannot "
                      "forward to: not wired"]
    return ctx.item_id(found[0]), []


def map_listener(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    links = Links(resource, ctx)
    balancer_ids = links.sources("load_balancer_arn", "aws.elbv2.load_balancer")
    if not balancer_ids:
        return manual("the listener's load balancer is not in the inventory", "recreate the listener by hand")
    balancer = ctx.resource(balancer_ids[0])
    lb_type = str((balancer.props if balancer else {}).get("type") or "application")
    target_group, type_notes = _forward_target(resource, ctx, links, lb_type)
    certificate = links.one("certificate_arns", CERTIFICATE)  # same region: ELB uses only its region's certificates
    forwards = props.get("default_action_type") in (None, "forward") and target_group is not None
    if not forwards and lb_type not in FIXED_RESPONSE_TYPES:
        return manual(f"a {lb_type} load balancer listener can only forward, and no target group of its own kind is "
                      "rebuilt for it", "create the target group, then the listener", [*type_notes, *links.notes])
    spec = ListenerSpec(
        **common_fields(resource, ctx),
        load_balancer_item=str(ctx.item_id(balancer_ids[0])),
        port=int(props.get("port") or 80),
        protocol=str(props.get("protocol") or "HTTP"),
        default_action="forward" if forwards else "fixed-response",
        target_group_item=target_group if forwards else None,
        certificate_item=certificate,
    )
    notes = [*_listener_notes(props, forwards, certificate), *type_notes, *links.notes]
    return result("partial" if notes else "mapped", spec, None, notes)


MAP: dict[str, MapFunction] = {"lb": map_lb, "lb.listener": map_listener}
SPECS: tuple[type[Spec], ...] = (LoadBalancerSpec, ClassicLoadBalancerSpec, ListenerSpec)
