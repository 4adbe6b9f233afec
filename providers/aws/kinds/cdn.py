"""CDN distributions (cdn) -> CloudFront distributions (in us-east-1) with their default behaviour.

An origin that is an inventoried bucket or a rebuilt load balancer points at
the rebuilt one; any other origin keeps the source's domain name. A bucket is
read through an origin access control and the REST endpoint (OAC cannot sign
for a website endpoint), so a website bucket's index document becomes the
default root object.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._alias import alias_target
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import CERTIFICATE, CLOUDFRONT_REGION, common_fields, item_of, linked_one, result
from providers.aws.spec import Spec, _Part

WEBSITE_ENDPOINT = ".s3-website"  # bucket.s3-website-<region>.amazonaws.com / bucket.s3-website.<region>...
WEBSITE_INDEX_DOCUMENT = "index.html"  # the bucket mapping assumes it too (index documents are not inventoried)
KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")


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
    default_root_object: str | None = None


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


def _origin_notes(raw_origins: list[dict[str, Any]], ctx: MappingContext) -> list[str]:
    """What differs for bucket origins: a website endpoint read as REST, objects under a KMS key."""
    notes = []
    for raw in raw_origins:
        domain = str(raw.get("domain_name") or "")
        bucket = ctx.resource(_bucket_id_of_origin(domain, ctx) or "")
        if bucket is None:
            continue
        if WEBSITE_ENDPOINT in domain:
            notes.append(f"origin {domain} was a website endpoint: rebuilt as the bucket's REST endpoint behind an origin "
                         "access control; the root serves index.html, index documents of subfolders and redirect rules do not")
        if bucket.props.get("encryption") in KMS_ALGORITHMS:
            notes.append(f"bucket of origin {domain} is encrypted with SSE-KMS: the key's policy must let "
                         "cloudfront.amazonaws.com kms:Decrypt (an AWS-managed aws/s3 key cannot: use a customer key)")
    return notes


def map_cdn(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    raw_origins = props.get("origins") or []
    origins = [_origin(raw, ctx) for raw in raw_origins]
    certificate = linked_one(resource, ctx, "certificate_arn", CERTIFICATE)
    first_domain = str((raw_origins[0] if raw_origins else {}).get("domain_name") or "")
    spec = DistributionSpec(
        **{**common_fields(resource, ctx), "region": CLOUDFRONT_REGION},
        enabled=bool(props.get("enabled", True)),
        aliases=list(props.get("aliases") or []) if certificate else [],
        origins=origins,
        price_class=str(props.get("price_class") or "PriceClass_All"),
        certificate_item=certificate,
        default_root_object=WEBSITE_INDEX_DOCUMENT if WEBSITE_ENDPOINT in first_domain and origins[0].bucket_item else None,
    )
    notes = ["cache behaviours beyond the default, functions and WAF are not inventoried: the default behaviour is rebuilt"]
    if props.get("aliases") and certificate is None:
        notes.append("aliases dropped: CloudFront needs a us-east-1 certificate for them, none is rebuilt here")
    if any(origin.load_balancer_item for origin in origins):
        notes.append("load balancer origins are reached over HTTP: their *.elb.amazonaws.com name has no certificate")
    return result("partial", spec, unpriced("CloudFront"), [*notes, *_origin_notes(raw_origins, ctx)])


MAP: dict[str, MapFunction] = {"cdn": map_cdn}
SPECS: tuple[type[Spec], ...] = (DistributionSpec,)
