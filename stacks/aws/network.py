"""Network: VPCs, subnets, security groups and their rules, route tables, gateways, Elastic IPs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws import specs as s
from stacks.aws.base import AwsBuilder, AwsGroup, AwsGroupArgs

ALL_PROTOCOLS = "-1"


@dataclass
class NetworkArgs(AwsGroupArgs):
    """Items of the `network` group."""


def build_vpc(group: AwsGroup, item: PlanItem, spec: s.VpcSpec) -> pulumi.Resource:
    vpc = aws.ec2.Vpc(
        item.id,
        cidr_block=spec.cidr_block,
        enable_dns_support=True,
        enable_dns_hostnames=True,
        tags=group.tags(spec),
        opts=group.opts(spec),
    )
    for index, block in enumerate(spec.additional_cidr_blocks):
        aws.ec2.VpcIpv4CidrBlockAssociation(
            f"{item.id}-cidr-{index + 1}", vpc_id=vpc.id, cidr_block=block, opts=group.opts(spec)
        )
    group.export(item, "vpc_id", vpc.id)
    return vpc


def build_subnet(group: AwsGroup, item: PlanItem, spec: s.SubnetSpec) -> pulumi.Resource:
    return aws.ec2.Subnet(
        item.id,
        vpc_id=group.ref(item, spec.vpc_item),
        cidr_block=spec.cidr_block,
        availability_zone=spec.availability_zone,
        map_public_ip_on_launch=spec.map_public_ip_on_launch,
        tags=group.tags(spec),
        opts=group.opts(spec),
    )


def build_security_group(group: AwsGroup, item: PlanItem, spec: s.SecurityGroupSpec) -> pulumi.Resource:
    vpc_id = group.optional_ref(item, spec.vpc_item)
    if spec.default:
        # Adopts the VPC's own default group (AWS creates it with the VPC); the source's rules
        # are added as separate rule resources below, like any other group.
        security_group: pulumi.CustomResource = aws.ec2.DefaultSecurityGroup(
            item.id, vpc_id=vpc_id, tags=group.tags(spec), opts=group.opts(spec)
        )
    else:
        security_group = aws.ec2.SecurityGroup(
            item.id,
            name=spec.group_name,
            description=spec.description or f"{spec.group_name} (rebuilt by planner)",
            vpc_id=vpc_id,
            tags=group.tags(spec),
            opts=group.opts(spec),
        )
    # Rules may name groups built later in this component (or each other): add them at the end.
    group.after_all.append(lambda: _add_rules(group, item, spec, security_group))
    group.export(item, "security_group_id", security_group.id)
    return security_group


def _add_rules(group: AwsGroup, item: PlanItem, spec: s.SecurityGroupSpec, security_group: Any) -> None:
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


def _ports(rule: s.SecurityGroupRule) -> dict[str, int]:
    # AWS rejects ports on an all-protocols rule.
    if rule.protocol == ALL_PROTOCOLS or rule.from_port is None:
        return {}
    return {"from_port": rule.from_port, "to_port": rule.to_port if rule.to_port is not None else rule.from_port}


def _peers(group: AwsGroup, item: PlanItem, rule: s.SecurityGroupRule, security_group: Any) -> list[dict[str, Any]]:
    """One rule resource per source: each CIDR, each referenced group, the group itself."""
    peers: list[dict[str, Any]] = [{"cidr_ipv4": cidr} for cidr in rule.cidr_ipv4]
    peers += [{"cidr_ipv6": cidr} for cidr in rule.cidr_ipv6]
    peers += [{"referenced_security_group_id": ref} for ref in group.refs(item, rule.source_group_items)]
    if rule.self_reference:
        peers.append({"referenced_security_group_id": security_group.id})
    return peers


def build_internet_gateway(group: AwsGroup, item: PlanItem, spec: s.InternetGatewaySpec) -> pulumi.Resource:
    return aws.ec2.InternetGateway(
        item.id, vpc_id=group.optional_ref(item, spec.vpc_item), tags=group.tags(spec), opts=group.opts(spec)
    )


def build_nat_gateway(group: AwsGroup, item: PlanItem, spec: s.NatGatewaySpec) -> pulumi.Resource:
    allocation_id = None
    if spec.connectivity_type == "public":
        address = aws.ec2.Eip(f"{item.id}-eip", domain="vpc", tags=group.tags(spec), opts=group.opts(spec))
        allocation_id = address.allocation_id
        group.export(item, "public_ip", address.public_ip)
    return aws.ec2.NatGateway(
        item.id,
        subnet_id=group.ref(item, spec.subnet_item),
        connectivity_type=spec.connectivity_type,
        allocation_id=allocation_id,
        tags=group.tags(spec),
        opts=group.opts(spec),
    )


def build_route_table(group: AwsGroup, item: PlanItem, spec: s.RouteTableSpec) -> pulumi.Resource:
    vpc_id = group.ref(item, spec.vpc_item)
    table = aws.ec2.RouteTable(item.id, vpc_id=vpc_id, tags=group.tags(spec), opts=group.opts(spec))
    for index, route in enumerate(spec.routes, start=1):
        target = (
            {"gateway_id": group.optional_ref(item, route.gateway_item)}
            if route.gateway_item
            else {"nat_gateway_id": group.optional_ref(item, route.nat_gateway_item)}
        )
        if next(iter(target.values())) is None:
            continue
        aws.ec2.Route(
            f"{item.id}-route-{index}",
            route_table_id=table.id,
            destination_cidr_block=route.destination_cidr,
            **target,
            opts=group.opts(spec),
        )
    for subnet_item, subnet_id in group.ref_pairs(item, spec.subnet_items):
        aws.ec2.RouteTableAssociation(
            f"{item.id}-{subnet_item}", route_table_id=table.id, subnet_id=subnet_id, opts=group.opts(spec)
        )
    if spec.main:
        aws.ec2.MainRouteTableAssociation(f"{item.id}-main", vpc_id=vpc_id, route_table_id=table.id, opts=group.opts(spec))
    return table


def build_eip(group: AwsGroup, item: PlanItem, spec: s.ElasticIpSpec) -> pulumi.Resource:
    # The instance (compute group) is built later: the compute group associates the address.
    address = aws.ec2.Eip(item.id, domain="vpc", tags=group.tags(spec), opts=group.opts(spec))
    group.export(item, "public_ip", address.public_ip)
    return address


class Network(AwsGroup):
    group = "network"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = {
        "aws.ec2.vpc": build_vpc,
        "aws.ec2.subnet": build_subnet,
        "aws.ec2.security_group": build_security_group,
        "aws.ec2.internet_gateway": build_internet_gateway,
        "aws.ec2.nat_gateway": build_nat_gateway,
        "aws.ec2.route_table": build_route_table,
        "aws.ec2.eip": build_eip,
    }
