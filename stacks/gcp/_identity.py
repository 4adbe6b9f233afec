"""The stack's project and the service accounts items run as: shared by the role builder and the workloads.

A member names a service account by its email, which Google derives from the account id and the project
(providers/gcp/kinds/role.py `service_account_email`), so it is known before the account exists.
"""

from __future__ import annotations

import pulumi

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.role import ServiceAccountSpec, service_account_email
from stacks.gcp.base import GcpGroup


def stack_project() -> str:
    """The project the stack builds in (`gcp:project`)."""
    return pulumi.Config("gcp").require("project")


def email_of(spec: ServiceAccountSpec) -> str:
    return service_account_email(spec.account_id, stack_project())


def member_of(spec: ServiceAccountSpec) -> str:
    return f"serviceAccount:{email_of(spec)}"


def runs_as(group: GcpGroup, item: PlanItem, role_item: str | None) -> tuple[ServiceAccountSpec | None, list[pulumi.Resource]]:
    """The service account spec an item runs as (when the plan builds it) and the account resource to wait for."""
    if role_item is None or not group.buildable_refs(item, [role_item], "service account"):
        return None, []
    spec = group.spec_of_id(role_item)
    return (spec, [group.resource_of(item, role_item)]) if isinstance(spec, ServiceAccountSpec) else (None, [])
