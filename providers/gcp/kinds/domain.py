"""`dns.domain` -> manual: a registration moves only by a registrar transfer, which takes days."""

from __future__ import annotations

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp.spec import GcpSpec

# ICANN Transfer Policy: a registrar may take up to 5 days to act on a transfer (7 with the losing registrar's
# review), and a change of registrant locks the domain against transfers for 60 days.
TRANSFER_DAYS = "5-7 days"
REGISTRANT_CHANGE_LOCK_DAYS = 60


def expiry_note(resource: Resource) -> str:
    props = resource.props
    renew = "auto-renew on: renewals stop with the account" if props.get("auto_renew") else "auto-renew off"
    return f"expires {props.get('expiry') or '(unknown)'} ({renew}); transfer lock {'on' if props.get('transfer_lock') else 'off'}"


def map_domain(resource: Resource, ctx: MappingContext) -> MappedTarget:
    name = resource.props.get("domain_name") or resource.name
    return manual(
        "Cloud Domains cannot take over a registration without a transfer",
        f"start now: disable the transfer lock of {name}, get its auth code (`aws route53domains "
        f"retrieve-domain-auth-code`), request the transfer to Cloud Domains or another registrar; a transfer takes "
        f"{TRANSFER_DAYS} and must start before the account is cut off (a registrant change adds ICANN's "
        f"{REGISTRANT_CHANGE_LOCK_DAYS}-day transfer lock); meanwhile point its name servers at the new Cloud DNS zone",
        [expiry_note(resource), f"name servers today: {', '.join(resource.props.get('name_servers') or []) or 'unknown'}"],
    )


MAP: dict[str, MapFunction] = {"dns.domain": map_domain}
SPECS: tuple[type[GcpSpec], ...] = ()
