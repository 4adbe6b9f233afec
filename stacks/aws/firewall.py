"""Builds VPC security groups (network.firewall), or adopts the VPC's default one, and then their rules.

Rules may name groups built later in the same component (or each other): they
are added once the whole group is built, one rule resource per source.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.firewall import SecurityGroupRule, SecurityGroupSpec
from stacks.aws.base import AwsBuilder, AwsGroup

ALL_PROTOCOLS = "-1"


def _security_group(group: AwsGroup, item: PlanItem, spec: SecurityGroupSpec) -> pulumi.CustomResource:
    vpc_id = group.optional_ref(item, spec.vpc_item)
    if spec.default:
        # Adopts the VPC's own default group (AWS creates it with the VPC); the source's rules
        # are added as separate rule resources, like any other group's.
        return aws.ec2.DefaultSecurityGroup(item.id, vpc_id=vpc_id, **group.name_tagged(spec))
    return aws.ec2.SecurityGroup(
        item.id,
        name=spec.group_name,
        description=spec.description or f"{spec.group_name} (rebuilt by planner)",
        vpc_id=vpc_id,
        **group.name_tagged(spec),
    )


def build_security_group(group: AwsGroup, item: PlanItem, spec: SecurityGroupSpec) -> pulumi.Resource:
    security_group = _security_group(group, item, spec)
    # Rules may name groups built later in this component (or each other): add them at the end.
    group.after_all.append(lambda: _add_rules(group, item, spec, security_group))
    return group.exporting(item, security_group, security_group_id="id")


def _add_rules(group: AwsGroup, item: PlanItem, spec: SecurityGroupSpec, security_group: Any) -> None:
    rule_classes = {"in": (aws.vpc.SecurityGroupIngressRule, spec.ingress), "out": (aws.vpc.SecurityGroupEgressRule, spec.egress)}
    for direction, (rule_class, rules) in rule_classes.items():
        count = 0
        for rule in rules:
            for peer in _peers(group, item, rule, security_group):
                count += 1
                rule_class(
                    f"{item.id}-{direction}-{count}",
                    security_group_id=security_group.id,
                    ip_protocol=rule.protocol,
                    **_ports(rule),
                    **peer,
                    opts=group.opts(spec),
                )


def _ports(rule: SecurityGroupRule) -> dict[str, int]:
    # AWS rejects ports on an all-protocols rule.
    if rule.protocol == ALL_PROTOCOLS or rule.from_port is None:
        return {}
    return {"from_port": rule.from_port, "to_port": rule.to_port if rule.to_port is not None else rule.from_port}


def _peers(group: AwsGroup, item: PlanItem, rule: SecurityGroupRule, security_group: Any) -> list[dict[str, Any]]:
    """One rule resource per source: each CIDR, each referenced group, the group itself."""
    peers: list[dict[str, Any]] = [{"cidr_ipv4": cidr} for cidr in rule.cidr_ipv4]
    peers += [{"cidr_ipv6": cidr} for cidr in rule.cidr_ipv6]
    peers += [{"referenced_security_group_id": ref} for ref in group.refs(item, rule.source_group_items)]
    if rule.self_reference:
        peers.append({"referenced_security_group_id": security_group.id})
    return peers


BUILD: dict[str, AwsBuilder] = {"aws.ec2.security_group": build_security_group}
