"""ACM certificates (metadata; no private keys)."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import iso

# ListCertificates returns only RSA_2048 certificates unless asked for every key type.
ALL_KEY_TYPES = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]


def _describe(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    arn = item["CertificateArn"]
    item.update(guarded(ctx, lambda: client.describe_certificate(CertificateArn=arn), {}).get("Certificate", {}))
    item["Tags"] = guarded(ctx, lambda: client.list_tags_for_certificate(CertificateArn=arn), {}).get("Tags", [])


def _build(item: Item, ctx: JobContext) -> Built:
    return Built(
        props={
            "domain_name": item.get("DomainName"),
            "subject_alternative_names": item.get("SubjectAlternativeNames", []),
            "status": item.get("Status"),
            "type": item.get("Type"),
            "in_use_by": item.get("InUseBy", []),
            "key_algorithm": item.get("KeyAlgorithm"),
            "not_after": iso(item.get("NotAfter")),
            "renewal_eligibility": item.get("RenewalEligibility"),
        },
    )


register(
    ResourceSpec(
        "aws.acm.certificate", "acm", "list_certificates", "CertificateSummaryList[]", "CertificateArn", _build,
        name_field="DomainName", page_size=1000, params={"Includes": {"keyTypes": ALL_KEY_TYPES}}, detail=_describe,
    ),
)
