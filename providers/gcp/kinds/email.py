"""`email.identity` -> manual: Google Cloud has no service for sending mail; a third-party provider takes over."""

from __future__ import annotations

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp.spec import GcpSpec


def map_email(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    name = props.get("identity_name") or resource.name
    dns = ("publish its SPF and DKIM records (and the MAIL FROM domain's MX/SPF"
           f"{' for ' + props['mail_from_domain'] if props.get('mail_from_domain') else ''}) in the new DNS zone"
           if props.get("identity_type") == "DOMAIN" else "confirm the address from its mailbox")
    return manual(
        "Google Cloud has no email sending service (SES has no equivalent)",
        f"send through a third-party provider from the Marketplace (SendGrid, Mailgun...): verify {name} there, {dns}, "
        "then switch the application's SMTP/API credentials; a new sending account may need the provider's approval "
        "and a warm-up before it sends at full volume",
    )


MAP: dict[str, MapFunction] = {"email.identity": map_email}
SPECS: tuple[type[GcpSpec], ...] = ()
