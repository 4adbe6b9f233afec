"""Secrets (secret) -> Secrets Manager secrets without their values (never inventoried: the operator copies them)."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._encryption import kms_key_item
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import Links, common_fields, result
from providers.aws.spec import Spec


class SecretSpec(Spec):
    type: Literal["aws.secretsmanager.secret"] = "aws.secretsmanager.secret"
    secret_name: str
    kms_key_item: str | None = None


def map_secret(resource: Resource, ctx: MappingContext) -> MappedTarget:
    key, key_notes = kms_key_item(resource, ctx, Links(resource, ctx))
    spec = SecretSpec(**common_fields(resource, ctx), secret_name=resource.name, kms_key_item=key)
    notes = ["the value is never inventoried: copy it (`aws secretsmanager get-secret-value` / `put-secret-value`)", *key_notes]
    if resource.props.get("rotation_enabled"):
        notes.append("rotation was enabled: set up its rotation function again")
    return result("partial", spec, unpriced("Secrets Manager"), notes)


MAP: dict[str, MapFunction] = {"secret": map_secret}
SPECS: tuple[type[Spec], ...] = (SecretSpec,)
