"""`cert` -> a Google-managed Certificate Manager certificate with DNS authorization."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done
from providers.gcp.spec import GcpSpec


class CertificateSpec(GcpSpec):
    type: Literal["gcp.certificatemanager.certificate"] = "gcp.certificatemanager.certificate"
    domains: list[str]
    scope: str = "DEFAULT"


def map_cert(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("type") == "IMPORTED":
        return manual("imported certificate: its private key never left the issuer and cannot be exported from ACM",
                       f"reissue {props.get('domain_name')} (a Google-managed certificate) or upload the original "
                       "key and chain as a self-managed Certificate Manager certificate")
    if props.get("status") in ("EXPIRED", "REVOKED", "FAILED", "VALIDATION_TIMED_OUT"):
        return skipped(f"certificate is {props.get('status')}: nothing to move")
    domains = list(dict.fromkeys([props.get("domain_name"), *(props.get("subject_alternative_names") or [])]))
    spec = CertificateSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                           domains=[d for d in domains if d])
    notes = ["Google-managed certificate with DNS authorization: add the authorization CNAME records "
             "(stack output) to the zone before it can be issued"]
    return done("mapped", spec, notes, pricing.unpriced("no Certificate Manager rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"cert": map_cert}
SPECS: tuple[type[GcpSpec], ...] = (CertificateSpec,)
