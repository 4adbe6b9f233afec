"""CDN distributions (cdn) -> CloudFront distributions (in us-east-1) with their default behaviour.

An origin that is an inventoried bucket or a rebuilt load balancer points at
the rebuilt one; any other origin keeps the source's domain name.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._alias import alias_target
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import CLOUDFRONT_REGION, common_fields, item_of, linked_one, result
from providers.aws.spec import Spec, _Part


class OriginSpec(_Part):
    origin_id: str
    domain_name: str  # the source origin's domain, used when no item is rebuilt for it
    bucket_item: str | None = None
    load_balancer_item: str | None = None


class DistributionSpec(Spec):
    type: Literal["aws.cloudfront.distribution"] = "aws.cloudfront.distribution"
    enabled: bool = True
    aliases: list[str] = Field(default_factory=list)
    origins: list[OriginSpec] = Field(default_factory=list)
    price_class: str = "PriceClass_All"
    certificate_item: str | None = None


def _bucket_id_of_origin(domain: str, ctx: MappingContext) -> str | None:
    bucket = domain.split(".s3", 1)[0] if ".s3" in domain else None
    if not bucket:
        return None
    source_id = f"arn:aws:s3:::{bucket}"
    return source_id if ctx.resource(source_id) is not None else None


def _origin(raw: dict[str, Any], ctx: MappingContext) -> OriginSpec:
    domain = str(raw.get("domain_name") or "")
    bucket_item = item_of(ctx, _bucket_id_of_origin(domain, ctx))
    lb_item = alias_target(domain, ctx)
    return OriginSpec(
        origin_id=str(raw.get("id") or domain),
        domain_name=domain,
        bucket_item=bucket_item,
        load_balancer_item=lb_item.target_item if lb_item and lb_item.target_type == "lb" else None,
    )


def map_cdn(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    origins = [_origin(raw, ctx) for raw in props.get("origins") or []]
    certificate = linked_one(resource, ctx, "certificate_arn", "aws.acm.certificate")
    spec = DistributionSpec(
        **{**common_fields(resource, ctx), "region": CLOUDFRONT_REGION},
        enabled=bool(props.get("enabled", True)),
        aliases=list(props.get("aliases") or []) if certificate else [],
        origins=origins,
        price_class=str(props.get("price_class") or "PriceClass_All"),
        certificate_item=certificate,
    )
    notes = ["cache behaviours beyond the default, functions and WAF are not inventoried: the default behaviour is rebuilt"]
    if props.get("aliases") and certificate is None:
        notes.append("aliases dropped: CloudFront needs a us-east-1 certificate for them, none is rebuilt here")
    return result("partial", spec, unpriced("CloudFront"), notes)


MAP: dict[str, MapFunction] = {"cdn": map_cdn}
SPECS: tuple[type[Spec], ...] = (DistributionSpec,)
