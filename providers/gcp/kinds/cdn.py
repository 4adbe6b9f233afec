"""`cdn` -> Cloud CDN on backend buckets behind a global external Application LB, for S3 origins."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._alias import resolve_alias
from providers.gcp.kinds._shared import done, item_of
from providers.gcp.spec import GcpSpec


class CdnSpec(GcpSpec):
    type: Literal["gcp.compute.cdn"] = "gcp.compute.cdn"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('backend_buckets', 'certificates')
    backend_buckets: list[str] = Field(default_factory=list)  # plan item ids of storage.object items
    certificates: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)


def _bucket_of_origin(domain: str, ctx: MappingContext) -> Resource | None:
    match = re.match(r"^([a-z0-9.\-_]+?)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com\.?$", domain.lower())
    if not match:
        return None
    return ctx.resource(f"arn:aws:s3:::{match.group(1)}")


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
                   certificates=[certificate] if certificate else [], domains=list(props.get("aliases") or []))
    priced = pricing.forwarding_rules("us-central1", 1)
    priced.notes.append("Cloud CDN cache egress and lookups are not in the catalog snapshot: not priced")
    return done("partial", spec, notes, priced)


MAP: dict[str, MapFunction] = {"cdn": map_cdn}
SPECS: tuple[type[GcpSpec], ...] = (CdnSpec,)
