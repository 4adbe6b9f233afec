"""`lb` and `lb.listener` -> Cloud Load Balancing: a global external Application LB or a regional external
passthrough Network LB (its address), and a frontend (forwarding rule, proxy, URL map) per listener."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._load_balancers import lb_kind, lb_unsupported
from providers.gcp.kinds._shared import done, item_ids, number, refs, region_of
from providers.gcp.spec import GcpSpec


class ClassicListenerSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    protocol: str
    port: int
    instance_port: int


class LoadBalancerSpec(GcpSpec):
    """A global external Application LB (HTTP/S) or a regional external passthrough Network LB."""

    type: Literal["gcp.compute.load_balancer"] = "gcp.compute.load_balancer"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('classic_instances',)
    lb_type: Literal["application", "network"]
    region: str
    internal: bool = False
    # Classic ELBs carry their listeners and instances inline (no listener/target-group items).
    classic_listeners: list[ClassicListenerSpec] = Field(default_factory=list)
    classic_instances: list[str] = Field(default_factory=list)
    health_check_port: int | None = None


class LbFrontendSpec(GcpSpec):
    """Forwarding rule + target proxy + URL map of one listener."""

    type: Literal["gcp.compute.lb_frontend"] = "gcp.compute.lb_frontend"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('load_balancer', 'certificates', 'default_backend')
    load_balancer: str
    lb_type: Literal["application", "network"]
    region: str
    protocol: str  # HTTP | HTTPS | TCP | UDP | TLS
    port: int
    certificates: list[str] = Field(default_factory=list)  # plan item ids of cert items
    default_backend: str | None = None  # plan item id of an lb.backend item
    https_redirect: bool = False  # the listener only redirects to HTTPS (no backend)


LISTENER = "aws.elbv2.listener"


def _refs_of(resource: Resource) -> list[str]:
    return list(resource.refs)


def map_lb(resource: Resource, ctx: MappingContext) -> MappedTarget:
    reason = lb_unsupported(resource)
    if reason:
        return manual(reason, "design the internal or appliance load balancing by hand (internal Application LB "
                               "with a proxy-only subnet, internal passthrough NLB, or a partner appliance)")
    lb_type = lb_kind(resource)
    region = region_of(resource, ctx)
    spec = LoadBalancerSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), lb_type=lb_type, region=region)
    notes = ["global external Application Load Balancer" if lb_type == "application"
             else "regional external passthrough Network Load Balancer",
             f"the address changes from {resource.props.get('dns_name')}: DNS records follow (see dns items)"]
    if resource.key != "aws.elb.load_balancer":
        if not index_of(ctx).lookup(_refs_of, resource.id, LISTENER):
            return skipped(f"no listener: {resource.props.get('dns_name') or resource.name} accepts no traffic "
                           "(an idle load balancer, billed on AWS): nothing to build; its reserved address would "
                           "be billed and serve nothing")
        return done("mapped", spec, notes, pricing.unpriced(
            "the address is priced with the forwarding rules on the listener items"))
    listeners, left_out = [], []
    for listener in resource.props.get("listeners") or []:
        protocol = str(listener.get("protocol", "")).upper()
        if protocol in ("HTTPS", "SSL"):
            left_out.append(f"{protocol}:{listener.get('port')}")
            continue
        listeners.append(ClassicListenerSpec(protocol=protocol, port=int(listener["port"]),
                                             instance_port=int(listener.get("instance_port") or listener["port"])))
    spec.classic_listeners = listeners
    spec.classic_instances = item_ids(refs(resource, ctx, "aws.ec2.instance"), ctx)
    spec.health_check_port = listeners[0].instance_port if listeners else None
    notes.append("Classic ELB: listeners and instances built inline (unmanaged instance groups per zone)")
    if left_out:
        notes.append(f"{', '.join(left_out)} listeners need their certificate (not inventoried for Classic ELBs): "
                     "add a Certificate Manager certificate and an HTTPS proxy")
    if not listeners:
        return manual("no plain listener to rebuild", "rebuild the TLS listeners with their certificates", notes)
    return done("partial", spec, notes, pricing.forwarding_rules(region, len(listeners)))


def map_listener(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    lb = next(iter(refs(resource, ctx, "aws.elbv2.load_balancer")), None)
    if lb is None or lb_unsupported(lb):
        return manual(f"its load balancer is not built on GCP ({lb_unsupported(lb) if lb else 'not inventoried'})",
                       "rebuild the listener with the load balancer")
    region = region_of(lb, ctx)
    backends = item_ids(refs(resource, ctx, "aws.elbv2.target_group"), ctx)
    action = str(props.get("default_action_type") or "forward")
    protocol = str(props.get("protocol") or "HTTP").upper()
    notes = ["listener rules (host/path conditions) are not inventoried: add URL-map path matchers by hand"]
    redirect = action == "redirect" and protocol == "HTTP"
    if action not in ("forward", "redirect") or (action == "redirect" and not redirect) or (
            action == "forward" and not backends):
        return manual(f"default action {action!r} has no direct equivalent here",
                       "write the URL map default route (fixed response or redirect) by hand", notes)
    spec = LbFrontendSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), load_balancer=ctx.item_id(lb.id),
        lb_type=lb_kind(lb), region=region, protocol=protocol, port=int(number(props.get("port"), 80)),
        certificates=item_ids(refs(resource, ctx, "aws.acm.certificate"), ctx),
        default_backend=None if redirect else backends[0], https_redirect=redirect)
    status = "mapped"
    if len(backends) > 1:
        status = "partial"
        notes.append("weighted forwarding to several target groups: the first is the default service")
    if protocol == "HTTPS" and not spec.certificates:
        status = "partial"
        notes.append("HTTPS listener without an inventoried certificate: attach one before applying")
    return done(status, spec, notes, pricing.forwarding_rules(region, 1))


MAP: dict[str, MapFunction] = {"lb": map_lb, "lb.listener": map_listener}
SPECS: tuple[type[GcpSpec], ...] = (LoadBalancerSpec, LbFrontendSpec)
