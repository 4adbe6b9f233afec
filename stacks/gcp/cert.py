"""Builds `gcp.certificatemanager.certificate` (`cert`): a managed certificate with its DNS authorizations."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.cert import CertificateSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_certificate(group: GcpGroup, item: PlanItem, spec: CertificateSpec) -> pulumi.Resource:
    authorizations = []
    for index, domain in enumerate(sorted({d.removeprefix("*.") for d in spec.domains})):
        authorization = gcp.certificatemanager.DnsAuthorization(
            f"{item.id}-auth-{index}", name=f"{spec.name}-auth-{index}"[:63], domain=domain, labels=spec.labels,
            opts=group.opts())
        authorizations.append(authorization)
    certificate = gcp.certificatemanager.Certificate(
        item.id, name=spec.name, scope=spec.scope, labels=spec.labels,
        managed={"domains": spec.domains, "dns_authorizations": [a.id for a in authorizations]}, opts=group.opts())
    group.export(item, "dns_authorization_records", [a.dns_resource_records for a in authorizations])
    return certificate


BUILD: dict[str, GcpBuilder] = {"gcp.certificatemanager.certificate": build_certificate}
