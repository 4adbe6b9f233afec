"""Secrets (secret) -> Secrets Manager secrets without their values (never inventoried: the operator copies them)."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, linked_one, result
from providers.aws.spec import Spec


class SecretSpec(Spec):
    type: Literal["aws.secretsmanager.secret"] = "aws.secretsmanager.secret"
    secret_name: str
    kms_key_item: str | None = None


def map_secret(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec = SecretSpec(
        **common_fields(resource, ctx),
        secret_name=resource.name,
        kms_key_item=linked_one(resource, ctx, "kms_key_id", "aws.kms.key"),
    )
    notes = ["the value is never inventoried: copy it (`aws secretsmanager get-secret-value` / `put-secret-value`)"]
    if resource.props.get("rotation_enabled"):
        notes.append("rotation was enabled: set up its rotation function again")
    return result("partial", spec, unpriced("Secrets Manager"), notes)


MAP: dict[str, MapFunction] = {"secret": map_secret}
SPECS: tuple[type[Spec], ...] = (SecretSpec,)
