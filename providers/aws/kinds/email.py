"""Sending identities (email.identity) -> SES v2 email identities; the new account starts in the SES sandbox."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import common_fields, result
from providers.aws.spec import Spec

SANDBOX_NOTE = ("a new account's SES starts in the sandbox (verified recipients only, 200 messages a day): request "
                "production access now (a support case, answered in about a day; allow days) or mail stops at cutover")


class EmailIdentitySpec(Spec):
    type: Literal["aws.sesv2.email_identity"] = "aws.sesv2.email_identity"
    email_identity: str
    identity_type: Literal["DOMAIN", "EMAIL_ADDRESS"] = "DOMAIN"


def map_email(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    name = str(props.get("identity_name") or resource.name)
    kind = "EMAIL_ADDRESS" if props.get("identity_type") == "EMAIL_ADDRESS" else "DOMAIN"
    spec = EmailIdentitySpec(**common_fields(resource, ctx), email_identity=name, identity_type=kind)
    verify = ("publish the three new DKIM CNAME records (the stack exports their tokens) in the domain's DNS zone; "
              "the old ones stop verifying with the old account" if kind == "DOMAIN"
              else "confirm the verification e-mail sent to the address")
    notes = [SANDBOX_NOTE, f"verification: {verify}"]
    if props.get("mail_from_domain"):
        notes.append(f"custom MAIL FROM {props['mail_from_domain']}: set it again with its MX and SPF records")
    if props.get("configuration_set"):
        notes.append(f"configuration set {props['configuration_set']} (event destinations) is not rebuilt")
    return result("partial", spec, None, notes)


MAP: dict[str, MapFunction] = {"email.identity": map_email}
SPECS: tuple[type[Spec], ...] = (EmailIdentitySpec,)
