"""What every AWS kind module shares: the fields of every spec, references to other items, the result.

Every reference a spec holds is a plan item id from `ctx.item_id(...)`: these
helpers turn source ids (in the resource's props, else in its refs) into them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from planner.core.contract import MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import Priced, free
from providers.aws.spec import Spec

GLOBAL = "global"
# CloudFront and the certificates it serves live in us-east-1 whatever the home region.
CLOUDFRONT_REGION = "us-east-1"
SUBNET = "aws.ec2.subnet"
SECURITY_GROUP = "aws.ec2.security_group"
VPC = "aws.ec2.vpc"


def result(
    status: str,
    spec: Spec,
    priced: Priced | None = None,
    notes: Iterable[str] = (),
) -> MappedTarget:
    """The mapped item: the spec as the plan's `target`, its notes, then the price's notes, cost and basis."""
    priced = priced or free(spec.type)
    return MappedTarget(
        status=status,  # type: ignore[arg-type]
        target=spec.model_dump(),
        notes=[*notes, *priced.notes],
        target_monthly_usd=priced.monthly_usd,
        cost_basis=priced.basis,
    )


def target_region(resource: Resource, ctx: MappingContext) -> str:
    return GLOBAL if resource.region == GLOBAL else ctx.target_region(resource.region)


def target_zone(resource: Resource, ctx: MappingContext, source_zone: str | None) -> str:
    """The target AZ: seeded by the SOURCE zone, so an instance, its subnet and its volumes
    that shared a zone share one again (AZ names are mapped per account by AWS anyway)."""
    region = ctx.target_region(resource.region)
    if source_zone and region == resource.region:
        return source_zone
    return ctx.target_zone(region, source_zone or resource.id)


def common_fields(resource: Resource, ctx: MappingContext) -> dict[str, Any]:
    """The fields of every spec: name, region and tags."""
    return {"name": ctx.target_name(resource), "region": target_region(resource, ctx), "tags": ctx.labels(resource)}


def item_of(ctx: MappingContext, source_id: str | None) -> str | None:
    return ctx.item_id(source_id) if source_id else None


def items_of(ctx: MappingContext, source_ids: Iterable[str | None] | None) -> list[str]:
    found = (ctx.item_id(source_id) for source_id in source_ids or [] if source_id)
    return list(dict.fromkeys(item_id for item_id in found if item_id))


def refs_of_type(resource: Resource, ctx: MappingContext, *keys: str) -> list[str]:
    """Source ids among `resource.refs` whose inventory type is one of `keys`."""
    wanted = []
    for ref in resource.refs:
        other = ctx.resource(ref)
        if other is not None and other.key in keys:
            wanted.append(ref)
    return wanted


def linked(resource: Resource, ctx: MappingContext, prop: str, *keys: str) -> list[str]:
    """Plan item ids of the ids in `props[prop]` (a list or one id), else of the refs of type `keys`."""
    value = resource.props.get(prop)
    from_props = items_of(ctx, value if isinstance(value, list) else [value]) if value else []
    return from_props or items_of(ctx, refs_of_type(resource, ctx, *keys))


def linked_one(resource: Resource, ctx: MappingContext, prop: str, *keys: str) -> str | None:
    """The first plan item id `linked` finds, or None."""
    found = linked(resource, ctx, prop, *keys)
    return found[0] if found else None


def optional_int(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


def own_item_id(resource: Resource, ctx: MappingContext) -> str:
    """The resource's own plan item id (notes name it in config keys such as `planner:ami-<item id>`)."""
    return ctx.item_id(resource.id) or resource.id
