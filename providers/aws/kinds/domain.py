"""Registered domains (dns.domain) -> manual: moved to the new account by Route 53 Domains' account transfer."""

from __future__ import annotations

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws.spec import Spec


def map_domain(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    name = props.get("domain_name") or resource.name
    renew = "auto-renew on" if props.get("auto_renew") else "auto-renew off"
    return manual(
        "a domain registration cannot be created by the new account's code: it is transferred",
        f"before the account goes: `aws route53domains transfer-domain-to-another-aws-account --domain-name {name} "
        "--account-id NEW` (it returns a password), then in the new account `aws route53domains "
        "accept-domain-transfer-from-another-aws-account` within 3 days; then point its name servers at the new "
        "hosted zone",
        [f"expires {props.get('expiry') or '(unknown)'} ({renew})"],
    )


MAP: dict[str, MapFunction] = {"dns.domain": map_domain}
SPECS: tuple[type[Spec], ...] = ()
