"""Security: IAM roles, KMS keys, Secrets Manager secrets (no values), EC2 key pairs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws import specs as s
from stacks.aws.base import AwsBuilder, AwsGroup, AwsGroupArgs

PLANNER_CONFIG = "planner"


@dataclass
class SecurityArgs(AwsGroupArgs):
    """Items of the `security` group."""


def trust_policy(services: list[str]) -> str:
    """An assume-role policy that trusts the given AWS service principals."""
    statements = [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"} for service in sorted(services)
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, sort_keys=True)


def build_role(group: AwsGroup, item: PlanItem, spec: s.RoleSpec) -> pulumi.Resource:
    role = aws.iam.Role(
        item.id,
        name=spec.role_name,
        path=spec.path,
        assume_role_policy=trust_policy(spec.trusted_services),
        tags=spec.tags,
        opts=group.opts(spec),
    )
    for arn in spec.aws_managed_policy_arns:
        aws.iam.RolePolicyAttachment(
            f"{item.id}-{arn.rsplit('/', 1)[-1].lower()}", role=role.name, policy_arn=arn, opts=group.opts(spec)
        )
    group.export(item, "role_arn", role.arn)
    return role


def build_kms_key(group: AwsGroup, item: PlanItem, spec: s.KmsKeySpec) -> pulumi.Resource:
    key = aws.kms.Key(
        item.id,
        description=f"{spec.name} (rebuilt by planner)",
        key_usage=spec.key_usage,
        customer_master_key_spec=spec.key_spec,
        enable_key_rotation=spec.key_spec == "SYMMETRIC_DEFAULT",
        tags=spec.tags,
        opts=group.opts(spec),
    )
    for index, alias in enumerate(spec.aliases, start=1):
        aws.kms.Alias(f"{item.id}-alias-{index}", name=alias, target_key_id=key.key_id, opts=group.opts(spec))
    group.export(item, "key_arn", key.arn)
    return key


def build_secret(group: AwsGroup, item: PlanItem, spec: s.SecretSpec) -> pulumi.Resource:
    secret = aws.secretsmanager.Secret(
        item.id,
        name=spec.secret_name,
        kms_key_id=group.optional_ref(item, spec.kms_key_item, "arn"),
        description="value to be copied from the source account by the operator",
        tags=spec.tags,
        opts=group.opts(spec),
    )
    group.export(item, "secret_arn", secret.arn)
    return secret


def build_key_pair(group: AwsGroup, item: PlanItem, spec: s.KeyPairSpec) -> pulumi.Resource | None:
    config_key = f"publicKey-{item.id}"
    public_key = pulumi.Config(PLANNER_CONFIG).get(config_key)
    if not public_key:
        group.manual(
            item,
            f"key pair {spec.key_name!r}: the public key is not in the inventory and config {PLANNER_CONFIG}:{config_key} is not set",
            f"`pulumi config set {PLANNER_CONFIG}:{config_key} \"$(cat key.pub)\"` and run again",
        )
        return None
    return aws.ec2.KeyPair(item.id, key_name=spec.key_name, public_key=public_key, tags=spec.tags, opts=group.opts(spec))


class Security(AwsGroup):
    group = "security"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = {
        "aws.iam.role": build_role,
        "aws.kms.key": build_kms_key,
        "aws.secretsmanager.secret": build_secret,
        "aws.ec2.key_pair": build_key_pair,
    }
