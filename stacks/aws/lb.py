"""Builds load balancers (lb): ALB/NLB/GWLB or Classic Load Balancers, and their listeners (lb.listener).

A TLS listener without a rebuilt certificate is manual; one whose default
action was not inventoried answers a fixed 503.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.lb import ClassicLoadBalancerSpec, ListenerSpec, LoadBalancerSpec
from stacks.aws._shared import LB_NAME_MAX, certificate_arn, short_name
from stacks.aws.base import AwsBuilder, AwsGroup

TLS_PROTOCOLS = frozenset({"HTTPS", "TLS"})
NOT_CONFIGURED = {"content_type": "text/plain", "status_code": "503", "message_body": "not configured yet"}


def _balancer_args(
    group: AwsGroup, item: PlanItem, spec: LoadBalancerSpec | ClassicLoadBalancerSpec
) -> dict[str, Any]:
    """What an ALB/NLB and a Classic Load Balancer are both given: name, scheme, subnets, groups, tags."""
    return {
        "name": short_name(spec.name, LB_NAME_MAX),
        "internal": spec.internal,
        "subnets": group.refs(item, spec.subnet_items),
        "security_groups": group.refs(item, spec.security_group_items) or None,
        **group.tagged(spec),
    }


def build_load_balancer(group: AwsGroup, item: PlanItem, spec: LoadBalancerSpec) -> pulumi.Resource:
    balancer = aws.lb.LoadBalancer(
        item.id, load_balancer_type=spec.load_balancer_type, **_balancer_args(group, item, spec)
    )
    return group.exporting(item, balancer, dns_name="dns_name")


def build_classic_load_balancer(group: AwsGroup, item: PlanItem, spec: ClassicLoadBalancerSpec) -> pulumi.Resource:
    listeners = [listener.model_dump() for listener in spec.listeners]
    balancer = aws.elb.LoadBalancer(item.id, listeners=listeners, **_balancer_args(group, item, spec))
    return group.exporting(item, balancer, dns_name="dns_name")


def _default_action(group: AwsGroup, item: PlanItem, spec: ListenerSpec) -> dict[str, Any]:
    target_group_arn = group.optional_ref(item, spec.target_group_item, "arn")
    if spec.default_action == "forward" and target_group_arn is not None:
        return {"type": "forward", "target_group_arn": target_group_arn}
    return {"type": "fixed-response", "fixed_response": dict(NOT_CONFIGURED)}


def build_listener(group: AwsGroup, item: PlanItem, spec: ListenerSpec) -> pulumi.Resource | None:
    validated_arn = certificate_arn(group, item, spec.certificate_item)
    if spec.protocol.upper() in TLS_PROTOCOLS and validated_arn is None:
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
        certificate_arn=validated_arn,
        default_actions=[_default_action(group, item, spec)],
        **group.tagged(spec),
    )


BUILD: dict[str, AwsBuilder] = {
    "aws.lb.load_balancer": build_load_balancer,
    "aws.elb.load_balancer": build_classic_load_balancer,
    "aws.lb.listener": build_listener,
}
