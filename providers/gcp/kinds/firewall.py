"""`network.firewall` -> VPC firewall rules: a security group's rules, for the instances carrying its network tag.

GCP load balancers carry no tags: a rule whose source is a load balancer's group admits the ranges the load
balancer's proxies and health checks come from. A group attached to no VM (only to load balancers, databases,
caches or file shares) builds no rules: they would apply to nothing."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.model.inventory import Resource
from providers.gcp.kinds import _sg_members
from providers.gcp.kinds._load_balancers import lb_kind
from providers.gcp.kinds._shared import child_name, done, free, network_item, vpc_of
from providers.gcp.spec import GcpSpec

PROTOCOLS = {"-1": "all", "tcp": "tcp", "udp": "udp", "icmp": "icmp", "6": "tcp", "17": "udp", "1": "icmp",
             "icmpv6": "58", "58": "58"}

# Where a GCP load balancer's traffic reaches its backends from, by load balancer kind: Google Cloud "Firewall rules"
# for load balancing (cloud.google.com/load-balancing/docs/firewall-rules) and "Health checks overview: probe IP
# ranges": the global external Application LB's health checks and GFE proxies use 35.191.0.0/16 and
# 130.211.0.0/22; the external passthrough Network LB's health checks come from 35.191.0.0/16, 209.85.152.0/22 and
# 209.85.204.0/22, its client traffic from the clients themselves (the group's own ingress ranges are added).
LB_SOURCE_RANGES: dict[str, tuple[str, ...]] = {
    "application": ("35.191.0.0/16", "130.211.0.0/22"),
    "network": ("35.191.0.0/16", "209.85.152.0/22", "209.85.204.0/22"),
}
# Why a group whose members carry no network tag builds nothing, by what its members are.
UNTAGGED_REASONS: dict[str, str] = {
    "managed": _sg_members.MANAGED_SERVICE_NOTE,
    "load_balancer": ("a load balancer's frontend is not filtered by VPC firewall rules on GCP (the rules would "
                      "apply to nothing): restrict clients with a Cloud Armor security policy on its backend services"),
    "other": "its members (functions, containers) carry no network tags on GCP",
}


class FirewallRuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    direction: Literal["INGRESS", "EGRESS"]
    protocol: str  # tcp | udp | icmp | all
    ports: list[str] = Field(default_factory=list)  # "80", "1024-2048"; empty = every port
    ranges: list[str] = Field(default_factory=list)  # source ranges (ingress) or destination ranges (egress)
    deny: bool = False
    priority: int = 1000
    source_tags: list[str] = Field(default_factory=list)  # network tags of referenced firewall items


class FirewallSpec(GcpSpec):
    type: Literal["gcp.compute.firewall"] = "gcp.compute.firewall"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    network: str
    target_tag: str  # instances carrying this network tag get the rules (the security group membership)
    rules: list[FirewallRuleSpec] = Field(default_factory=list)


def _ports(rule: dict[str, Any]) -> list[str]:
    low, high = rule.get("from_port"), rule.get("to_port")
    if low in (None, -1) or str(rule.get("protocol")) in ("-1", "icmp", "icmpv6", "58", "1"):
        return []
    if (low, high) == (0, 65535):
        return []
    return [str(low)] if low == high or high is None else [f"{low}-{high}"]


def _is_allow_all_egress(rule: dict[str, Any]) -> bool:
    return str(rule.get("protocol")) == "-1" and "0.0.0.0/0" in (rule.get("cidrs") or [])


def _lb_ranges(group: Resource, ctx: MappingContext) -> list[str]:
    """The source ranges that stand for a load balancer's group: its proxies and health checks (and, for a
    passthrough Network LB, its clients: the group's own IPv4 ingress ranges)."""
    ranges: list[str] = []
    for lb in _sg_members.load_balancers(group.id, ctx):
        kind = lb_kind(lb) or "application"
        ranges.extend(LB_SOURCE_RANGES[kind])
        if kind == "network":
            ranges.extend(c for rule in group.props.get("ingress") or [] for c in rule.get("cidrs") or [])
    return list(dict.fromkeys(ranges))


