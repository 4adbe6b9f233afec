"""User pools (identity.user_pool) -> Cognito user pools with the same sign-in settings, triggers and app clients.

Users cannot move with their passwords: Cognito does not export password hashes. The cutover needs every user
to reset the password, or a user-migration trigger on the new pool that checks each password against the old
pool at first sign-in, which works only while the old account still answers.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, item_of, optional_int, result
from providers.aws.spec import Spec, _Part

# Cognito LambdaConfig trigger -> pulumi-aws cognito.UserPool lambda_config argument (plain function ARNs only;
# the custom sender triggers also need a KMS key and are left to the operator).
TRIGGER_ARGUMENTS: dict[str, str] = {
    "PreSignUp": "pre_sign_up",
    "PreAuthentication": "pre_authentication",
    "PostAuthentication": "post_authentication",
    "PostConfirmation": "post_confirmation",
    "PreTokenGeneration": "pre_token_generation",
    "CustomMessage": "custom_message",
    "DefineAuthChallenge": "define_auth_challenge",
    "CreateAuthChallenge": "create_auth_challenge",
    "VerifyAuthChallengeResponse": "verify_auth_challenge_response",
    "UserMigration": "user_migration",
}
PASSWORD_NOTE = (
    "passwords cannot move: Cognito does not export password hashes. At cutover every user resets the password, "
    "or a user-migration Lambda trigger on the new pool authenticates each user against the old pool on first "
    "sign-in (and creates the user with that password) — only while the old account still answers: users who "
    "have not signed in by the cut-off must reset"
)


class TriggerSpec(_Part):
    """A trigger to wire once its function exists: user pools are built with the security group, before the
    compute group's functions (stacks/aws/__init__.py COMPONENTS), so the pool cannot refer to them."""

    trigger: str  # the pulumi-aws lambda_config argument (pre_sign_up...)
    function_name: str  # the rebuilt function's name


class UserPoolSpec(Spec):
    type: Literal["aws.cognito.user_pool"] = "aws.cognito.user_pool"
    pool_name: str
    username_attributes: list[str] = Field(default_factory=list)
    alias_attributes: list[str] = Field(default_factory=list)
    auto_verified_attributes: list[str] = Field(default_factory=list)
    mfa_configuration: Literal["OFF", "ON", "OPTIONAL"] = "OFF"
    password_min_length: int | None = None
    triggers: list[TriggerSpec] = Field(default_factory=list)
    client_names: list[str] = Field(default_factory=list)


def _triggers(props: dict[str, Any], ctx: MappingContext) -> tuple[list[TriggerSpec], list[str]]:
    found, left = [], []
    for trigger, arn in (props.get("lambda_triggers") or {}).items():
        function = ctx.resource(str(arn))
        if trigger in TRIGGER_ARGUMENTS and function is not None and item_of(ctx, function.id):
            found.append(TriggerSpec(trigger=TRIGGER_ARGUMENTS[trigger], function_name=ctx.target_name(function)))
        else:
            left.append(trigger)
    return found, left


def _notes(props: dict[str, Any], triggers: list[TriggerSpec], left: list[str]) -> list[str]:
    users = props.get("estimated_users")
    notes = [PASSWORD_NOTE, f"{users if users is not None else 'an unknown number of'} users: export their attributes "
             "(ListUsers) before the cut-off and import them (a CSV user import job) or let the migration trigger "
             "create them"]
    if props.get("mfa_configuration") not in (None, "OFF"):
        notes.append("MFA: TOTP (software token) is enabled on the new pool; users enrol again")
    if props.get("client_names"):
        notes.append("app clients are rebuilt by name only: set their flows, callback URLs and secrets (not inventoried) "
                     "and hand the new client ids to the applications")
    if triggers:
        wiring = ", ".join(f"{t.trigger} -> {t.function_name}" for t in triggers)
        notes.append(f"triggers to wire after apply (the pool is built before the functions): set lambda_config "
                     f"{wiring} and allow cognito-idp.amazonaws.com to invoke them (lambda:InvokeFunction)")
    if left:
        notes.append(f"triggers not wired (function not rebuilt, or a custom sender needing a KMS key): {', '.join(left)}")
    if props.get("domain") or props.get("custom_domain"):
        notes.append("the hosted UI domain is not rebuilt: add a user pool domain (a custom one needs its certificate)")
    return notes


def map_user_pool(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    triggers, left = _triggers(props, ctx)
    spec = UserPoolSpec(
        **common_fields(resource, ctx), pool_name=resource.name,
        username_attributes=list(props.get("username_attributes") or []),
        alias_attributes=list(props.get("alias_attributes") or []),
        auto_verified_attributes=list(props.get("auto_verified_attributes") or []),
        mfa_configuration=str(props.get("mfa_configuration") or "OFF"),
        password_min_length=optional_int(props.get("password_min_length")),
        triggers=triggers, client_names=list(props.get("client_names") or []),
    )
    return result("partial", spec, unpriced("Cognito (per monthly active user)"), _notes(props, triggers, left))


MAP: dict[str, MapFunction] = {"identity.user_pool": map_user_pool}
SPECS: tuple[type[Spec], ...] = (UserPoolSpec,)
