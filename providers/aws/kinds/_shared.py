"""What every AWS kind module shares: the fields of every spec, references to other items, the result.

Every reference a spec holds is a plan item id from `ctx.item_id(...)`: these
helpers turn source ids (in the resource's props, else in its refs) into them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from planner.core.contract import MappedTarget, MappingContext
from planner.core.index import index_of
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


# --- references AWS can follow: one region, one VPC ------------------------------------------

CERTIFICATE = "aws.acm.certificate"
DISTRIBUTION = "aws.cloudfront.distribution"
DEFAULT_VPC = "the region's default VPC"  # where AWS places a resource given no subnet


def linked_sources(resource: Resource, ctx: MappingContext, prop: str, *keys: str) -> list[str]:
    """Inventoried source ids in `props[prop]` (a list or one id), else among the refs of type `keys`."""
    value = resource.props.get(prop)
    values = value if isinstance(value, list) else [value]
    from_props = [source_id for source_id in values if source_id and ctx.item_id(source_id)]
    return from_props or [ref for ref in refs_of_type(resource, ctx, *keys) if ctx.item_id(ref)]


def serves_cloudfront(certificate: Resource, ctx: MappingContext) -> bool:
    """Whether CloudFront serves the certificate (ACM's InUseBy, or a distribution naming it)."""
    if any(":cloudfront:" in str(user) for user in certificate.props.get("in_use_by") or []):
        return True
    return bool(index_of(ctx).lookup(_certificate_of, certificate.id, DISTRIBUTION))


def _certificate_of(resource: Resource) -> list[str]:
    return [str(resource.props.get("certificate_arn") or "")]


def rebuilt_region(resource: Resource, ctx: MappingContext) -> str:
    """The region a resource's item is rebuilt in (a certificate CloudFront serves: us-east-1)."""
    if resource.key == CERTIFICATE and serves_cloudfront(resource, ctx):
        return CLOUDFRONT_REGION
    return target_region(resource, ctx)


@dataclass
class Links:
    """A resource's references to other items, kept only where AWS can follow them; `notes` says what is dropped.

    A regional resource can only use resources of its own region (AWS refuses a subnet
    group over another region's subnets, a listener with another region's certificate),
    and what it is placed in shares one VPC: its subnets', or the default VPC's when it
    has none (security groups of another VPC are refused). Global items (IAM, Route 53,
    CloudFront) go with any region.
    """

    resource: Resource
    ctx: MappingContext
    region: str = ""  # the item's own target region; its resource's by default
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.region = self.region or rebuilt_region(self.resource, self.ctx)

    def many(self, prop: str, *keys: str) -> list[str]:
        """Plan item ids of `props[prop]` (else the refs of type `keys`) that are in this item's region."""
        return items_of(self.ctx, self.sources(prop, *keys))

    def one(self, prop: str, *keys: str) -> str | None:
        found = self.many(prop, *keys)
        return found[0] if found else None

    def sources(self, prop: str, *keys: str) -> list[str]:
        return self.in_region(linked_sources(self.resource, self.ctx, prop, *keys))

    def many_of(self, source_ids: Iterable[str | None]) -> list[str]:
        """Plan item ids of the inventoried `source_ids` that are in this item's region."""
        return items_of(self.ctx, self.in_region(source_id for source_id in source_ids if source_id and self.ctx.item_id(source_id)))

    def in_region(self, source_ids: Iterable[str]) -> list[str]:
        """The source ids whose items are rebuilt in this item's region (or are global); a note for each other."""
        kept = []
        for source_id in source_ids:
            other = self.ctx.resource(source_id)
            region = rebuilt_region(other, self.ctx) if other is not None else GLOBAL
            if GLOBAL in (region, self.region) or region == self.region:
                kept.append(source_id)
            else:
                self.notes.append(
                    f"reference to item {self.ctx.item_id(source_id)} dropped: it is rebuilt in {region} and this item "
                    f"in {self.region}; AWS cannot use another region's resource here"
                )
        return kept

    def placement(self, subnet_prop: str, group_prop: str, fallback: list[str] | None = None) -> tuple[list[str], list[str]]:
        """Plan item ids of the subnets (`props[subnet_prop]`, else the source ids `fallback`) and security groups:
        in this region, sharing one VPC."""
        inventoried = [subnet for subnet in fallback or [] if self.ctx.item_id(subnet)]
        given = linked_sources(self.resource, self.ctx, subnet_prop, SUBNET) or inventoried
        subnets = self.in_region(given)
        vpcs = list(dict.fromkeys(vpc for vpc in map(self._vpc_of, subnets) if vpc))
        home = vpcs[0] if vpcs else (DEFAULT_VPC if given else None)
        groups = self.sources(group_prop, SECURITY_GROUP)
        return items_of(self.ctx, self._in_vpc(subnets, home, "subnet")), items_of(self.ctx, self._in_vpc(groups, home, "security group"))

    def _in_vpc(self, source_ids: list[str], home: str | None, what: str) -> list[str]:
        kept = []
        for source_id in source_ids:
            vpc = self._vpc_of(source_id)
            if home is None or vpc in (None, home):
                kept.append(source_id)
            else:
                self.notes.append(
                    f"{what} item {self.ctx.item_id(source_id)} dropped: it belongs to another VPC than the item's "
                    f"placement ({self._vpc_name(home)}); AWS refuses a mix"
                )
        return kept

    def _vpc_of(self, source_id: str) -> str | None:
        """The source id of the VPC a subnet or security group is in (DEFAULT_VPC for a default VPC)."""
        other = self.ctx.resource(source_id)
        vpc_id = other.props.get("vpc_id") if other is not None else None
        vpc = self.ctx.resource(str(vpc_id)) if vpc_id else None
        return DEFAULT_VPC if vpc is not None and vpc.props.get("is_default") else (str(vpc_id) if vpc_id else None)

    def _vpc_name(self, vpc: str) -> str:
        return f"item {self.ctx.item_id(vpc)}" if self.ctx.item_id(vpc) else vpc
