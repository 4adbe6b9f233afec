"""Firewalls (network.firewall) -> VPC security groups and their rules; the default group is adopted.

Rule sources outside the inventory and prefix lists (account-specific) are
dropped, each said in a note.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import VPC, Links, common_fields, optional_int, result
from providers.aws.spec import Spec, _Part

DIRECTIONS = ("ingress", "egress")


class SecurityGroupRule(_Part):
    protocol: str  # "-1" for all, else tcp/udp/icmp or a protocol number
    from_port: int | None = None
    to_port: int | None = None
    cidr_ipv4: list[str] = Field(default_factory=list)
    cidr_ipv6: list[str] = Field(default_factory=list)
    source_group_items: list[str] = Field(default_factory=list)
    self_reference: bool = False


class SecurityGroupSpec(Spec):
    """`default=True`: the VPC's own default group, adopted and given the source's rules."""

    type: Literal["aws.ec2.security_group"] = "aws.ec2.security_group"
    vpc_item: str | None = None
    group_name: str
    description: str = ""
    default: bool = False
    ingress: list[SecurityGroupRule] = Field(default_factory=list)
    egress: list[SecurityGroupRule] = Field(default_factory=list)


def _dropped_sources(raw: dict[str, Any], sources: list[str], ctx: MappingContext) -> list[str]:
    notes = []
    missing = [group for group in sources if ctx.item_id(group) is None]
    if missing:
        notes.append(f"rule source groups outside the inventory are dropped: {', '.join(missing)}")
    if raw.get("prefix_list_ids"):
        notes.append(f"prefix-list sources are dropped (account-specific): {', '.join(raw['prefix_list_ids'])}")
    return notes


def _rule(raw: dict[str, Any], ctx: MappingContext, links: Links, own_id: str) -> tuple[SecurityGroupRule, list[str]]:
    sources = [group for group in raw.get("source_group_ids") or [] if group != own_id]
    protocol = str(raw.get("protocol") if raw.get("protocol") is not None else "-1")
    rule = SecurityGroupRule(
        protocol=protocol,
        from_port=optional_int(raw.get("from_port")),
        to_port=optional_int(raw.get("to_port")),
        cidr_ipv4=list(raw.get("cidrs") or []),
        cidr_ipv6=list(raw.get("ipv6_cidrs") or []),
        source_group_items=links.many_of(sources),  # a rule names groups of its own region only
        self_reference=own_id in (raw.get("source_group_ids") or []),
    )
    return rule, _dropped_sources(raw, sources, ctx)


def _rules(resource: Resource, ctx: MappingContext, links: Links) -> tuple[dict[str, list[SecurityGroupRule]], list[str]]:
    """The ingress and egress rules, and the notes on the rule sources they drop."""
    notes: list[str] = []
    rules: dict[str, list[SecurityGroupRule]] = {direction: [] for direction in DIRECTIONS}
    for direction in DIRECTIONS:
        for raw in resource.props.get(direction) or []:
            rule, rule_notes = _rule(raw, ctx, links, resource.id)
            rules[direction].append(rule)
            notes.extend(rule_notes)
    return rules, notes


def map_firewall(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    links = Links(resource, ctx)
    rules, notes = _rules(resource, ctx, links)
    is_default = bool(props.get("is_default") or props.get("group_name") == "default")
    spec = SecurityGroupSpec(
        **common_fields(resource, ctx),
        vpc_item=links.one("vpc_id", VPC),
        group_name=str(props.get("group_name") or resource.name),
        description=str(props.get("description") or ""),
        default=is_default,
        ingress=rules["ingress"],
        egress=rules["egress"],
    )
    notes += links.notes
    status = "partial" if notes else "mapped"  # only dropped rule sources and references add notes above
    if is_default:
        notes.append("the default group of the new VPC is adopted and given the source's rules")
    return result(status, spec, None, notes)


MAP: dict[str, MapFunction] = {"network.firewall": map_firewall}
SPECS: tuple[type[Spec], ...] = (SecurityGroupSpec,)
