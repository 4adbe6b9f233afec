"""Builds `gcp.compute.firewall` (`network.firewall`): one VPC firewall rule per spec rule."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.firewall import FirewallRuleSpec, FirewallSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def _rule_args(rule: FirewallRuleSpec) -> dict[str, Any]:
    permission = [{"protocol": rule.protocol, **({"ports": rule.ports} if rule.ports else {})}]
    ranges_field = "source_ranges" if rule.direction == "INGRESS" else "destination_ranges"
    args: dict[str, Any] = {"denies" if rule.deny else "allows": permission}
    if rule.ranges:
        args[ranges_field] = rule.ranges
    if rule.source_tags:
        args["source_tags"] = rule.source_tags
    return args


def build_firewall(group: GcpGroup, item: PlanItem, spec: FirewallSpec) -> pulumi.Resource | None:
    network = group.ref(item, spec.network)
    rules = [
        gcp.compute.Firewall(
            f"{item.id}-{rule.name}", name=rule.name, network=network, direction=rule.direction,
            priority=rule.priority, target_tags=[spec.target_tag], **_rule_args(rule), opts=group.opts())
        for rule in spec.rules
    ]
    return rules[0] if rules else None


BUILD: dict[str, GcpBuilder] = {"gcp.compute.firewall": build_firewall}
