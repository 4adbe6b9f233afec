"""Builds ACM certificates (cert) validated by DNS; the records to create are exported as `validation_records`."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.cert import CertificateSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_certificate(group: AwsGroup, item: PlanItem, spec: CertificateSpec) -> pulumi.Resource:
    certificate = aws.acm.Certificate(
        item.id,
        domain_name=spec.domain_name,
        subject_alternative_names=spec.subject_alternative_names or None,
        validation_method=spec.validation_method,
        **group.tagged(spec),
    )
    return group.exporting(item, certificate, validation_records="domain_validation_options")


BUILD: dict[str, AwsBuilder] = {"aws.acm.certificate": build_certificate}
