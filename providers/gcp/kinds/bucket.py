"""`storage.object` -> a Cloud Storage bucket: S3 storage classes by minimum storage duration, priced per class."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from planner.core.props import bytes_by_storage_class, mapping_prop
from providers.gcp import catalog, pricing
from providers.gcp.kinds._shared import done, number, region_of
from providers.gcp.kinds.cdn import served_publicly
from providers.gcp.pricing import Priced
from providers.gcp.spec import GcpSpec

# S3 storage class -> Cloud Storage class with the same minimum storage duration.
GCS_CLASS_FOR_S3: dict[str, str] = {
    "STANDARD": "standard", "INTELLIGENT_TIERING": "standard", "REDUCED_REDUNDANCY": "standard",
    "EXPRESS_ONEZONE": "standard", "OUTPOSTS": "standard", "STANDARD_IA": "nearline", "ONEZONE_IA": "nearline",
    "GLACIER_IR": "coldline", "GLACIER": "coldline", "DEEP_ARCHIVE": "archive",
}


class WebsiteSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    main_page_suffix: str = "index.html"
    not_found_page: str = "404.html"


class BucketSpec(GcpSpec):
    type: Literal["gcp.storage.bucket"] = "gcp.storage.bucket"
    location: str
    storage_class: str = "STANDARD"
    versioning: bool = False
    website: WebsiteSpec | None = None
    public_read: bool = False  # allUsers may read objects: a static website, or a bucket a CDN serves to anyone


def _bucket_priced(props: dict[str, Any], location: str) -> Priced:
    by_class = bytes_by_storage_class(props)
    total = Priced()
    for s3_class, size in sorted(by_class.items()):
        gcs_class = GCS_CLASS_FOR_S3.get(s3_class, "standard")
        gb = pricing.bytes_to_gb(number(size))
        total.add(pricing.per_unit(catalog.gcs_rate(gcs_class, location), gb, f"{s3_class} -> GCS {gcs_class}",
                                   f"no GCS {gcs_class} rate for {location} in the catalog snapshot"))
    if props.get("size_source") in (None, "unknown", "listing-truncated"):
        total.notes.append(f"bucket size source is {props.get('size_source') or 'unknown'}: the storage price may be low")
    total.notes.append("operations and egress are usage-based and not priced")
    return total


def map_bucket(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    region = region_of(resource, ctx)
    website = bool(props.get("website"))
    by_cdn = served_publicly(resource, ctx)
    spec = BucketSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), location=region.upper(),
                      versioning=props.get("versioning") == "Enabled",
                      website=WebsiteSpec() if website else None, public_read=website or by_cdn)
    notes = ["bucket names are global: if the name is taken, choose another",
             "objects copy with Storage Transfer Service (S3 source); bucket policies and ACLs become IAM bindings (manual)"]
    classes = sorted({GCS_CLASS_FOR_S3.get(c, "standard") for c in mapping_prop(props, "storage_class_bytes")} - {"standard"})
    if classes:
        notes.append(f"objects in colder S3 classes map to GCS {', '.join(classes)}: set per object or with lifecycle rules")
    if props.get("versioning") == "Suspended":
        notes.append("versioning was suspended at the source: left off")
    if by_cdn:
        notes.append("a CloudFront distribution served it to anyone: allUsers may read its objects (Cloud CDN "
                     "backend buckets read public objects); see the cdn item")
    elif website:
        notes.append("static website: S3 website endpoints serve public objects only, so allUsers may read its objects")
    if website:
        notes.append("static website: index/error documents default to index.html/404.html (the S3 website "
                     "configuration is not inventoried); HTTPS and a custom domain need a load balancer with a backend bucket")
    return done("partial" if website else "mapped", spec, notes, _bucket_priced(props, region))


MAP: dict[str, MapFunction] = {"storage.object": map_bucket}
SPECS: tuple[type[GcpSpec], ...] = (BucketSpec,)
