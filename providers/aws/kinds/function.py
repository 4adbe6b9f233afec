"""Functions (function) -> Lambda functions with a placeholder package: the code and environment values are not copied."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import Links, common_fields, linked_one, optional_int, result
from providers.aws.spec import Spec

CODE_NOTE = (
    "code: the deployment package is not copied by the inventory; the stack deploys a placeholder "
    "package: re-upload the code (`aws lambda get-function` gives a download link while the source account lives)"
)


class LambdaFunctionSpec(Spec):
    type: Literal["aws.lambda.function"] = "aws.lambda.function"
    runtime: str | None = None
    handler: str | None = None
    memory_mb: int = 128
    timeout_s: int = 3
    architectures: list[str] = Field(default_factory=lambda: ["x86_64"])
    package_type: str = "Zip"
    role_item: str | None = None
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)
    env_var_names: list[str] = Field(default_factory=list)
    code_size_bytes: int = 0


def map_function(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    links = Links(resource, ctx)
    subnets, groups = links.placement("vpc_subnet_ids", "vpc_security_group_ids")
    spec = LambdaFunctionSpec(
        **common_fields(resource, ctx),
        runtime=props.get("runtime"),
        handler=props.get("handler"),
        memory_mb=optional_int(props.get("memory_mb")) or 128,
        timeout_s=optional_int(props.get("timeout_s")) or 3,
        architectures=list(props.get("architectures") or ["x86_64"]),
        package_type=str(props.get("package_type") or "Zip"),
        role_item=linked_one(resource, ctx, "role_arn", "aws.iam.role"),
        subnet_items=subnets,
        security_group_items=groups,
        env_var_names=list(props.get("env_var_names") or []),
        code_size_bytes=optional_int(props.get("code_size_bytes")) or 0,
    )
    notes = [CODE_NOTE, *links.notes]
    if spec.env_var_names:
        notes.append(f"environment values are never inventoried: set {', '.join(spec.env_var_names)}")
    return result("partial", spec, unpriced("Lambda"), notes)


MAP: dict[str, MapFunction] = {"function": map_function}
SPECS: tuple[type[Spec], ...] = (LambdaFunctionSpec,)
