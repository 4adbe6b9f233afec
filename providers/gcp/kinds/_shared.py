"""Helpers every GCP kind module uses: references to other items, placement, names, and the mapped result."""

from __future__ import annotations

import ipaddress
import weakref
from collections.abc import Iterable
from typing import Any

from planner.core.contract import MappedTarget, MappingContext
from planner.core.index import InventoryIndex, index_of
from planner.core.model.inventory import Resource
from planner.core.naming import sanitize_name
from providers.gcp import naming
from providers.gcp.pricing import Priced
from providers.gcp.spec import GcpSpec


def child_name(base: str, suffix: str) -> str:
    return sanitize_name(f"{base}-{suffix}", naming.NAME_RULES)


def refs(resource: Resource, ctx: MappingContext, *keys: str) -> list[Resource]:
    found = [ctx.resource(ref) for ref in resource.refs]
    return [r for r in found if r is not None and (not keys or r.key in keys)]


def skipped_by_core(resource_id: str, ctx: MappingContext) -> bool:
    """Provider defaults the core skips (default VPC, its subnets...) are never referenced: they build nothing."""
    is_skipped = getattr(ctx, "is_skipped", None)
    return bool(is_skipped and is_skipped(resource_id))


def item_of(resource_id: str | None, ctx: MappingContext) -> str | None:
    if not resource_id or skipped_by_core(resource_id, ctx):
        return None
    return ctx.item_id(resource_id)


def item_ids(resources: Iterable[Resource], ctx: MappingContext) -> list[str]:
    return [item for item in (item_of(r.id, ctx) for r in resources) if item]


def vpc_of(resource: Resource, ctx: MappingContext) -> Resource | None:
    for ref in refs(resource, ctx):
        if ref.key == "aws.ec2.vpc":
            return ref
        if ref.key == "aws.ec2.subnet":
            return next(iter(refs(ref, ctx, "aws.ec2.vpc")), None)
    vpc_id = resource.props.get("vpc_id")
    return ctx.resource(vpc_id) if vpc_id else None


# VPC id -> the VPC whose item builds its network, per inventory (see merged_networks).
_NETWORK_OWNERS: weakref.WeakKeyDictionary[InventoryIndex, dict[str, str]] = weakref.WeakKeyDictionary()


def merged_networks(ctx: MappingContext) -> dict[str, str]:
    """VPC id -> id of the VPC whose item builds its network.

    GCP VPC networks are global and subnetworks regional: VPCs whose ranges do not overlap become ONE network
    (built by the first of them in plan order), so that fleets in different regions reach each other as they
    did over peering or VPN; a VPC that overlaps one already placed starts a network of its own.
    """
    index = index_of(ctx)
    if index not in _NETWORK_OWNERS:
        _NETWORK_OWNERS[index] = _group_networks(ctx, index)
    return _NETWORK_OWNERS[index]


def _group_networks(ctx: MappingContext, index: InventoryIndex) -> dict[str, str]:
    vpcs = [vpc for vpc in index.of_key("aws.ec2.vpc") if item_of(vpc.id, ctx)]
    networks: list[tuple[str, list[Any]]] = []  # (owner VPC id, the ranges its network holds)
    owners: dict[str, str] = {}
    for vpc in sorted(vpcs, key=lambda v: str(ctx.item_id(v.id))):
        ranges = vpc_ranges(vpc)
        shared = next((n for n in networks if ranges and not overlap(ranges, n[1])), None)
        if shared is None:
            networks.append((vpc.id, list(ranges)))
            owners[vpc.id] = vpc.id
        else:
            shared[1].extend(ranges)
            owners[vpc.id] = shared[0]
    return owners


def vpc_ranges(vpc: Resource) -> list[Any]:
    cidrs = list(vpc.props.get("cidr_blocks") or [vpc.props.get("cidr_block")])
    return [ipaddress.ip_network(str(c), strict=False) for c in cidrs if c]


def overlap(ranges: list[Any], taken: list[Any]) -> bool:
    return any(a.version == b.version and a.overlaps(b) for a in ranges for b in taken)


def network_item(vpc: Resource | None, ctx: MappingContext) -> str | None:
    """The item id of the network that carries `vpc` (the merged network's builder), None if none is built."""
    if vpc is None or item_of(vpc.id, ctx) is None:
        return None
    return item_of(merged_networks(ctx).get(vpc.id, vpc.id), ctx)


def network_of(resource: Resource, ctx: MappingContext) -> str | None:
    return network_item(vpc_of(resource, ctx), ctx)


def placement(resource: Resource, ctx: MappingContext) -> tuple[str | None, str | None]:
    """(network item id, first subnetwork item id) of a resource's VPC and subnets.

    A resource that names neither (an ECS cluster) is placed where the first of its members that does is
    (its services' subnets), so that it never lands on the project's `default` network while its VPC is built.
    """
    subnets = refs(resource, ctx, "aws.ec2.subnet")
    vpc = vpc_of(resource, ctx)
    if vpc is None and not subnets:
        member = next((m for m in index_of(ctx).lookup(_referenced_ids, resource.id) if vpc_of(m, ctx)), None)
        return placement(member, ctx) if member is not None else (None, None)
    return network_item(vpc, ctx), (item_ids(subnets[:1], ctx) or [None])[0]


def _referenced_ids(resource: Resource) -> list[str]:
    return list(resource.refs)


def region_of(resource: Resource, ctx: MappingContext) -> str:
    return ctx.target_region(resource.region)


def zone_of(region: str, resource: Resource, ctx: MappingContext) -> str:
    # Seeding with the AWS availability zone keeps what shared an AZ together (a volume with its instance).
    return ctx.target_zone(region, str(resource.props.get("availability_zone") or resource.id))


def port_name(port: int) -> str:
    return f"p{port}"


def done(status: str, spec: GcpSpec, notes: list[str], priced: Priced) -> MappedTarget:
    return MappedTarget(
        status=status,  # type: ignore[arg-type]
        target=spec.model_dump(),
        notes=notes + priced.notes,
        target_monthly_usd=priced.monthly_usd,
        cost_basis=priced.basis,
    )


def free(what: str) -> Priced:
    return Priced(0.0, [f"{what}: no charge of its own on Google Cloud"])


def number(value: Any, default: float = 0.0) -> float:
    try:
        return float(value) if value is not None else default
    except (TypeError, ValueError):
        return default
