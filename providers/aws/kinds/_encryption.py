"""Encryption at rest kept as the source had it: which rebuilt KMS key a store is encrypted with.

A store encrypted under a customer-managed key that this plan rebuilds (same region)
uses the rebuilt key; one under an AWS-managed key (`alias/aws/<service>`), or a key
the plan cannot use, is encrypted with the service's own AWS-managed key, said in a
note. Encryption is never dropped: most services cannot turn it on in place later
(RDS, EFS, ElastiCache at rest).
"""

from __future__ import annotations

from planner.core.contract import MappingContext
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import Links

KMS_KEY = "aws.kms.key"
AWS_MANAGED_ALIAS = "alias/aws/"  # the aliases of AWS-managed keys (KMS developer guide, "AWS managed keys")


def kms_key_item(resource: Resource, ctx: MappingContext, links: Links, prop: str = "kms_key_id") -> tuple[str | None, list[str]]:
    """The rebuilt customer key the source encrypted with (None: the service's AWS-managed key), and a note if it differs."""
    value = str(resource.props.get(prop) or "")
    if not value or AWS_MANAGED_ALIAS in value:
        return None, []
    key = _inventoried_key(value, resource, ctx)
    if key is None:
        return None, ["the source's customer KMS key is not inventoried: encrypted with the service's AWS-managed key instead"]
    if key.props.get("key_manager") == "AWS":
        return None, []
    if not links.in_region([key.id]):
        return None, ["encrypted with the service's AWS-managed key: the source's KMS key is in another region"]
    return ctx.item_id(key.id), []


def _inventoried_key(value: str, resource: Resource, ctx: MappingContext) -> Resource | None:
    """The KMS key a key ARN, key id, alias name or alias ARN names, preferring the resource's region."""
    direct = ctx.resource(value)
    if direct is not None and direct.key == KMS_KEY:
        return direct
    name = value.rsplit(":", 1)[-1] if value.startswith("arn:") else value
    found = index_of(ctx).lookup(_names_of_key, name, KMS_KEY)
    same_region = [key for key in found if key.region == resource.region]
    return (same_region or list(found) or [None])[0]


def _names_of_key(key: Resource) -> list[str]:
    """What a KMS key is named by: its key id and its alias names (`alias/x`)."""
    return [key.id.rsplit("/", 1)[-1], *[str(alias) for alias in key.props.get("aliases") or []]]
