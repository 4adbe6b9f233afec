"""Route 53 Domains registrations: expiry, auto-renew, transfer lock, name servers; a global service (us-east-1).

GetDomainDetail also returns the contacts (names, addresses, e-mails): only the privacy flags
and the registrar facts are kept. Tags are not read (ListTagsForDomain).
"""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import iso

DOMAINS_PER_PAGE = 100  # ListDomains' largest page (MaxItems)


def _detail(ctx: JobContext, item: Item) -> None:
    name = item["DomainName"]
    item["_detail"] = guarded(ctx, lambda: ctx.client().get_domain_detail(DomainName=name), {})


def _build(item: Item, ctx: JobContext) -> Built:
    detail = item.get("_detail", {})
    return Built(
        props={
            "domain_name": item.get("DomainName"),
            "expiry": iso(item.get("Expiry") or detail.get("ExpirationDate")),
            "auto_renew": item.get("AutoRenew", detail.get("AutoRenew")),
            "transfer_lock": item.get("TransferLock"),
            "status_list": list(detail.get("StatusList") or []),
            "name_servers": [server["Name"] for server in detail.get("Nameservers") or [] if server.get("Name")],
            "registrar_name": detail.get("RegistrarName"),
            "registrant_privacy": detail.get("RegistrantPrivacy"),
            "dnssec": bool(detail.get("DnsSecKeys")),
            "created": iso(detail.get("CreationDate")),
        },
    )


register(
    ResourceSpec(
        key="aws.route53domains.domain", service="route53domains", operation="list_domains", result_path="Domains[]",
        id_field="DomainName", build=_build, name_field="DomainName", tags_field=None, scope="global",
        page_size=DOMAINS_PER_PAGE, detail=_detail,
    ),
)
