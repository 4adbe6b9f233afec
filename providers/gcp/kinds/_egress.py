"""Which regions of each network need Cloud NAT: every region holding VMs without an external address (instances
without a public IP, managed instance groups, whose templates carry none), shared by networks and NAT gateways."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from planner.core.contract import MappingContext
from planner.core.index import InventoryIndex, index_of
from planner.core.members import GONE_STATES
from planner.core.model.inventory import Resource
from providers.gcp.kinds._shared import item_of, network_of, placement, region_of

# Source types of NAT gateways and of what runs private VMs on GCP (instance templates carry no external address).
NAT_GATEWAY = "aws.ec2.nat_gateway"
INSTANCE = "aws.ec2.instance"
INSTANCE_GROUP = "aws.autoscaling.group"

# Per inventory: network item id -> regions with private VMs, and -> regions a NAT gateway item covers.
_PRIVATE: weakref.WeakKeyDictionary[InventoryIndex, dict[str, set[str]]] = weakref.WeakKeyDictionary()
_COVERED: weakref.WeakKeyDictionary[InventoryIndex, dict[str, set[str]]] = weakref.WeakKeyDictionary()


def regions_without_nat(network_item_id: str, ctx: MappingContext) -> list[str]:
    """Regions of the network with private VMs and no NAT gateway item to give them a way out."""
    private = _by_network(_PRIVATE, ctx, _private_vm_regions)
    covered = _by_network(_COVERED, ctx, _nat_regions)
    return sorted(private.get(network_item_id, set()) - covered.get(network_item_id, set()))


def _by_network(memo: weakref.WeakKeyDictionary[InventoryIndex, dict[str, set[str]]], ctx: MappingContext,
                compute: Callable[[MappingContext, InventoryIndex], dict[str, set[str]]]) -> dict[str, set[str]]:
    index = index_of(ctx)
    if index not in memo:
        memo[index] = compute(ctx, index)
    return memo[index]


def _private_vm_regions(ctx: MappingContext, index: InventoryIndex) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for resource in [*index.of_key(INSTANCE), *index.of_key(INSTANCE_GROUP)]:
        network = placement(resource, ctx)[0] if _is_private(resource, ctx) else None
        if network:
            found.setdefault(network, set()).add(region_of(resource, ctx))
    return found


def _is_private(resource: Resource, ctx: MappingContext) -> bool:
    if resource.key == INSTANCE_GROUP:
        return True
    props = resource.props
    launched = bool(props.get("autoscaling_group"))  # its group's template builds it
    return not launched and props.get("state") not in GONE_STATES and not props.get("public_ip") and bool(
        item_of(resource.id, ctx))


def _nat_regions(ctx: MappingContext, index: InventoryIndex) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for gateway in index.of_key(NAT_GATEWAY):
        network = network_of(gateway, ctx)
        if network and gateway.props.get("state") not in ("deleted", "deleting", "failed"):
            found.setdefault(network, set()).add(region_of(gateway, ctx))
    return found