def _sources(index: int, rule: dict[str, Any], ctx: MappingContext, notes: list[str]) -> tuple[list[str], list[str]]:
    """(network tags, load-balancer source ranges) standing for the rule's source security groups."""
    tags: list[str] = []
    lb_ranges: list[str] = []
    for group_id in rule.get("source_group_ids") or []:
        group = ctx.resource(group_id)
        if group is None:
            notes.append(f"rule {index}: a referenced security group is not inventoried: dropped")
            continue
        tagged = "tagged" in _sg_members.roles(group.id, ctx)
        if tagged:  # its VMs carry its network tag
            tags.append(ctx.target_name(group))
        if _sg_members.load_balancers(group.id, ctx):
            lb_ranges.extend(_lb_ranges(group, ctx))
            notes.append(f"rule {index}: from load balancer group {group.name} -> the load balancer's proxy and "
                         "health-check ranges (GCP load balancers carry no network tags)")
        elif not tagged:
            notes.append(f"rule {index}: source group {group.name} is attached to no VM on GCP (no network tag "
                         "stands for it): dropped; allow its subnetwork ranges if it must reach these instances")
    return tags, list(dict.fromkeys(lb_ranges))


def _firewall_rules(name: str, direction: str, rules: list[dict[str, Any]], ctx: MappingContext,
                    notes: list[str]) -> list[FirewallRuleSpec]:
    out: list[FirewallRuleSpec] = []
    short = "in" if direction == "INGRESS" else "out"
    for index, rule in enumerate(rules):
        protocol = PROTOCOLS.get(str(rule.get("protocol")), str(rule.get("protocol")))
        if direction == "EGRESS" and rule.get("source_group_ids"):
            notes.append(f"egress rule {index} to security groups: GCP egress rules take ranges only: dropped")
        tags, lb_ranges = _sources(index, rule, ctx, notes) if direction == "INGRESS" else ([], [])
        for family, ranges in (("4", rule.get("cidrs") or []), ("6", rule.get("ipv6_cidrs") or [])):
            if ranges:  # a GCP rule takes IPv4 or IPv6 ranges, not both
                out.append(FirewallRuleSpec(name=child_name(name, f"{short}{index}-v{family}"), direction=direction,
                                            protocol=protocol, ports=_ports(rule), ranges=list(ranges)))
        if tags:
            out.append(FirewallRuleSpec(name=child_name(name, f"{short}{index}-tags"), direction=direction,
                                        protocol=protocol, ports=_ports(rule), source_tags=tags))
        if lb_ranges:
            out.append(FirewallRuleSpec(name=child_name(name, f"{short}{index}-lb"), direction=direction,
                                        protocol=protocol, ports=_ports(rule), ranges=lb_ranges))
    return out


def _untagged_reason(resource: Resource, ctx: MappingContext) -> str | None:
    """Why the group's rules would apply to nothing on GCP (no VM or template carries its tag), or None."""
    found = _sg_members.roles(resource.id, ctx)
    if "tagged" in found:
        return None
    reasons = [UNTAGGED_REASONS[role] for role in ("managed", "load_balancer", "other") if role in found]
    return "; ".join(reasons) or ("no inventoried VM or instance template carries it (a group of EFS mount targets, "
                                  "ElastiCache nodes or unused)")


def map_firewall(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    vpc = vpc_of(resource, ctx)
    network = network_item(vpc, ctx)
    if network is None:
        return manual("the security group's VPC is not inventoried", "write the firewall rules by hand")
    untagged = _untagged_reason(resource, ctx)
    if untagged:
        return skipped(f"no firewall rules: attached to no VM on GCP, so its rules would apply to nothing; {untagged}")
    name = ctx.target_name(resource)
    notes: list[str] = [f"rules apply to instances with the network tag {name!r}"]
    rules = _firewall_rules(name, "INGRESS", list(props.get("ingress") or []), ctx, notes)
    egress = list(props.get("egress") or [])
    if egress and not any(_is_allow_all_egress(rule) for rule in egress):
        rules.extend(_firewall_rules(name, "EGRESS", egress, ctx, notes))
        rules.append(FirewallRuleSpec(name=child_name(name, "out-deny"), direction="EGRESS", protocol="all",
                                      ranges=["0.0.0.0/0"], deny=True, priority=65000))
        notes.append("restricted egress: allow rules plus a low-priority deny-all (GCP allows egress by default)")
    spec = FirewallSpec(name=name, labels=ctx.labels(resource), network=network, target_tag=name, rules=rules)
    dropped = any("dropped" in note for note in notes)
    partial = dropped or any(rule.source_tags for rule in rules)
    if any(rule.source_tags for rule in rules):
        notes.append("rules naming other security groups become source network tags (service accounts are "
                     "the stronger alternative)")
    return done("partial" if partial else "mapped", spec, notes, free("firewall rules"))


MAP: dict[str, MapFunction] = {"network.firewall": map_firewall}
SPECS: tuple[type[GcpSpec], ...] = (FirewallSpec,)
