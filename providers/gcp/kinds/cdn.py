"""`cdn` -> Cloud CDN on backend buckets behind a global external Application LB, for S3 origins."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._alias import resolve_alias
from providers.gcp.kinds._shared import done, item_of
from providers.gcp.spec import GcpSpec

DISTRIBUTION = "aws.cloudfront.distribution"


# Distribution props that say viewers must present CloudFront signed URLs or cookies (the objects are private).
SIGNED_VIEWER_PROPS = ("trusted_key_groups", "trusted_signers")
# How Cloud CDN reads a backend bucket (Cloud CDN "Use signed URLs", "Set up a backend bucket"): objects served to
# anyone need `allUsers` read on the bucket; for signed URLs/cookies the bucket stays private and the Cloud CDN fill
# service account (service-PROJECT_NUMBER@cloud-cdn-fill.iam.gserviceaccount.com) reads it.
BUCKET_ACCESS_NOTES: dict[str, str] = {
    "public": ("the distribution served its objects to anyone: the bucket grants allUsers roles/storage.objectViewer "
               "(public access prevention 'inherited') so that Cloud CDN can serve it; its objects are also readable "
               "at storage.googleapis.com, where an Origin Access Control kept them private on AWS"),
    "cdn_fill": ("viewers needed signed URLs or cookies: the bucket stays private and the Cloud CDN fill service "
                 "account reads it; a signed URL key is generated (Secret Manager): sign URLs with it"),
}


class CdnSpec(GcpSpec):
    type: Literal["gcp.compute.cdn"] = "gcp.compute.cdn"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('backend_buckets', 'certificates')
    backend_buckets: list[str] = Field(default_factory=list)  # plan item ids of storage.object items
    certificates: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    bucket_access: Literal["public", "cdn_fill"] = "public"  # who reads the backend buckets (BUCKET_ACCESS_NOTES)


def bucket_access(distribution: Resource) -> str:
    return "cdn_fill" if any(distribution.props.get(prop) for prop in SIGNED_VIEWER_PROPS) else "public"


def _origin_buckets(distribution: Resource) -> list[str]:
    """Bucket ARNs of the distribution's S3 origins (an index key: which distributions serve a bucket)."""
    found = [_bucket_arn(str(origin.get("domain_name", ""))) for origin in distribution.props.get("origins") or []]
    return [arn for arn in found if arn]


def served_publicly(bucket: Resource, ctx: MappingContext) -> bool:
    """Whether a CloudFront distribution serves the bucket to anyone (no signed URLs)."""
    return any(bucket_access(d) == "public" for d in index_of(ctx).lookup(_origin_buckets, bucket.id, DISTRIBUTION))


def _bucket_arn(domain: str) -> str | None:
    match = re.match(r"^([a-z0-9.\-_]+?)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com\.?$", domain.lower())
    return f"arn:aws:s3:::{match.group(1)}" if match else None


def _bucket_of_origin(domain: str, ctx: MappingContext) -> Resource | None:
    arn = _bucket_arn(domain)
    return ctx.resource(arn) if arn else None


def map_cdn(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    buckets, others = [], []
    for origin in props.get("origins") or []:
        bucket = _bucket_of_origin(str(origin.get("domain_name", "")), ctx)
        if bucket is not None and ctx.item_id(bucket.id):
            buckets.append(ctx.item_id(bucket.id))
        else:
            target = resolve_alias(str(origin.get("domain_name", "")), ctx)
            others.append(f"{origin.get('domain_name')}" + (f" (enable Cloud CDN on item {ctx.item_id(target.id)}'s "
                                                            "backend service)" if target else " (internet NEG)"))
    notes = ["cache behaviours and policies are not inventoried: set Cloud CDN cache modes by hand",
             f"price class {props.get('price_class')}: Cloud CDN serves from every edge location"]
    if others:
        notes.append("origins not built as backend buckets: " + ", ".join(others))
    if not buckets:
        return manual("no S3 origin to serve from a backend bucket",
                       "enable Cloud CDN on the load balancer backend services or add an internet NEG", notes)
    certificate = item_of(props.get("certificate_arn"), ctx)
    spec = CdnSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), backend_buckets=sorted(set(buckets)),
                   certificates=[certificate] if certificate else [], domains=list(props.get("aliases") or []),
                   bucket_access=bucket_access(resource))  # type: ignore[arg-type]
    notes.append(BUCKET_ACCESS_NOTES[spec.bucket_access])
    priced = pricing.forwarding_rules("us-central1", 1)
    priced.notes.append("Cloud CDN cache egress and lookups are not in the catalog snapshot: not priced")
    return done("partial", spec, notes, priced)


MAP: dict[str, MapFunction] = {"cdn": map_cdn}
SPECS: tuple[type[GcpSpec], ...] = (CdnSpec,)
