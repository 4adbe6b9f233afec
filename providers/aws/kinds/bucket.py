"""Object storage (storage.object) -> S3 buckets with their versioning, website and default encryption, priced by storage class.

A new bucket is encrypted with SSE-S3 by default (S3 since January 2023); a source
encrypted with SSE-KMS keeps SSE-KMS, with the rebuilt customer key when it had one.
"""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from planner.core.props import bytes_by_storage_class
from providers.aws import catalog
from providers.aws.kinds._encryption import kms_key_item
from providers.aws.kinds._pricing import Priced
from providers.aws.kinds._shared import Links, common_fields, result
from providers.aws.spec import Spec
from providers.common.catalog import GIB

SSE_ALGORITHMS = ("AES256", "aws:kms", "aws:kms:dsse")  # S3 PutBucketEncryption SSEAlgorithm values
KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")


class BucketSpec(Spec):
    type: Literal["aws.s3.bucket"] = "aws.s3.bucket"
    bucket: str
    versioning: Literal["Enabled", "Suspended", "Disabled"] = "Disabled"
    website: bool = False
    website_index_document: str = "index.html"
    sse_algorithm: Literal["AES256", "aws:kms", "aws:kms:dsse"] | None = None  # None: S3's default, SSE-S3
    kms_key_item: str | None = None  # None with SSE-KMS: the AWS-managed key aws/s3


def _price_storage(resource: Resource, region: str) -> Priced:
    """The bytes of each storage class (all STANDARD when the inventory has only a total)."""
    props = resource.props
    priced = Priced()
    by_class = bytes_by_storage_class(props)
    for storage_class, size in sorted(by_class.items()):
        gb = round(float(size or 0) / GIB, 3)
        priced.add_rate(*catalog.s3_rate(storage_class, region), quantity=gb, what=f"S3 {storage_class}")
    priced.notes.append("S3 requests are not priced: request counts are not inventoried")
    return priced


def map_object(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    region = ctx.target_region(resource.region)
    versioning = str(props.get("versioning") or "Disabled")
    sse = props.get("encryption") if props.get("encryption") in SSE_ALGORITHMS else None
    key, key_notes = kms_key_item(resource, ctx, Links(resource, ctx)) if sse in KMS_ALGORITHMS else (None, [])
    spec = BucketSpec(
        **common_fields(resource, ctx),
        bucket=ctx.target_name(resource),
        versioning=versioning if versioning in ("Enabled", "Suspended") else "Disabled",
        website=bool(props.get("website")),
        sse_algorithm=sse,
        kms_key_item=key,
    )
    priced = _price_storage(resource, region)
    notes = ["bucket names are global: the source name stays taken until the old bucket is deleted"]
    if spec.website:
        notes.append("website index/error documents are not inventoried: index.html assumed")
    notes += key_notes
    return result("partial" if spec.website else "mapped", spec, priced, notes)


MAP: dict[str, MapFunction] = {"storage.object": map_object}
SPECS: tuple[type[Spec], ...] = (BucketSpec,)
