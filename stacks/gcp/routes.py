"""Builds `gcp.compute.routes` (`network.route_table`): VPC routes to instances."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.routes import RoutesSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_routes(group: GcpGroup, item: PlanItem, spec: RoutesSpec) -> pulumi.Resource | None:
    network = group.ref(item, spec.network)
    routes = [
        gcp.compute.Route(
            f"{item.id}-{route.name}", name=route.name, network=network, dest_range=route.dest_range,
            next_hop_instance=group.ref(item, route.next_hop_instance, "self_link") if route.next_hop_instance else None,
            next_hop_ip=route.next_hop_ip, opts=group.opts())
        for route in spec.routes
    ]
    return routes[0] if routes else None


BUILD: dict[str, GcpBuilder] = {"gcp.compute.routes": build_routes}
