"""Builds `gcp.compute.network_peering` (`network.peering`): the peering of each network with the other."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.peering import NetworkPeeringSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_peering(group: GcpGroup, item: PlanItem, spec: NetworkPeeringSpec) -> pulumi.Resource:
    network, peer = group.ref(item, spec.network, "self_link"), group.ref(item, spec.peer_network, "self_link")
    there = gcp.compute.NetworkPeering(item.id, name=spec.name, network=network, peer_network=peer, opts=group.opts())
    # Peering changes on one network are serialised by Google Cloud: the second half waits for the first.
    gcp.compute.NetworkPeering(f"{item.id}-back", name=spec.back_name, network=peer, peer_network=network,
                               opts=group.opts(depends_on=[there]))
    return there


BUILD: dict[str, GcpBuilder] = {"gcp.compute.network_peering": build_peering}
