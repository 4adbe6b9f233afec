"""Builds `gcp.certificatemanager.certificate` (`cert`): a managed certificate with its DNS authorizations, and
each authorization's CNAME record in the plan's Cloud DNS zone for its domain."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.cert import CertificateSpec, DnsAuthorizationSpec
from stacks.common import derived
from stacks.common.derive import derive
from stacks.gcp.base import GcpBuilder, GcpGroup

AUTHORIZATION_RECORD_TTL_S = 300  # a stated default: the record only has to exist while Google validates


def _authorization_record(group: GcpGroup, item: PlanItem, logical: str, zone_id: str,
                          authorization: gcp.certificatemanager.DnsAuthorization) -> pulumi.Resource:
    records = authorization.dns_resource_records
    return gcp.dns.RecordSet(
        f"{logical}-record", managed_zone=group.ref(item, zone_id, "name"),
        name=derive(derived.first_record_field, records, field="name"),
        type=derive(derived.first_record_field, records, field="type"),
        ttl=AUTHORIZATION_RECORD_TTL_S, rrdatas=[derive(derived.first_record_field, records, field="data")], opts=group.opts())


def build_certificate(group: GcpGroup, item: PlanItem, spec: CertificateSpec) -> pulumi.Resource:
    authorizations = []
    # A plan written before authorizations were planned: one per domain, no zone to write the record into.
    planned = spec.authorizations or [DnsAuthorizationSpec(domain=d) for d in sorted({d.removeprefix("*.")
                                                                                        for d in spec.domains})]
    for index, wanted in enumerate(planned):
        logical = f"{item.id}-auth-{index}"
        authorization = gcp.certificatemanager.DnsAuthorization(
            logical, name=f"{spec.name}-auth-{index}"[:63], domain=wanted.domain, labels=spec.labels, opts=group.opts())
        zones = group.buildable_refs(item, [wanted.managed_zone] if wanted.managed_zone else [], "DNS zone")
        for zone_id in zones:
            _authorization_record(group, item, logical, zone_id, authorization)
        authorizations.append(authorization)
    certificate = gcp.certificatemanager.Certificate(
        item.id, name=spec.name, scope=spec.scope, labels=spec.labels,
        managed={"domains": spec.domains, "dns_authorizations": [a.id for a in authorizations]}, opts=group.opts())
    group.export(item, "dns_authorization_records", [a.dns_resource_records for a in authorizations])
    return certificate


BUILD: dict[str, GcpBuilder] = {"gcp.certificatemanager.certificate": build_certificate}
