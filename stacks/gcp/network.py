"""Network: VPC networks, subnetworks, firewall rules, routes, Cloud NAT, static external addresses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp import specs as s
from stacks.gcp.base import GcpGroup, GcpGroupArgs


@dataclass
class NetworkArgs(GcpGroupArgs):
    """Items of the `network` group."""


def build_network(group: GcpGroup, item: PlanItem, spec: s.NetworkSpec) -> pulumi.Resource:
    network = gcp.compute.Network(
        item.id, name=spec.name, auto_create_subnetworks=False, routing_mode=spec.routing_mode,
        description=f"source ranges: {', '.join(spec.source_cidrs)}"[:2048], opts=group.opts())
    group.export(item, "self_link", network.self_link)
    return network


def build_subnetwork(group: GcpGroup, item: PlanItem, spec: s.SubnetworkSpec) -> pulumi.Resource:
    return gcp.compute.Subnetwork(
        item.id, name=spec.name, region=spec.region, network=group.ref(item, spec.network),
        ip_cidr_range=spec.ip_cidr_range, private_ip_google_access=spec.private_ip_google_access, opts=group.opts())


def _rule_args(rule: s.FirewallRuleSpec) -> dict[str, Any]:
    permission = [{"protocol": rule.protocol, **({"ports": rule.ports} if rule.ports else {})}]
    ranges_field = "source_ranges" if rule.direction == "INGRESS" else "destination_ranges"
    args: dict[str, Any] = {"denies" if rule.deny else "allows": permission}
    if rule.ranges:
        args[ranges_field] = rule.ranges
    if rule.source_tags:
        args["source_tags"] = rule.source_tags
    return args


def build_firewall(group: GcpGroup, item: PlanItem, spec: s.FirewallSpec) -> pulumi.Resource | None:
    network = group.ref(item, spec.network)
    rules = [
        gcp.compute.Firewall(
            f"{item.id}-{rule.name}", name=rule.name, network=network, direction=rule.direction,
            priority=rule.priority, target_tags=[spec.target_tag], **_rule_args(rule), opts=group.opts())
        for rule in spec.rules
    ]
    return rules[0] if rules else None


def build_routes(group: GcpGroup, item: PlanItem, spec: s.RoutesSpec) -> pulumi.Resource | None:
    network = group.ref(item, spec.network)
    routes = [
        gcp.compute.Route(
            f"{item.id}-{route.name}", name=route.name, network=network, dest_range=route.dest_range,
            next_hop_instance=group.ref(item, route.next_hop_instance, "self_link") if route.next_hop_instance else None,
            next_hop_ip=route.next_hop_ip, opts=group.opts())
        for route in spec.routes
    ]
    return routes[0] if routes else None


def build_nat(group: GcpGroup, item: PlanItem, spec: s.CloudNatSpec) -> pulumi.Resource:
    router = gcp.compute.Router(f"{item.id}-router", name=spec.router_name, region=spec.region,
                                network=group.ref(item, spec.network), opts=group.opts())
    return gcp.compute.RouterNat(
        item.id, name=spec.name, router=router.name, region=spec.region, nat_ip_allocate_option="AUTO_ONLY",
        source_subnetwork_ip_ranges_to_nat="ALL_SUBNETWORKS_ALL_IP_RANGES", opts=group.opts())


def build_address(group: GcpGroup, item: PlanItem, spec: s.AddressSpec) -> pulumi.Resource:
    address = gcp.compute.Address(item.id, name=spec.name, region=spec.region, address_type="EXTERNAL",
                                  network_tier=spec.network_tier, labels=spec.labels, opts=group.opts())
    group.register_main_and_address(item, address, address)
    return address


class Network(GcpGroup):
    group = "network"
    spec_builders = {
        "gcp.compute.network": build_network,
        "gcp.compute.subnetwork": build_subnetwork,
        "gcp.compute.firewall": build_firewall,
        "gcp.compute.routes": build_routes,
        "gcp.compute.router_nat": build_nat,
        "gcp.compute.address": build_address,
    }
