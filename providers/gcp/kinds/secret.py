"""`secret` -> a Secret Manager secret, created empty."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done
from providers.gcp.spec import GcpSpec


class SecretSpec(GcpSpec):
    type: Literal["gcp.secretmanager.secret"] = "gcp.secretmanager.secret"
    rotation_enabled_at_source: bool = False


def map_secret(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec = SecretSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                      rotation_enabled_at_source=bool(resource.props.get("rotation_enabled")))
    notes = ["the secret is created empty: an operator copies the value (never inventoried) into a new version"]
    if spec.rotation_enabled_at_source:
        notes.append("rotation Lambda -> Secret Manager rotation schedule notifying a Pub/Sub topic and a rotation function")
    return done("partial", spec, notes, pricing.unpriced("no Secret Manager rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"secret": map_secret}
SPECS: tuple[type[GcpSpec], ...] = (SecretSpec,)
