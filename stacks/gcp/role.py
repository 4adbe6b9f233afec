"""Builds `gcp.serviceaccount.account` (`identity.role`): a service account and its project-level role bindings.

The project is the stack's `gcp:project`; members name the account by its email (stacks/gcp/_identity.py), and
`depends_on` keeps the bindings after the account.
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.role import ServiceAccountSpec
from stacks.gcp._identity import email_of, member_of, stack_project
from stacks.gcp.base import GcpBuilder, GcpGroup


def _binding_name(item: PlanItem, role: str) -> str:
    return f"{item.id}-{role.removeprefix('roles/').replace('.', '-').lower()}"


def build_service_account(group: GcpGroup, item: PlanItem, spec: ServiceAccountSpec) -> pulumi.Resource:
    account = gcp.serviceaccount.Account(
        item.id, account_id=spec.account_id, display_name=spec.display_name, description=spec.description,
        opts=group.opts())
    for role in spec.project_roles:
        gcp.projects.IAMMember(_binding_name(item, role), project=stack_project(), role=role, member=member_of(spec),
                               opts=group.opts(depends_on=[account]))
    group.export(item, "service_account", email_of(spec))
    return account


BUILD: dict[str, GcpBuilder] = {"gcp.serviceaccount.account": build_service_account}
