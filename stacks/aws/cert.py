"""Builds ACM certificates (cert) validated by DNS, their validation records and the wait for issuance.

Each domain whose zone the plan rebuilds gets its validation CNAME there (from the
certificate's `domain_validation_options`); an `acm.CertificateValidation` waits
until ACM issues the certificate and is registered as the item's `validated`
resource: listeners and distributions take its `certificate_arn`
(stacks/aws/_shared.py `certificate_arn`), so they are created after issuance.
The records of the other domains are exported as `validation_records_to_create`.
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.cert import CertificateSpec, ValidationRecordSpec
from stacks.aws._shared import VALIDATED
from stacks.aws.base import AwsBuilder, AwsGroup
from stacks.common import derived
from stacks.common.derive import derive

VALIDATION_TTL_S = 60


def _validation_record(
    group: AwsGroup, item: PlanItem, spec: CertificateSpec, certificate: aws.acm.Certificate, index: int, record: ValidationRecordSpec
) -> aws.route53.Record | None:
    zone_id = group.optional_ref(item, record.zone_item, "zone_id")
    if zone_id is None:
        return None
    options = certificate.domain_validation_options
    return aws.route53.Record(
        f"{item.id}-validation-{index}",
        zone_id=zone_id,
        name=derive(derived.validation_record_field, options, domain=record.domain_name, field="resource_record_name"),
        type=derive(derived.validation_record_field, options, domain=record.domain_name, field="resource_record_type"),
        records=[derive(derived.validation_record_field, options, domain=record.domain_name, field="resource_record_value")],
        ttl=VALIDATION_TTL_S,
        allow_overwrite=True,  # another certificate of the same name asks for the very same record
        opts=group.opts(spec),
    )


def build_certificate(group: AwsGroup, item: PlanItem, spec: CertificateSpec) -> pulumi.Resource:
    certificate = aws.acm.Certificate(
        item.id,
        domain_name=spec.domain_name,
        subject_alternative_names=spec.subject_alternative_names or None,
        validation_method=spec.validation_method,
        **group.tagged(spec),
    )
    records = [_validation_record(group, item, spec, certificate, index, record) for index, record in enumerate(spec.validation_records, 1)]
    validation = aws.acm.CertificateValidation(
        f"{item.id}-validation",
        certificate_arn=certificate.arn,
        validation_record_fqdns=[record.fqdn for record in records if record is not None] or None,
        opts=group.opts(spec),
    )
    group.registry.register(item.id, certificate)
    group.registry.register(item.id, validation, role=VALIDATED)
    unbuilt_zones = [record.domain_name for record, built in zip(spec.validation_records, records, strict=True) if built is None]
    to_create = [*spec.operator_validated_domains, *unbuilt_zones]
    if to_create:
        group.export(item, "validation_records_to_create", derive(derived.validation_records, certificate.domain_validation_options, domains=to_create))
    return group.exporting(item, certificate, validation_records="domain_validation_options")


BUILD: dict[str, AwsBuilder] = {"aws.acm.certificate": build_certificate}
