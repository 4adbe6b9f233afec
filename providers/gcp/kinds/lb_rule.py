"""`lb.rule` -> a host/path rule of the URL map of the listener's frontend (global external Application LB).

The stack wires every rule of a listener into that listener's URL map (stacks/gcp/lb_rule.py): hosts become
host rules, paths the path rules of their path matcher. Only forwarding on host and path conditions has that
shape here; other conditions and actions are manual with the URL-map work they need.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp.kinds._load_balancers import lb_unsupported
from providers.gcp.kinds._shared import done, free, item_of, refs
from providers.gcp.spec import GcpSpec

WIRED_CONDITIONS = frozenset({"host-header", "path-pattern"})
ORDER_NOTE = ("URL maps match the most specific host, then the longest path, where ALB rules go by priority: check "
              "rules that overlap")


class UrlMapRuleSpec(GcpSpec):
    type: Literal["gcp.compute.url_map_rule"] = "gcp.compute.url_map_rule"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("frontend", "backend")
    frontend: str  # plan item id of the listener's frontend
    backend: str  # plan item id of the target group's backend service
    priority: int | None = None
    hosts: list[str] = Field(default_factory=list)
    paths: list[str] = Field(default_factory=list)


def url_map_path(pattern: str) -> str | None:
    """An ALB path pattern as a URL-map path (which allows one `*`, only after a final `/`), or None."""
    wildcards = pattern.count("*") + pattern.count("?")
    if wildcards == 0:
        return pattern
    return pattern if wildcards == 1 and pattern.endswith("/*") else None


def _values(conditions: list[dict], field: str) -> list[str]:
    return [str(value) for condition in conditions if condition.get("field") == field for value in condition.get("values") or []]


def _why_not(resource: Resource, ctx: MappingContext) -> str | None:
    props = resource.props
    listener = next(iter(refs(resource, ctx, "aws.elbv2.listener")), None)
    balancer = next(iter(refs(listener, ctx, "aws.elbv2.load_balancer")), None) if listener else None
    if balancer is None or lb_unsupported(balancer):
        return f"its load balancer is not built on Google Cloud ({lb_unsupported(balancer) if balancer else 'not inventoried'})"
    if props.get("action_type") != "forward" or props.get("authenticates") or not props.get("target_group_arns"):
        return f"action {props.get('action_type')!r}{' with authentication' if props.get('authenticates') else ''} is not a plain forward"
    fields = {str(c.get("field")) for c in props.get("conditions") or []}
    if fields - WIRED_CONDITIONS:
        return f"conditions on {', '.join(sorted(fields - WIRED_CONDITIONS))} need URL-map route rules (matchRules)"
    if any(url_map_path(path) is None for path in _values(props.get("conditions") or [], "path-pattern")):
        return "a path pattern has wildcards a URL-map path cannot express"
    return None


def map_rule(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    reason = _why_not(resource, ctx)
    frontend = item_of(props.get("listener_arn"), ctx)
    backend = item_of((props.get("target_group_arns") or [None])[0], ctx)
    if reason is None and (frontend is None or backend is None):
        reason = "its listener or target group is not in the plan"
    if reason is not None:
        return manual(reason, "add the rule to the listener's URL map by hand (routeRules with matchRules, "
                              "urlRedirect, or Identity-Aware Proxy for authentication)")
    conditions = props.get("conditions") or []
    spec = UrlMapRuleSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), frontend=str(frontend),
                          backend=str(backend), priority=props.get("priority"), hosts=_values(conditions, "host-header"),
                          paths=[str(url_map_path(p)) for p in _values(conditions, "path-pattern")])
    notes = [f"built into the URL map of {frontend}: hosts {spec.hosts or ['*']}, paths {spec.paths or ['(all)']}",
             ORDER_NOTE]
    if len(props.get("target_group_arns") or []) > 1:
        notes.append("weighted forwarding to several target groups: the first is used (weightedBackendServices by hand)")
    return done("partial", spec, notes, free("URL map rule"))


MAP: dict[str, MapFunction] = {"lb.rule": map_rule}
SPECS: tuple[type[GcpSpec], ...] = (UrlMapRuleSpec,)
