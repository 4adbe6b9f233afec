"""Edge: certificates, load balancers, listeners, target groups, Route 53, CloudFront.

Instance targets of target groups and classic load balancers are attached by the
compute group (the instances are built after this group).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws import specs as s
from stacks.aws.base import AwsBuilder, AwsGroup, AwsGroupArgs

LB_NAME_MAX = 32  # ELB load balancer and target group names
TLS_PROTOCOLS = frozenset({"HTTPS", "TLS"})
# AWS managed cache policy "CachingOptimized" (CloudFront developer guide, "Use managed cache policies").
CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6"
READ_METHODS = ["GET", "HEAD"]


@dataclass
class EdgeArgs(AwsGroupArgs):
    """Items of the `edge` group."""


def _lb_name(name: str) -> str:
    return name[:LB_NAME_MAX].rstrip("-")


def build_certificate(group: AwsGroup, item: PlanItem, spec: s.CertificateSpec) -> pulumi.Resource:
    certificate = aws.acm.Certificate(
        item.id,
        domain_name=spec.domain_name,
        subject_alternative_names=spec.subject_alternative_names or None,
        validation_method=spec.validation_method,
        tags=spec.tags,
        opts=group.opts(spec),
    )
    group.export(item, "validation_records", certificate.domain_validation_options)
    return certificate


def build_target_group(group: AwsGroup, item: PlanItem, spec: s.TargetGroupSpec) -> pulumi.Resource:
    health_check = {key: value for key, value in {"path": spec.health_check_path, "port": spec.health_check_port}.items() if value}
    return aws.lb.TargetGroup(
        item.id,
        name=_lb_name(spec.name),
        port=spec.port,
        protocol=spec.protocol,
        target_type=spec.target_type,
        vpc_id=group.optional_ref(item, spec.vpc_item),
        health_check=health_check or None,
        tags=spec.tags,
        opts=group.opts(spec),
    )


def _balancer_args(
    group: AwsGroup, item: PlanItem, spec: s.LoadBalancerSpec | s.ClassicLoadBalancerSpec
) -> dict[str, Any]:
    """What an ALB/NLB and a Classic Load Balancer are both given: name, scheme, subnets, groups, tags."""
    return {
        "name": _lb_name(spec.name),
        "internal": spec.internal,
        "subnets": group.refs(item, spec.subnet_items),
        "security_groups": group.refs(item, spec.security_group_items) or None,
        "tags": spec.tags,
        "opts": group.opts(spec),
    }


def build_load_balancer(group: AwsGroup, item: PlanItem, spec: s.LoadBalancerSpec) -> pulumi.Resource:
    balancer = aws.lb.LoadBalancer(
        item.id, load_balancer_type=spec.load_balancer_type, **_balancer_args(group, item, spec)
    )
    group.export(item, "dns_name", balancer.dns_name)
    return balancer


def build_classic_load_balancer(group: AwsGroup, item: PlanItem, spec: s.ClassicLoadBalancerSpec) -> pulumi.Resource:
    listeners = [listener.model_dump() for listener in spec.listeners]
    balancer = aws.elb.LoadBalancer(item.id, listeners=listeners, **_balancer_args(group, item, spec))
    group.export(item, "dns_name", balancer.dns_name)
    return balancer


def _default_action(group: AwsGroup, item: PlanItem, spec: s.ListenerSpec) -> dict[str, Any]:
    target_group_arn = group.optional_ref(item, spec.target_group_item, "arn")
    if spec.default_action == "forward" and target_group_arn is not None:
        return {"type": "forward", "target_group_arn": target_group_arn}
    return {
        "type": "fixed-response",
        "fixed_response": {"content_type": "text/plain", "status_code": "503", "message_body": "not configured yet"},
    }


def build_listener(group: AwsGroup, item: PlanItem, spec: s.ListenerSpec) -> pulumi.Resource | None:
    certificate_arn = group.optional_ref(item, spec.certificate_item, "arn")
    if spec.protocol.upper() in TLS_PROTOCOLS and certificate_arn is None:
        group.manual(
            item,
            f"{spec.protocol} listener on port {spec.port} has no certificate rebuilt by this plan",
            "issue or import a certificate, then add the listener",
        )
        return None
    return aws.lb.Listener(
        item.id,
        load_balancer_arn=group.ref(item, spec.load_balancer_item, "arn"),
        port=spec.port,
        protocol=spec.protocol,
        certificate_arn=certificate_arn,
        default_actions=[_default_action(group, item, spec)],
        tags=spec.tags,
        opts=group.opts(spec),
    )


def build_zone(group: AwsGroup, item: PlanItem, spec: s.HostedZoneSpec) -> pulumi.Resource:
    vpcs = [{"vpc_id": vpc_id} for vpc_id in group.refs(item, spec.vpc_items)] if spec.private else None
    zone = aws.route53.Zone(item.id, name=spec.zone_name, vpcs=vpcs or None, tags=spec.tags, opts=group.opts(spec))
    group.export(item, "name_servers", zone.name_servers)
    return zone


ALIAS_ATTRIBUTES: dict[str, tuple[str, str]] = {  # alias target type -> (DNS name output, hosted zone output)
    "lb": ("dns_name", "zone_id"),
    "cdn": ("domain_name", "hosted_zone_id"),
}


def build_record(group: AwsGroup, item: PlanItem, spec: s.DnsRecordSpec) -> pulumi.Resource:
    records: list[Any] = list(spec.values)
    if spec.cname_target is not None:
        records = [group.ref(item, spec.cname_target.target_item, ALIAS_ATTRIBUTES[spec.cname_target.target_type][0])]
    target: dict[str, Any] = {"ttl": spec.ttl, "records": records}
    if spec.alias is not None:
        name_output, zone_output = ALIAS_ATTRIBUTES[spec.alias.target_type]
        target = {
            "aliases": [
                {
                    "name": group.ref(item, spec.alias.target_item, name_output),
                    "zone_id": group.ref(item, spec.alias.target_item, zone_output),
                    "evaluate_target_health": spec.alias.evaluate_target_health,
                }
            ]
        }
    return aws.route53.Record(
        item.id,
        zone_id=group.ref(item, spec.zone_item, "zone_id"),
        name=spec.record_name,
        type=spec.record_type,
        set_identifier=spec.set_identifier,
        **target,
        opts=group.opts(spec),
    )


def _origin(group: AwsGroup, item: PlanItem, spec: s.DistributionSpec, origin: s.OriginSpec, access_control: Any) -> dict[str, Any]:
    if origin.bucket_item and group.registry.built(origin.bucket_item):
        return {
            "origin_id": origin.origin_id,
            "domain_name": group.ref(item, origin.bucket_item, "bucket_regional_domain_name"),
            "origin_access_control_id": access_control().id,
        }
    domain = group.optional_ref(item, origin.load_balancer_item, "dns_name") or origin.domain_name
    return {
        "origin_id": origin.origin_id,
        "domain_name": domain,
        "custom_origin_config": {
            "http_port": 80,
            "https_port": 443,
            "origin_protocol_policy": "match-viewer",
            "origin_ssl_protocols": ["TLSv1.2"],
        },
    }


def build_distribution(group: AwsGroup, item: PlanItem, spec: s.DistributionSpec) -> pulumi.Resource:
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

    origins = [_origin(group, item, spec, origin, access_control) for origin in spec.origins]
    if not origins:
        group.manual(item, "the distribution has no inventoried origin", "recreate the distribution with its origins")
        return None  # type: ignore[return-value]
    certificate_arn = group.optional_ref(item, spec.certificate_item, "arn")
    viewer_certificate = (
        {"acm_certificate_arn": certificate_arn, "ssl_support_method": "sni-only", "minimum_protocol_version": "TLSv1.2_2021"}
        if certificate_arn is not None
        else {"cloudfront_default_certificate": True}
    )
    distribution = aws.cloudfront.Distribution(
        item.id,
        enabled=spec.enabled,
        aliases=spec.aliases if certificate_arn is not None else None,
        origins=origins,
        price_class=spec.price_class,
        default_cache_behavior={
            "target_origin_id": spec.origins[0].origin_id,
            "viewer_protocol_policy": "redirect-to-https",
            "allowed_methods": READ_METHODS,
            "cached_methods": READ_METHODS,
            "cache_policy_id": CACHING_OPTIMIZED_POLICY_ID,
        },
        restrictions={"geo_restriction": {"restriction_type": "none"}},
        viewer_certificate=viewer_certificate,
        tags=spec.tags,
        opts=group.opts(spec),
    )
    group.export(item, "domain_name", distribution.domain_name)
    return distribution


class Edge(AwsGroup):
    group = "edge"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = {
        "aws.acm.certificate": build_certificate,
        "aws.lb.target_group": build_target_group,
        "aws.lb.load_balancer": build_load_balancer,
        "aws.elb.load_balancer": build_classic_load_balancer,
        "aws.lb.listener": build_listener,
        "aws.route53.zone": build_zone,
        "aws.route53.record": build_record,
        "aws.cloudfront.distribution": build_distribution,
    }
