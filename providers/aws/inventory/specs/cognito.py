"""Cognito user pools: sign-in settings, the estimated user count, Lambda triggers and app client names.

DescribeUserPool has no secret material; app clients are read with ListUserPoolClients
only (names and ids): DescribeUserPoolClient would return the client secret and is never called.
"""

from __future__ import annotations

from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register

CLIENTS_PER_PAGE = 60  # ListUserPoolClients' largest page


def _pool_arn(item: Item, ctx: JobContext) -> str:
    return str(item.get("_pool", {}).get("Arn") or ctx.arn("cognito-idp", f"userpool/{item['Id']}"))


def _client_names(ctx: JobContext, pool_id: str) -> list[str]:
    paginator = ctx.client().get_paginator("list_user_pool_clients")
    pages = guarded(ctx, lambda: list(paginator.paginate(UserPoolId=pool_id, PaginationConfig={"PageSize": CLIENTS_PER_PAGE})), [])
    return sorted(str(client.get("ClientName")) for page in pages for client in page.get("UserPoolClients", []))


def _describe(ctx: JobContext, item: Item) -> None:
    pool_id = item["Id"]
    item["_pool"] = guarded(ctx, lambda: ctx.client().describe_user_pool(UserPoolId=pool_id), {}).get("UserPool", {})
    item["_clients"] = _client_names(ctx, pool_id)
    item["Tags"] = item["_pool"].get("UserPoolTags", {})


def _trigger_functions(lambda_config: dict[str, Any]) -> dict[str, str]:
    """Trigger name -> function ARN (custom sender triggers nest theirs under LambdaArn; KMSKeyID is no trigger)."""
    found: dict[str, str] = {}
    for trigger, value in lambda_config.items():
        arn = value.get("LambdaArn") if isinstance(value, dict) else value
        if isinstance(arn, str) and ":lambda:" in arn:
            found[trigger] = arn
    return dict(sorted(found.items()))


def _build(item: Item, ctx: JobContext) -> Built:
    pool = item.get("_pool", {})
    triggers = _trigger_functions(pool.get("LambdaConfig") or item.get("LambdaConfig") or {})
    password = (pool.get("Policies") or {}).get("PasswordPolicy") or {}
    return Built(
        props={
            "pool_id": item.get("Id"),
            "estimated_users": pool.get("EstimatedNumberOfUsers"),
            "mfa_configuration": pool.get("MfaConfiguration"),
            "username_attributes": pool.get("UsernameAttributes") or [],
            "alias_attributes": pool.get("AliasAttributes") or [],
            "auto_verified_attributes": pool.get("AutoVerifiedAttributes") or [],
            "password_min_length": password.get("MinimumLength"),
            "custom_attributes": sorted(
                str(attribute["Name"]) for attribute in pool.get("SchemaAttributes") or [] if str(attribute.get("Name", "")).startswith("custom:")
            ),
            "lambda_triggers": triggers,
            "domain": pool.get("Domain"),
            "custom_domain": pool.get("CustomDomain"),
            "client_names": item.get("_clients", []),
            "tier": pool.get("UserPoolTier"),
            "deletion_protection": pool.get("DeletionProtection"),
        },
        refs=list(triggers.values()),
    )


register(
    ResourceSpec(
        key="aws.cognito.user_pool", service="cognito-idp", operation="list_user_pools", result_path="UserPools[]",
        id_field=_pool_arn, build=_build, name_field="Name", page_size=60, detail=_describe,
    ),
)
