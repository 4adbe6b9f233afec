"""`network.firewall` -> VPC firewall rules: a security group's rules, for the instances carrying its network tag."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp.kinds._shared import child_name, done, free, item_of, vpc_of
from providers.gcp.spec import GcpSpec

PROTOCOLS = {"-1": "all", "tcp": "tcp", "udp": "udp", "icmp": "icmp", "6": "tcp", "17": "udp", "1": "icmp",
             "icmpv6": "58", "58": "58"}


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


def _firewall_rules(name: str, direction: str, rules: list[dict[str, Any]], ctx: MappingContext,
                    notes: list[str]) -> list[FirewallRuleSpec]:
    out: list[FirewallRuleSpec] = []
    short = "in" if direction == "INGRESS" else "out"
    for index, rule in enumerate(rules):
        protocol = PROTOCOLS.get(str(rule.get("protocol")), str(rule.get("protocol")))
        groups = [ctx.resource(g) for g in rule.get("source_group_ids") or []]
        tags = [ctx.target_name(g) for g in groups if g is not None]
        if len(tags) < len(groups):
            notes.append(f"rule {index}: a referenced security group is not inventoried: dropped")
        for family, ranges in (("4", rule.get("cidrs") or []), ("6", rule.get("ipv6_cidrs") or [])):
            if ranges:  # a GCP rule takes IPv4 or IPv6 ranges, not both
                out.append(FirewallRuleSpec(name=child_name(name, f"{short}{index}-v{family}"), direction=direction,
                                            protocol=protocol, ports=_ports(rule), ranges=list(ranges)))
        if tags and direction == "INGRESS":
            out.append(FirewallRuleSpec(name=child_name(name, f"{short}{index}-tags"), direction=direction,
                                        protocol=protocol, ports=_ports(rule), source_tags=tags))
        elif tags:
            notes.append(f"egress rule {index} to security groups: GCP egress rules take ranges only: dropped")
    return out


def map_firewall(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    vpc = vpc_of(resource, ctx)
    network = item_of(vpc.id if vpc else None, ctx)
    if network is None:
        return manual("the security group's VPC is not inventoried", "write the firewall rules by hand")
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
