"""CloudFront distributions; a global service."""

from __future__ import annotations

import re

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.links import DNS_REF_PREFIX
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register

# bucket.s3.amazonaws.com, bucket.s3.eu-west-1.amazonaws.com, bucket.s3-website-us-east-1.amazonaws.com ...
S3_ORIGIN = re.compile(r"^(?P<bucket>.+?)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$")


def _tags(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    tags = guarded(ctx, lambda: client.list_tags_for_resource(Resource=item["ARN"]), {})
    item["Tags"] = tags.get("Tags", {}).get("Items", [])


def origin_ref(domain_name: str, partition: str) -> str:
    """An S3 origin refers to its bucket's ARN; anything else is resolved by DNS name after the scan."""
    match = S3_ORIGIN.match(domain_name)
    if match:
        return f"arn:{partition}:s3:::{match.group('bucket')}"
    return f"{DNS_REF_PREFIX}{domain_name}"


def _build(item: Item, ctx: JobContext) -> Built:
    origins = [
        {"id": origin.get("Id"), "domain_name": origin.get("DomainName"), "origin_path": origin.get("OriginPath") or ""}
        for origin in item.get("Origins", {}).get("Items", [])
    ]
    certificate = item.get("ViewerCertificate", {}).get("ACMCertificateArn")
    return Built(
        props={
            "domain_name": item.get("DomainName"),
            "dns_name": item.get("DomainName"),
            "aliases": item.get("Aliases", {}).get("Items", []),
            "origins": origins,
            "price_class": item.get("PriceClass"),
            "enabled": bool(item.get("Enabled", False)),
            "certificate_arn": certificate,
            "status": item.get("Status"),
            "http_version": item.get("HttpVersion"),
        },
        refs=[*(origin_ref(origin["domain_name"], ctx.partition) for origin in origins if origin["domain_name"]), certificate],
    )


register(
    ResourceSpec(
        "aws.cloudfront.distribution", "cloudfront", "list_distributions", "DistributionList.Items[]", "Id", _build,
        arn_field="ARN", scope="global", page_size=100, detail=_tags,
    ),
)
