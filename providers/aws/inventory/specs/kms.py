"""KMS keys (metadata and aliases; never key material)."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register


def _aliases(ctx: JobContext, items: list[Item]) -> list[Item]:
    """One ListAliases listing for the region, shared by every key."""
    paginator = ctx.client().get_paginator("list_aliases")
    pages = guarded(ctx, lambda: list(paginator.paginate(PaginationConfig={"PageSize": 100})), [])
    by_key: dict[str, list[str]] = {}
    for page in pages:
        for alias in page.get("Aliases", []):
            if alias.get("TargetKeyId"):
                by_key.setdefault(alias["TargetKeyId"], []).append(alias["AliasName"])
    for item in items:
        item["_aliases"] = sorted(by_key.get(item["KeyId"], []))
    return items


def _detail(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    item["_metadata"] = guarded(ctx, lambda: client.describe_key(KeyId=item["KeyId"]), {}).get("KeyMetadata", {})
    if item["_metadata"].get("KeyManager") == "CUSTOMER":
        tags = guarded(ctx, lambda: client.list_resource_tags(KeyId=item["KeyId"]), {})
        item["Tags"] = tags.get("Tags", [])


def _build(item: Item, ctx: JobContext) -> Built:
    metadata = item.get("_metadata", {})
    aliases = item.get("_aliases", [])
    return Built(
        props={
            "key_manager": metadata.get("KeyManager"),
            "key_spec": metadata.get("KeySpec") or metadata.get("CustomerMasterKeySpec"),
            "key_usage": metadata.get("KeyUsage"),
            "key_state": metadata.get("KeyState"),
            "aliases": aliases,
            "multi_region": bool(metadata.get("MultiRegion", False)),
            "origin": metadata.get("Origin"),
            "description": metadata.get("Description"),
        },
        name=aliases[0].removeprefix("alias/") if aliases else None,
    )


register(
    ResourceSpec(
        "aws.kms.key", "kms", "list_keys", "Keys[]", "KeyArn", _build, page_size=1000, enrich=_aliases, detail=_detail,
    ),
)
