"""Builds IAM roles (identity.role) trusting the same services, with their AWS-managed policies attached."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.role import RoleSpec
from stacks.aws._shared import attach_policies, trust_policy
from stacks.aws.base import AwsBuilder, AwsGroup


def build_role(group: AwsGroup, item: PlanItem, spec: RoleSpec) -> pulumi.Resource:
    role = aws.iam.Role(
        item.id,
        name=spec.role_name,
        path=spec.path,
        assume_role_policy=trust_policy(spec.trusted_services),
        **group.tagged(spec),
    )
    attach_policies(group, spec, role, item.id, spec.aws_managed_policy_arns)
    return group.exporting(item, role, role_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.iam.role": build_role}
