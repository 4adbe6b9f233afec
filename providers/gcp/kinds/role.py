"""`identity.role` -> manual: IAM roles become service accounts and role bindings written by hand."""

from __future__ import annotations

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp.spec import GcpSpec


def map_role(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    policies = ", ".join([*(props.get("attached_policy_names") or []), *(props.get("inline_policy_names") or [])])
    trusted = ", ".join(props.get("trusted_services") or []) or "no service"
    return manual(
        "IAM roles have no one-to-one equivalent: Google Cloud grants roles to service accounts and principals "
        "on resources, with different permission names",
        f"create a service account for what assumed {props.get('role_name') or resource.name} ({trusted}); "
        f"translate its policies ({policies or 'none inventoried'}) into predefined or custom roles and bind them "
        "on the project or the resources",
    )


MAP: dict[str, MapFunction] = {"identity.role": map_role}
SPECS: tuple[type[GcpSpec], ...] = ()
