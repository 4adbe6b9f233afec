"""`cert` -> a Google-managed Certificate Manager certificate with DNS authorization; each authorization's
`_acme-challenge` CNAME goes into the plan's Cloud DNS zone for its domain, or is a step for the operator."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, item_of
from providers.gcp.spec import GcpSpec

HOSTED_ZONE = "aws.route53.zone"


class DnsAuthorizationSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    domain: str  # the domain authorized (a wildcard's base domain)
    managed_zone: str | None = None  # plan item id of the public Cloud DNS zone that gets its CNAME


class CertificateSpec(GcpSpec):
    type: Literal["gcp.certificatemanager.certificate"] = "gcp.certificatemanager.certificate"
    domains: list[str]
    scope: str = "DEFAULT"
    authorizations: list[DnsAuthorizationSpec] = Field(default_factory=list)

    def referenced_ids(self) -> list[str]:
        return [a.managed_zone for a in self.authorizations if a.managed_zone]


def _zone_name(zone: Resource) -> str:
    return str(zone.props.get("zone_name") or zone.name).rstrip(".").lower()


def zone_for(domain: str, ctx: MappingContext) -> str | None:
    """Item id of the planned public zone that serves `domain` (the longest matching zone name)."""
    zones = [z for z in index_of(ctx).of_key(HOSTED_ZONE) if not z.props.get("private_zone") and item_of(z.id, ctx)]
    name = domain.lower().rstrip(".")
    serving = [z for z in zones if name == _zone_name(z) or name.endswith("." + _zone_name(z))]
    best = max(serving, key=lambda z: len(_zone_name(z)), default=None)
    return item_of(best.id, ctx) if best else None


def _authorization_notes(authorizations: list[DnsAuthorizationSpec]) -> list[str]:
    notes = []
    for auth in authorizations:
        if auth.managed_zone:
            notes.append(f"the DNS authorization CNAME (_acme-challenge.{auth.domain}) is created in Cloud DNS zone "
                         f"{auth.managed_zone}: the certificate is issued once that zone is delegated at the registrar")
        else:
            notes.append(f"add the DNS authorization CNAME (_acme-challenge.{auth.domain}, stack output "
                         "certificate_dns_authorizations) where the domain's DNS is served: no zone of the plan "
                         "holds it, and the certificate stays PROVISIONING until the record exists")
    return notes


def map_cert(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("type") == "IMPORTED":
        return manual("imported certificate: its private key never left the issuer and cannot be exported from ACM",
                       f"reissue {props.get('domain_name')} (a Google-managed certificate) or upload the original "
                       "key and chain as a self-managed Certificate Manager certificate")
    if props.get("status") in ("EXPIRED", "REVOKED", "FAILED", "VALIDATION_TIMED_OUT"):
        return skipped(f"certificate is {props.get('status')}: nothing to move")
    domains = [d for d in dict.fromkeys([props.get("domain_name"), *(props.get("subject_alternative_names") or [])]) if d]
    authorized = sorted({str(d).removeprefix("*.") for d in domains})
    authorizations = [DnsAuthorizationSpec(domain=d, managed_zone=zone_for(d, ctx)) for d in authorized]
    spec = CertificateSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), domains=domains,
                           authorizations=authorizations)
    notes = ["Google-managed certificate with DNS authorization", *_authorization_notes(authorizations)]
    return done("mapped", spec, notes, pricing.unpriced("no Certificate Manager rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"cert": map_cert}
SPECS: tuple[type[GcpSpec], ...] = (CertificateSpec,)
