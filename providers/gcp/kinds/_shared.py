"""Helpers every GCP kind module uses: references to other items, placement, names, and the mapped result."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from planner.core.contract import MappedTarget, MappingContext
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


def placement(resource: Resource, ctx: MappingContext) -> tuple[str | None, str | None]:
    """(network item id, first subnetwork item id) of a resource's VPC and subnets."""
    subnets = refs(resource, ctx, "aws.ec2.subnet")
    vpc = vpc_of(resource, ctx)
    return item_of(vpc.id if vpc else None, ctx), (item_ids(subnets[:1], ctx) or [None])[0]


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
