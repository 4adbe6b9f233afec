"""Builds CloudFront distributions (cdn) with the default cache behaviour over their origins.

A rebuilt bucket origin is read through an origin access control (one per
distribution), and the bucket's policy grants `cloudfront.amazonaws.com`
`s3:GetObject` on its objects with `AWS:SourceArn` = the distribution (CloudFront
developer guide, "Restricting access to an Amazon S3 origin"); without it every
request answers 403. The policy is one document per bucket (`s3.BucketPolicy`
replaces it), written once the group is built, with a statement per distribution.
Any other origin is a custom origin on its (rebuilt) domain.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.cdn import DistributionSpec, OriginSpec
from stacks.aws._shared import certificate_arn
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
# A load balancer reached by its *.elb.amazonaws.com name holds no certificate for that name: over HTTPS
# CloudFront's origin check fails (502), so the source could only have used HTTP to it.
LOAD_BALANCER_ORIGIN = {**CUSTOM_ORIGIN, "origin_protocol_policy": "http-only"}
CLOUDFRONT_PRINCIPAL = "cloudfront.amazonaws.com"
POLICY_VERSION = "2012-10-17"
GRANTS = "_cdn_bucket_grants"  # on the group: bucket item -> (its spec, the distributions' ARNs) to grant

AccessControl = Callable[[], aws.cloudfront.OriginAccessControl]


def _origin(group: AwsGroup, item: PlanItem, origin: OriginSpec, access_control: AccessControl) -> dict[str, Any]:
    if origin.bucket_item and group.registry.built(origin.bucket_item):
        return {
            "origin_id": origin.origin_id,
            "domain_name": group.ref(item, origin.bucket_item, "bucket_regional_domain_name"),
            "origin_access_control_id": access_control().id,
        }
    balancer_dns = group.optional_ref(item, origin.load_balancer_item, "dns_name")
    config = LOAD_BALANCER_ORIGIN if balancer_dns is not None else CUSTOM_ORIGIN
    return {"origin_id": origin.origin_id, "domain_name": balancer_dns or origin.domain_name, "custom_origin_config": dict(config)}


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


def _viewer_certificate(validated_arn: pulumi.Output[Any] | None) -> dict[str, Any]:
    if validated_arn is None:
        return {"cloudfront_default_certificate": True}
    return {"acm_certificate_arn": validated_arn, "ssl_support_method": "sni-only", "minimum_protocol_version": "TLSv1.2_2021"}


def _default_cache_behavior(spec: DistributionSpec) -> dict[str, Any]:
    return {
        "target_origin_id": spec.origins[0].origin_id,
        "viewer_protocol_policy": "redirect-to-https",
        "allowed_methods": READ_METHODS,
        "cached_methods": READ_METHODS,
        "cache_policy_id": CACHING_OPTIMIZED_POLICY_ID,
    }


# --- the buckets' policies ----------------------------------------------------------------------


def _grant_reads(group: AwsGroup, spec: DistributionSpec, distribution: aws.cloudfront.Distribution) -> None:
    """Note that the distribution reads its rebuilt bucket origins; the policies are written after the group."""
    grants: dict[str, list[pulumi.Output[str]]] | None = getattr(group, GRANTS, None)
    if grants is None:
        grants = {}
        setattr(group, GRANTS, grants)
        group.after_all.append(lambda: _write_bucket_policies(group, grants))
    for origin in spec.origins:
        if origin.bucket_item and group.registry.built(origin.bucket_item):
            grants.setdefault(origin.bucket_item, []).append(distribution.arn)


def _read_statement(bucket_arn: pulumi.Output[str], distribution_arn: pulumi.Output[str]) -> dict[str, Any]:
    return {
        "Effect": "Allow",
        "Principal": {"Service": CLOUDFRONT_PRINCIPAL},
        "Action": "s3:GetObject",
        "Resource": pulumi.Output.concat(bucket_arn, "/*"),
        "Condition": {"StringEquals": {"AWS:SourceArn": distribution_arn}},
    }


def _write_bucket_policies(group: AwsGroup, grants: dict[str, list[pulumi.Output[str]]]) -> None:
    for bucket_item, distribution_arns in grants.items():
        bucket = group.registry.resource(bucket_item, wanted_by=bucket_item, expected=aws.s3.Bucket)
        statements = [_read_statement(bucket.arn, arn) for arn in distribution_arns]
        aws.s3.BucketPolicy(
            f"{bucket_item}-cdn-policy",
            bucket=bucket.id,
            policy=pulumi.Output.json_dumps({"Version": POLICY_VERSION, "Statement": statements}),
            opts=group.opts(group.spec_of_id(bucket_item)),  # in the bucket's region
        )


def build_distribution(group: AwsGroup, item: PlanItem, spec: DistributionSpec) -> pulumi.Resource | None:
    access_control = _access_control_once(group, item, spec)
    origins = [_origin(group, item, origin, access_control) for origin in spec.origins]
    if not origins:
        group.manual(item, "the distribution has no inventoried origin", "recreate the distribution with its origins")
        return None
    validated_arn = certificate_arn(group, item, spec.certificate_item)
    distribution = aws.cloudfront.Distribution(
        item.id,
        enabled=spec.enabled,
        aliases=spec.aliases if validated_arn is not None else None,
        origins=origins,
        price_class=spec.price_class,
        default_root_object=spec.default_root_object,
        default_cache_behavior=_default_cache_behavior(spec),
        restrictions={"geo_restriction": {"restriction_type": "none"}},
        viewer_certificate=_viewer_certificate(validated_arn),
        **group.tagged(spec),
    )
    _grant_reads(group, spec, distribution)
    return group.exporting(item, distribution, domain_name="domain_name")


BUILD: dict[str, AwsBuilder] = {"aws.cloudfront.distribution": build_distribution}
