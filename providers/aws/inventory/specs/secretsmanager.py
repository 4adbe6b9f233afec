"""Secrets Manager secrets: metadata only. GetSecretValue is refused by the read-only guard."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import iso


def kms_key_ref(key_id: str | None, ctx: JobContext) -> str | None:
    """A key id or ARN as the KMS key's ARN; an alias stays as given (resolved by nobody)."""
    if not key_id:
        return None
    if key_id.startswith("arn:") or key_id.startswith("alias/"):
        return key_id
    return ctx.arn("kms", f"key/{key_id}")


def _build(item: Item, ctx: JobContext) -> Built:
    key = kms_key_ref(item.get("KmsKeyId"), ctx)
    return Built(
        props={
            "kms_key_id": item.get("KmsKeyId"),
            "rotation_enabled": bool(item.get("RotationEnabled", False)),
            "last_changed_date": iso(item.get("LastChangedDate")),
            "last_accessed_date": iso(item.get("LastAccessedDate")),
            "primary_region": item.get("PrimaryRegion"),
            "description": item.get("Description"),
        },
        refs=[key],
    )


register(
    ResourceSpec(
        "aws.secretsmanager.secret", "secretsmanager", "list_secrets", "SecretList[]", "ARN", _build,
        name_field="Name", page_size=100,
    ),
)
