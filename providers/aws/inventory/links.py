"""Refs that only the whole inventory can resolve (a CloudFront origin named by DNS name)."""

from __future__ import annotations

from planner.core.model.inventory import Resource

DNS_REF_PREFIX = "dns:"


def resolve_links(resources: list[Resource]) -> list[Resource]:
    """Replace `dns:NAME` refs by the id of the resource whose props.dns_name is NAME; drop the rest."""
    by_dns = {
        str(resource.props["dns_name"]).lower().rstrip("."): resource.id
        for resource in resources
        if resource.props.get("dns_name")
    }
    for resource in resources:
        if any(ref.startswith(DNS_REF_PREFIX) for ref in resource.refs):
            resolved = [_resolve(ref, by_dns) for ref in resource.refs]
            resource.refs = list(dict.fromkeys(ref for ref in resolved if ref))
    return resources


def _resolve(ref: str, by_dns: dict[str, str]) -> str | None:
    if not ref.startswith(DNS_REF_PREFIX):
        return ref
    return by_dns.get(ref.removeprefix(DNS_REF_PREFIX).lower().rstrip("."))
