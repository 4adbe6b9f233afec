"""IAM roles: attached and inline policy names and who may assume them; a global service."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register


def _names(ctx: JobContext, operation: str, result_key: str, field: str | None, role_name: str) -> list[str]:
    paginator = ctx.client().get_paginator(operation)
    pages = guarded(ctx, lambda: list(paginator.paginate(RoleName=role_name, PaginationConfig={"PageSize": 1000})), [])
    values = [value for page in pages for value in page.get(result_key, [])]
    return [str(value[field]) if field else str(value) for value in values]


AUTHORIZATION_PAGE = 1000  # GetAccountAuthorizationDetails' largest MaxItems


def _authorization_details(ctx: JobContext, items: list[Item]) -> list[Item]:
    """Every role's attached and inline policy names and tags from paginated GetAccountAuthorizationDetails
    (Filter Role): a few requests for the account instead of three per role against IAM's low request rate. Where it
    cannot be read (not granted), the roles are described one at a time (`_detail`)."""
    paginator = ctx.client().get_paginator("get_account_authorization_details")
    pages = guarded(ctx, lambda: list(paginator.paginate(
        Filter=["Role"], PaginationConfig={"PageSize": AUTHORIZATION_PAGE})), None)
    if pages is None:
        return items
    details = {detail["RoleName"]: detail for page in pages for detail in page.get("RoleDetailList", [])}
    for item in items:
        detail = details.get(item["RoleName"])
        if detail is None:
            continue  # created since the listing: described on its own
        attached = [str(policy["PolicyArn"]) for policy in detail.get("AttachedManagedPolicies", [])]
        item["_attached_arns"] = attached
        item["_attached"] = [arn.rsplit("/", 1)[-1] for arn in attached]
        item["_inline"] = [str(policy["PolicyName"]) for policy in detail.get("RolePolicyList", [])]
        item["Tags"] = detail.get("Tags", [])
        item["_described"] = True
    return items


def _detail(ctx: JobContext, item: Item) -> None:
    if item.get("_described"):
        return
    role_name = item["RoleName"]
    attached = _names(ctx, "list_attached_role_policies", "AttachedPolicies", "PolicyArn", role_name)
    item["_attached_arns"] = attached
    item["_attached"] = [arn.rsplit("/", 1)[-1] for arn in attached]
    item["_inline"] = _names(ctx, "list_role_policies", "PolicyNames", None, role_name)
    tags = guarded(ctx, lambda: ctx.client().list_role_tags(RoleName=role_name), {})
    item["Tags"] = tags.get("Tags", [])


def trusted_principals(document: Any, principal_kind: str) -> list[str]:
    """Principals of one kind (Service, AWS, Federated) allowed by a trust policy."""
    if isinstance(document, str):
        document = json.loads(unquote(document))
    found: list[str] = []
    statements = (document or {}).get("Statement", [])
    for statement in statements if isinstance(statements, list) else [statements]:
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal", {})
        values = principal.get(principal_kind, []) if isinstance(principal, dict) else []
        found.extend(values if isinstance(values, list) else [values])
    return sorted(set(found))


def _build(item: Item, ctx: JobContext) -> Built:
    trust = item.get("AssumeRolePolicyDocument")
    return Built(
        props={
            "role_name": item.get("RoleName"),
            "path": item.get("Path"),
            "attached_policy_names": item.get("_attached", []),
            "attached_policy_arns": item.get("_attached_arns", []),  # arn:aws:iam::aws:policy/... = AWS-managed
            "inline_policy_names": item.get("_inline", []),
            "trusted_services": trusted_principals(trust, "Service"),
            "trusted_accounts": trusted_principals(trust, "AWS"),
            "service_linked": str(item.get("Path", "")).startswith("/aws-service-role/"),
            "max_session_duration_s": item.get("MaxSessionDuration"),
        },
    )


register(
    ResourceSpec(
        "aws.iam.role", "iam", "list_roles", "Roles[]", "Arn", _build,
        name_field="RoleName", scope="global", page_size=1000, enrich=_authorization_details, detail=_detail,
    ),
)
