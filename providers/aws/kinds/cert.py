"""Certificates (cert) -> new ACM certificates validated by DNS; imported ones are manual (their key stays put).

A certificate CloudFront serves is issued in us-east-1.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import CLOUDFRONT_REGION, common_fields, result, target_region
from providers.aws.spec import Spec


class CertificateSpec(Spec):
    type: Literal["aws.acm.certificate"] = "aws.acm.certificate"
    domain_name: str
    subject_alternative_names: list[str] = Field(default_factory=list)
    validation_method: Literal["DNS"] = "DNS"


def map_cert(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("type") == "IMPORTED":
        return manual(
            "imported certificate: its private key is not in AWS's hands and cannot be exported",
            "import the certificate and key into ACM in the new account (or issue a new one)",
        )
    used_by_cloudfront = any(":cloudfront:" in str(user) for user in props.get("in_use_by") or [])
    region = CLOUDFRONT_REGION if used_by_cloudfront else target_region(resource, ctx)
    spec = CertificateSpec(
        **{**common_fields(resource, ctx), "region": region},
        domain_name=str(props.get("domain_name") or resource.name),
        subject_alternative_names=[
            name for name in props.get("subject_alternative_names") or [] if name != props.get("domain_name")
        ],
    )
    notes = ["DNS validation: create the CNAME records the stack outputs (validation_records) before it can be issued"]
    if used_by_cloudfront:
        notes.append("served by CloudFront, so issued in us-east-1")
    return result("mapped", spec, None, notes)


MAP: dict[str, MapFunction] = {"cert": map_cert}
SPECS: tuple[type[Spec], ...] = (CertificateSpec,)
