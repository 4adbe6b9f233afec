"""Builds `gcp.secretmanager.secret` (`secret`): a Secret Manager secret, created empty."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.secret import SecretSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_secret(group: GcpGroup, item: PlanItem, spec: SecretSpec) -> pulumi.Resource:
    # No version: the value was never inventoried; an operator adds it (plan notes say so).
    secret = gcp.secretmanager.Secret(item.id, secret_id=spec.name, replication={"auto": {}}, labels=spec.labels,
                                      opts=group.opts())
    group.export(item, "secret", secret.id)
    return secret


BUILD: dict[str, GcpBuilder] = {"gcp.secretmanager.secret": build_secret}
