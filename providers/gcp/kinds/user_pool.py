"""`identity.user_pool` -> an Identity Platform tenant (multi-tenancy on the project's Identity Platform config).

Users cannot move with their passwords: Cognito never exports password hashes (its user export has
attributes only), so the cutover needs every user to reset the password, or a lazy migration that only
works while the old pool still answers.
"""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from planner.core.naming import lowercase_hyphenated, sanitize_name
from providers.gcp import pricing
from providers.gcp.kinds._shared import done
from providers.gcp.spec import GcpSpec

# Identity Platform tenant display names: 4-20 characters, letters, digits and hyphens, starting with a letter
# (Identity Platform REST reference, projects.tenants "displayName").
TENANT_NAME_RULES = lowercase_hyphenated(
    "gcp", max_length=20, min_length=4, pattern=r"[a-z][-a-z0-9]{3,19}",
    description="4-20 letters, digits, hyphens; starts with a letter",
)
# Cognito triggers with an Identity Platform blocking function (beforeCreate / beforeSignIn).
BLOCKING_EVENTS: dict[str, str] = {
    "PreSignUp": "beforeCreate",
    "PreAuthentication": "beforeSignIn",
    "PostAuthentication": "beforeSignIn",
}
PASSWORD_NOTE = (
    "passwords cannot move: Cognito does not export password hashes. At cutover either every user resets the "
    "password (a reset e-mail to each), or a lazy migration runs: on a user's first sign-in the application checks "
    "the password against the old pool and creates the user here with it, which only works while the AWS pool still "
    "answers; users who have not signed in by the cut-off must reset"
)


class IdentityTenantSpec(GcpSpec):
    type: Literal["gcp.identityplatform.tenant"] = "gcp.identityplatform.tenant"
    display_name: str
    allow_password_signup: bool = True
    estimated_users: int | None = None


def _trigger_notes(triggers: dict[str, str]) -> list[str]:
    mapped = [f"{name} -> {BLOCKING_EVENTS[name]}" for name in triggers if name in BLOCKING_EVENTS]
    other = [name for name in triggers if name not in BLOCKING_EVENTS]
    notes = [f"Lambda triggers as blocking functions (Cloud Run functions): {', '.join(mapped)}"] if mapped else []
    if other:
        notes.append(f"triggers with no Identity Platform event: {', '.join(other)}: move their logic into the application")
    return notes


def _pool_notes(props: dict) -> list[str]:
    users = props.get("estimated_users")
    notes = [PASSWORD_NOTE,
             f"{users if users is not None else 'an unknown number of'} users: export their attributes "
             "(ListUsers, or the console's CSV export) before the cut-off and import them without passwords "
             "(Admin SDK importUsers)"]
    if props.get("mfa_configuration") not in (None, "OFF"):
        notes.append(f"MFA {props['mfa_configuration']}: enable multi-factor authentication on the tenant; users "
                     "enrol again (TOTP secrets and phone enrolments do not export)")
    if props.get("client_names"):
        notes.append(f"app clients {', '.join(props['client_names'])} become the project's web API key / OAuth "
                     "configuration: update the applications' sign-in SDK settings")
    if props.get("domain") or props.get("custom_domain"):
        notes.append("the Cognito hosted UI has no counterpart: sign-in pages come from FirebaseUI or the application")
    return notes + _trigger_notes(props.get("lambda_triggers") or {})


def map_user_pool(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = IdentityTenantSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource),
        display_name=sanitize_name(resource.name, TENANT_NAME_RULES, fallback="users"),
        estimated_users=props.get("estimated_users"))
    return done("partial", spec, _pool_notes(props),
                pricing.unpriced("no Identity Platform rate in the catalog snapshot: not priced (billed per monthly active user)"))


MAP: dict[str, MapFunction] = {"identity.user_pool": map_user_pool}
SPECS: tuple[type[GcpSpec], ...] = (IdentityTenantSpec,)
