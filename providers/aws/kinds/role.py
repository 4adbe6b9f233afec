"""Identity roles (identity.role) -> IAM roles trusting the same services, with the AWS-managed policies attached.

Customer-managed and inline policies are listed to recreate: their documents
are not inventoried.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import common_fields, result
from providers.aws.spec import Spec

AWS_MANAGED_POLICY = ":iam::aws:policy/"  # in the ARN of every AWS-managed policy


class RoleSpec(Spec):
    type: Literal["aws.iam.role"] = "aws.iam.role"
    role_name: str
    path: str = "/"
    trusted_services: list[str] = Field(default_factory=list)
    aws_managed_policy_arns: list[str] = Field(default_factory=list)
    policy_names_to_recreate: list[str] = Field(default_factory=list)  # customer-managed or unknown
    inline_policy_names: list[str] = Field(default_factory=list)


def _policy_split(props: dict[str, Any]) -> tuple[list[str], list[str]]:
    """AWS-managed policy ARNs (the same in every account) and the names to recreate."""
    arns = [str(arn) for arn in props.get("attached_policy_arns") or []]
    aws_managed = [arn for arn in arns if AWS_MANAGED_POLICY in arn]
    managed_names = {arn.rsplit("/", 1)[-1] for arn in aws_managed}
    to_recreate = [name for name in props.get("attached_policy_names") or [] if name not in managed_names]
    return aws_managed, to_recreate


def _role_notes(spec: RoleSpec) -> list[str]:
    notes = []
    if spec.policy_names_to_recreate:
        notes.append(
            "policies to recreate and attach (customer-managed, or not known to be AWS-managed): "
            f"{', '.join(spec.policy_names_to_recreate)}"
        )
    if spec.inline_policy_names:
        notes.append(f"inline policies are not inventoried: recreate {', '.join(spec.inline_policy_names)}")
    if not spec.trusted_services:
        notes.append("trust by accounts or identity providers is not inventoried: the trust policy is empty of principals")
    return notes


def map_role(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    aws_managed, to_recreate = _policy_split(props)
    spec = RoleSpec(
        **common_fields(resource, ctx),
        role_name=str(props.get("role_name") or resource.name),
        path=str(props.get("path") or "/"),
        trusted_services=list(props.get("trusted_services") or []),
        aws_managed_policy_arns=aws_managed,
        policy_names_to_recreate=to_recreate,
        inline_policy_names=list(props.get("inline_policy_names") or []),
    )
    notes = _role_notes(spec)
    return result("partial" if notes else "mapped", spec, None, notes)


MAP: dict[str, MapFunction] = {"identity.role": map_role}
SPECS: tuple[type[Spec], ...] = (RoleSpec,)
