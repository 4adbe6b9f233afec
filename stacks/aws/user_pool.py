"""Builds Cognito user pools (identity.user_pool) with their sign-in settings and app clients by name. No user is
created; the trigger functions are built later (compute group), so the plan notes say how to wire them."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.user_pool import UserPoolSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def _pool_args(spec: UserPoolSpec) -> dict[str, Any]:
    args: dict[str, Any] = {
        "name": spec.pool_name, "username_attributes": spec.username_attributes or None,
        "alias_attributes": spec.alias_attributes or None,
        "auto_verified_attributes": spec.auto_verified_attributes or None, "mfa_configuration": spec.mfa_configuration,
    }
    if spec.mfa_configuration != "OFF":  # ON/OPTIONAL need a second factor configured: TOTP here
        args["software_token_mfa_configuration"] = {"enabled": True}
    if spec.password_min_length:
        args["password_policy"] = {"minimum_length": spec.password_min_length}
    return args


def build_user_pool(group: AwsGroup, item: PlanItem, spec: UserPoolSpec) -> pulumi.Resource:
    pool = aws.cognito.UserPool(item.id, **_pool_args(spec), **group.tagged(spec))
    for index, client in enumerate(spec.client_names):
        aws.cognito.UserPoolClient(f"{item.id}-client-{index + 1}", name=client, user_pool_id=pool.id, opts=group.opts(spec))
    return group.exporting(item, pool, user_pool_id="id")


BUILD: dict[str, AwsBuilder] = {"aws.cognito.user_pool": build_user_pool}
