"""Builds CloudFront distributions (cdn) with the default cache behaviour over their origins.

A rebuilt bucket origin is read through an origin access control (one per
distribution); any other origin is a custom origin on its (rebuilt) domain.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.cdn import DistributionSpec, OriginSpec
from stacks.aws.base import AwsBuilder, AwsGroup

# AWS managed cache policy "CachingOptimized" (CloudFront developer guide, "Use managed cache policies").
CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6"
READ_METHODS = ["GET", "HEAD"]
CUSTOM_ORIGIN = {
    "http_port": 80,
    "https_port": 443,
    "origin_protocol_policy": "match-viewer",
    "origin_ssl_protocols": ["TLSv1.2"],
}

AccessControl = Callable[[], aws.cloudfront.OriginAccessControl]


def _origin(group: AwsGroup, item: PlanItem, origin: OriginSpec, access_control: AccessControl) -> dict[str, Any]:
    if origin.bucket_item and group.registry.built(origin.bucket_item):
        return {
            "origin_id": origin.origin_id,
            "domain_name": group.ref(item, origin.bucket_item, "bucket_regional_domain_name"),
            "origin_access_control_id": access_control().id,
        }
    domain = group.optional_ref(item, origin.load_balancer_item, "dns_name") or origin.domain_name
    return {"origin_id": origin.origin_id, "domain_name": domain, "custom_origin_config": dict(CUSTOM_ORIGIN)}


def _access_control_once(group: AwsGroup, item: PlanItem, spec: DistributionSpec) -> AccessControl:
    """The distribution's S3 origin access control, created the first time a bucket origin asks for it."""
    created: list[aws.cloudfront.OriginAccessControl] = []

    def access_control() -> aws.cloudfront.OriginAccessControl:
        if not created:
            created.append(
                aws.cloudfront.OriginAccessControl(
                    f"{item.id}-oac",
                    name=spec.name,
                    origin_access_control_origin_type="s3",
                    signing_behavior="always",
                    signing_protocol="sigv4",
                    opts=group.opts(spec),
                )
            )
        return created[0]

    return access_control


def _viewer_certificate(certificate_arn: pulumi.Output[Any] | None) -> dict[str, Any]:
    if certificate_arn is None:
        return {"cloudfront_default_certificate": True}
    return {"acm_certificate_arn": certificate_arn, "ssl_support_method": "sni-only", "minimum_protocol_version": "TLSv1.2_2021"}


def _default_cache_behavior(spec: DistributionSpec) -> dict[str, Any]:
    return {
        "target_origin_id": spec.origins[0].origin_id,
        "viewer_protocol_policy": "redirect-to-https",
        "allowed_methods": READ_METHODS,
        "cached_methods": READ_METHODS,
        "cache_policy_id": CACHING_OPTIMIZED_POLICY_ID,
    }


def build_distribution(group: AwsGroup, item: PlanItem, spec: DistributionSpec) -> pulumi.Resource | None:
    access_control = _access_control_once(group, item, spec)
    origins = [_origin(group, item, origin, access_control) for origin in spec.origins]
    if not origins:
        group.manual(item, "the distribution has no inventoried origin", "recreate the distribution with its origins")
        return None
    certificate_arn = group.optional_ref(item, spec.certificate_item, "arn")
    distribution = aws.cloudfront.Distribution(
        item.id,
        enabled=spec.enabled,
        aliases=spec.aliases if certificate_arn is not None else None,
        origins=origins,
        price_class=spec.price_class,
        default_cache_behavior=_default_cache_behavior(spec),
        restrictions={"geo_restriction": {"restriction_type": "none"}},
        viewer_certificate=_viewer_certificate(certificate_arn),
        **group.tagged(spec),
    )
    return group.exporting(item, distribution, domain_name="domain_name")


BUILD: dict[str, AwsBuilder] = {"aws.cloudfront.distribution": build_distribution}
