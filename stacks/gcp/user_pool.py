"""Builds `gcp.identityplatform.tenant` (`identity.user_pool`): a tenant on the project's Identity Platform config.

The config exists once per project and is created with multi-tenancy and e-mail/password sign-in on;
users and their passwords are never created here (the plan item says how they move).
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.user_pool import IdentityTenantSpec
from stacks.gcp.base import GcpBuilder, GcpGroup

CONFIG_NAME = "identity-platform"


def identity_config(group: GcpGroup) -> pulumi.Resource:
    return group.shared((CONFIG_NAME,), lambda: gcp.identityplatform.Config(
        CONFIG_NAME, multi_tenant={"allow_tenants": True},
        sign_in={"email": {"enabled": True, "password_required": True}}, opts=group.opts()))


def build_tenant(group: GcpGroup, item: PlanItem, spec: IdentityTenantSpec) -> pulumi.Resource:
    config = identity_config(group)
    tenant = gcp.identityplatform.Tenant(item.id, display_name=spec.display_name,
                                         allow_password_signup=spec.allow_password_signup,
                                         opts=group.opts(depends_on=[config]))
    group.export(item, "tenant", tenant.name)
    return tenant


BUILD: dict[str, GcpBuilder] = {"gcp.identityplatform.tenant": build_tenant}
