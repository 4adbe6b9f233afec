"""Parameters (config.parameter) -> SSM parameters of the same name, type and tier, holding a placeholder value.

The value is never inventoried, so neither the plan nor the stack holds it: the stack takes it from the stack
config secret `planner:parameter-<item id>` when the operator sets it (encrypted in the stack config), else
writes a placeholder and ignores later changes to the value, so that `aws ssm put-parameter --overwrite` after
the apply sticks.
"""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, item_of, own_item_id, result
from providers.aws.spec import Spec

VALUE_SETTING = "parameter-{item}"


class SsmParameterSpec(Spec):
    type: Literal["aws.ssm.parameter"] = "aws.ssm.parameter"
    parameter_name: str  # the source's name: applications read the parameter by it
    parameter_type: Literal["String", "StringList", "SecureString"] = "String"
    tier: Literal["Standard", "Advanced", "Intelligent-Tiering"] = "Standard"
    data_type: str = "text"
    description: str | None = None
    kms_key_item: str | None = None  # a rebuilt customer key (SecureString); else the AWS-managed alias/aws/ssm
    value_setting: str  # the stack config secret holding the value, if the operator sets it


def map_parameter(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    setting = VALUE_SETTING.format(item=own_item_id(resource, ctx))
    kind = str(props.get("type") or "String")
    spec = SsmParameterSpec(
        **common_fields(resource, ctx), parameter_name=str(props.get("parameter_name") or resource.name),
        parameter_type=kind if kind in ("StringList", "SecureString") else "String",  # type: ignore[arg-type]
        tier="Advanced" if props.get("tier") == "Advanced" else "Standard", data_type=str(props.get("data_type") or "text"),
        description=props.get("description"), kms_key_item=item_of(ctx, props.get("key_id")), value_setting=setting)
    notes = [f"the value is never inventoried and the stack holds none: set it with `pulumi config set --secret "
             f"planner:{setting} <value>` before the apply, or after it with `aws ssm put-parameter --overwrite` (the "
             "stack ignores the placeholder's drift)"]
    if props.get("has_policies"):
        notes.append("parameter policies (expiration, notifications) are not inventoried: set them again")
    priced = unpriced("SSM advanced-tier parameter") if spec.tier == "Advanced" else None
    return result("partial", spec, priced, notes)


MAP: dict[str, MapFunction] = {"config.parameter": map_parameter}
SPECS: tuple[type[Spec], ...] = (SsmParameterSpec,)
