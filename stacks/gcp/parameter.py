"""Builds `gcp.secretmanager.parameter` and `gcp.parametermanager.parameter` (`parameter`): a secret or a
parameter without a version (the value was never inventoried; an operator adds it)."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.parameter import ConfigParameterSpec, SecretParameterSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_secret_parameter(group: GcpGroup, item: PlanItem, spec: SecretParameterSpec) -> pulumi.Resource:
    secret = gcp.secretmanager.Secret(item.id, secret_id=spec.name, replication={"auto": {}}, labels=spec.labels,
                                      opts=group.opts())
    group.export(item, "secret", secret.id)
    return secret


def build_config_parameter(group: GcpGroup, item: PlanItem, spec: ConfigParameterSpec) -> pulumi.Resource:
    parameter = gcp.parametermanager.Parameter(item.id, parameter_id=spec.name, format=spec.format, labels=spec.labels,
                                               opts=group.opts())
    group.export(item, "parameter", parameter.id)
    return parameter


BUILD: dict[str, GcpBuilder] = {
    "gcp.secretmanager.parameter": build_secret_parameter,
    "gcp.parametermanager.parameter": build_config_parameter,
}
