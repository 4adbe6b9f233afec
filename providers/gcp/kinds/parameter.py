"""`config.parameter` -> a Secret Manager secret (SecureString) or a Parameter Manager parameter (String,
StringList), created without a value: values are never inventoried (DescribeParameters only)."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done
from providers.gcp.spec import GcpSpec

SECURE = "SecureString"
STRING_LIST = "StringList"
AMI_DATA_TYPE = "aws:ec2:image"


class SecretParameterSpec(GcpSpec):
    type: Literal["gcp.secretmanager.parameter"] = "gcp.secretmanager.parameter"
    parameter_name: str  # the source's name, for the operator (apps read the secret by its new id)


class ConfigParameterSpec(GcpSpec):
    type: Literal["gcp.parametermanager.parameter"] = "gcp.parametermanager.parameter"
    parameter_name: str
    format: Literal["UNFORMATTED", "JSON", "YAML"] = "UNFORMATTED"


def _notes(props: dict[str, object], name: str, target: str) -> list[str]:
    notes = [f"{props.get('parameter_name')} -> {target} {name}: the value is never inventoried; add a version with "
             "it (from the source account while it lives), and point the applications at the new name"]
    if props.get("type") == STRING_LIST:
        notes.append("StringList: the version holds the comma-separated list as one value")
    if props.get("data_type") == AMI_DATA_TYPE:
        notes.append("an AMI id parameter: the value becomes a Compute Engine image name")
    if props.get("type") == SECURE and not props.get("aws_managed_key"):
        notes.append("encrypted with a customer KMS key at the source: set a CMEK on the secret if required")
    if props.get("has_policies") or props.get("tier") == "Advanced":
        notes.append("advanced-tier policies (expiration, notifications) -> Secret Manager expire_time / rotation topics")
    return notes


def map_parameter(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    name = ctx.target_name(resource)
    source_name = str(props.get("parameter_name") or resource.name)
    if props.get("type") == SECURE:
        spec: GcpSpec = SecretParameterSpec(name=name, labels=ctx.labels(resource), parameter_name=source_name)
        notes, what = _notes(props, name, "Secret Manager secret"), "Secret Manager"
    else:
        spec = ConfigParameterSpec(name=name, labels=ctx.labels(resource), parameter_name=source_name)
        notes, what = _notes(props, name, "Parameter Manager parameter"), "Parameter Manager"
    return done("partial", spec, notes, pricing.unpriced(f"no {what} rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"config.parameter": map_parameter}
SPECS: tuple[type[GcpSpec], ...] = (SecretParameterSpec, ConfigParameterSpec)
