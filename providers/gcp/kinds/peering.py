"""`network.peering` -> VPC Network Peering between the two mapped networks, both directions.

VPCs whose ranges do not overlap already share one global network (providers/gcp/kinds/vpc.py): their
peering needs nothing; peered VPCs that landed in different networks get a peering pair.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.model.inventory import Resource
from providers.gcp.kinds._shared import child_name, done, free, network_item
from providers.gcp.spec import GcpSpec


class NetworkPeeringSpec(GcpSpec):
    type: Literal["gcp.compute.network_peering"] = "gcp.compute.network_peering"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("network", "peer_network")
    network: str
    peer_network: str
    back_name: str  # the peering from the peer network back


def map_peering(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("cross_account"):
        other = props.get("accepter_owner_id") if props.get("requester_owner_id") == ctx.inventory.source.account_id \
            else props.get("requester_owner_id")
        return manual(f"the peer VPC belongs to account {other}, outside this inventory",
                      "peer with that account's new network once it exists (both sides create their half)")
    networks = [network_item(ctx.resource(str(props.get(f"{side}_vpc_id") or "")), ctx) for side in ("requester", "accepter")]
    if None in networks:
        return manual("one of the peered VPCs is not built on Google Cloud", "create the peering by hand once both networks exist")
    if networks[0] == networks[1]:
        return skipped(f"both VPCs are carried by network {networks[0]}: one global network needs no peering")
    name = ctx.target_name(resource)
    spec = NetworkPeeringSpec(name=name, labels=ctx.labels(resource), network=str(networks[0]),
                              peer_network=str(networks[1]), back_name=child_name(name, "back"))
    notes = ["a peering in each direction (both are needed for traffic to flow); like AWS peering it is not "
             "transitive and the ranges must not overlap"]
    if props.get("status") != "active":
        notes.append(f"the source peering is {props.get('status')}: check it is still wanted")
    return done("mapped", spec, notes, free("VPC Network Peering (traffic across it is usage-based)"))


MAP: dict[str, MapFunction] = {"network.peering": map_peering}
SPECS: tuple[type[GcpSpec], ...] = (NetworkPeeringSpec,)
