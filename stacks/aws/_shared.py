"""Builder helpers several AWS kind modules share: images and key pairs, IAM roles, subnet groups, names.

Each is used by the builders of more than one kind (an instance and a launch
template both launch an image with a key pair; a function and an EKS cluster
both get a service role when the plan rebuilds none; RDS and ElastiCache both
place their nodes through a subnet group).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds._image import ImageChoice
from providers.aws.spec import Spec
from stacks.aws.base import AwsGroup

PLANNER_CONFIG = "planner"
AWS_POLICY = "arn:aws:iam::aws:policy/"
LB_NAME_MAX = 32  # ELB load balancer and target group names

SubnetGroupClass = type[aws.rds.SubnetGroup] | type[aws.elasticache.SubnetGroup]


def planner_setting(key: str) -> str | None:
    """The stack config `planner:<key>` the operator sets (an AMI id, a public key), or None."""
    return pulumi.Config(PLANNER_CONFIG).get(key)


# --- instances and launch templates -----------------------------------------------------------


def image_id(item: PlanItem, image: ImageChoice) -> str:
    """The operator's AMI (config `planner:ami-<item id>`, or the spec), else the SSM public parameter."""
    configured = planner_setting(f"ami-{item.id}")
    return configured or image.ami or f"resolve:ssm:{image.ssm_parameter}"


def key_name(group: AwsGroup, item: PlanItem, key_pair_item: str | None) -> pulumi.Output[str] | None:
    if key_pair_item is None or not group.registry.built(key_pair_item):
        return None  # a key pair without its public key is listed as manual by the security group
    return group.ref(item, key_pair_item, "key_name")


# --- IAM ------------------------------------------------------------------------------------------


def trust_policy(services: list[str]) -> str:
    """An assume-role policy that trusts the given AWS service principals."""
    statements = [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"} for service in sorted(services)
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, sort_keys=True)


def attach_policies(group: AwsGroup, spec: Spec, role: aws.iam.Role, name_prefix: str, policy_arns: Iterable[str]) -> None:
    """One `RolePolicyAttachment` per policy, named `<name_prefix>-<policy name in lower case>`."""
    for policy_arn in policy_arns:
        aws.iam.RolePolicyAttachment(
            f"{name_prefix}-{policy_arn.rsplit('/', 1)[-1].lower()}", role=role.name, policy_arn=policy_arn, opts=group.opts(spec)
        )


def service_role(group: AwsGroup, item: PlanItem, spec: Spec, suffix: str, service: str, policies: tuple[str, ...]) -> aws.iam.Role:
    """A role for a service principal with AWS-managed policies (when the plan rebuilds none)."""
    role = aws.iam.Role(f"{item.id}-{suffix}", assume_role_policy=trust_policy([service]), **group.tagged(spec))
    attach_policies(group, spec, role, f"{item.id}-{suffix}", policies)
    return role


def role_arn(group: AwsGroup, item: PlanItem, spec: Any, suffix: str, service: str, policies: tuple[str, ...]) -> pulumi.Output[str]:
    """The ARN of the spec's rebuilt role, else of a new service role."""
    existing = group.optional_ref(item, spec.role_item, "arn")
    return existing if existing is not None else service_role(group, item, spec, suffix, service, policies).arn


# --- placement and names --------------------------------------------------------------------------


def subnet_group(group: AwsGroup, item: PlanItem, spec: Any, kind: SubnetGroupClass) -> pulumi.Output[str] | None:
    """The name of a new RDS or ElastiCache subnet group over the item's subnets (None without subnets)."""
    subnet_ids = group.refs(item, spec.subnet_items)
    if not subnet_ids:
        return None
    return kind(f"{item.id}-subnets", name=spec.name, subnet_ids=subnet_ids, **group.tagged(spec)).name


def elastic_ip(group: AwsGroup, item: PlanItem, spec: Spec, name: str) -> aws.ec2.Eip:
    """A new VPC Elastic IP, its address exported as the item's `public_ip`."""
    address = aws.ec2.Eip(name, domain="vpc", **group.name_tagged(spec))
    group.export(item, "public_ip", address.public_ip)
    return address


def short_name(name: str, most: int) -> str:
    """`name` cut to the `most` characters a service allows, without a trailing hyphen."""
    return name[:most].rstrip("-")


# --- certificates -----------------------------------------------------------------------------

VALIDATED = "validated"  # registry role of a certificate's acm.CertificateValidation (stacks/aws/cert.py)


def certificate_arn(group: AwsGroup, item: PlanItem, certificate_item: str | None) -> pulumi.Output[str] | None:
    """A rebuilt certificate's ARN as its CertificateValidation gives it: a user of it waits until ACM issues it."""
    if group.optional_ref(item, certificate_item, "arn") is None:
        return None
    return group.ref(item, str(certificate_item), "certificate_arn", role=VALIDATED)
