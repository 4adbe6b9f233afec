"""Certificates (cert) -> new ACM certificates validated by DNS; imported ones are manual (their key stays put).

A certificate CloudFront serves is issued in us-east-1. Each domain's validation
record goes in the rebuilt public hosted zone of that domain when the plan has it
(the stack creates the CNAMEs and waits for issuance); the others are listed for
the operator to create where the domain's DNS is served.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import common_fields, rebuilt_region, result, serves_cloudfront
from providers.aws.spec import Spec, _Part

ZONE = "aws.route53.zone"
WILDCARD = "*."


class ValidationRecordSpec(_Part):
    """The DNS validation CNAME of one domain (a wildcard shares its base domain's), in a rebuilt zone."""

    domain_name: str
    zone_item: str


class CertificateSpec(Spec):
    type: Literal["aws.acm.certificate"] = "aws.acm.certificate"
    domain_name: str
    subject_alternative_names: list[str] = Field(default_factory=list)
    validation_method: Literal["DNS"] = "DNS"
    validation_records: list[ValidationRecordSpec] = Field(default_factory=list)
    operator_validated_domains: list[str] = Field(default_factory=list)  # no rebuilt zone: the operator adds the CNAME


def validated_names(domains: list[str]) -> list[str]:
    """The names ACM asks one validation record for: `*.example.com` and `example.com` share one."""
    return list(dict.fromkeys(domain.removeprefix(WILDCARD).lower().rstrip(".") for domain in domains if domain))


def _public_zones(resource: Resource) -> list[str]:
    if resource.props.get("private_zone"):
        return []
    return [str(resource.props.get("zone_name") or resource.name).lower().rstrip(".")]


def zone_item_of(domain: str, ctx: MappingContext) -> str | None:
    """The plan item of the rebuilt public zone that serves `domain` (the longest matching zone name)."""
    zones = index_of(ctx).group_by(_public_zones, ZONE)
    labels = domain.split(".")
    for start in range(len(labels) - 1):
        for zone in zones.get(".".join(labels[start:]), ()):
            item_id = ctx.item_id(zone.id)
            if item_id:
                return item_id
    return None


def _validation(domains: list[str], ctx: MappingContext) -> tuple[list[ValidationRecordSpec], list[str]]:
    records, by_operator = [], []
    for name in validated_names(domains):
        zone = zone_item_of(name, ctx)
        if zone:
            records.append(ValidationRecordSpec(domain_name=name, zone_item=zone))
        else:
            by_operator.append(name)
    return records, by_operator


def _notes(by_operator: list[str], used_by_cloudfront: bool) -> list[str]:
    notes = ["DNS validation: the stack creates the validation CNAMEs in the rebuilt zones and waits until ACM issues it"]
    if by_operator:
        notes.append(
            f"no rebuilt hosted zone serves {', '.join(by_operator)}: create their validation CNAMEs where that DNS "
            "is served while `pulumi up` waits (ACM console, or the stack output validation_records_to_create)"
        )
    if used_by_cloudfront:
        notes.append("served by CloudFront, so issued in us-east-1")
    return notes


def map_cert(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("type") == "IMPORTED":
        return manual(
            "imported certificate: its private key is not in AWS's hands and cannot be exported",
            "import the certificate and key into ACM in the new account (or issue a new one)",
        )
    domain = str(props.get("domain_name") or resource.name)
    alternatives = [name for name in props.get("subject_alternative_names") or [] if name != domain]
    records, by_operator = _validation([domain, *alternatives], ctx)
    region = rebuilt_region(resource, ctx)
    spec = CertificateSpec(
        **{**common_fields(resource, ctx), "region": region},
        domain_name=domain,
        subject_alternative_names=alternatives,
        validation_records=records,
        operator_validated_domains=by_operator,
    )
    return result("partial" if by_operator else "mapped", spec, None, _notes(by_operator, serves_cloudfront(resource, ctx)))


MAP: dict[str, MapFunction] = {"cert": map_cert}
SPECS: tuple[type[Spec], ...] = (CertificateSpec,)
