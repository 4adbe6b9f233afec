"""`kms.key` -> a Cloud KMS crypto key of the same purpose and algorithm, in a key ring per location."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import child_name, done, region_of
from providers.gcp.spec import GcpSpec

# AWS KMS key spec/usage -> Cloud KMS purpose and algorithm.
KMS_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"): ("ENCRYPT_DECRYPT", "GOOGLE_SYMMETRIC_ENCRYPTION"),
    ("RSA_2048", "ENCRYPT_DECRYPT"): ("ASYMMETRIC_DECRYPT", "RSA_DECRYPT_OAEP_2048_SHA256"),
    ("RSA_3072", "ENCRYPT_DECRYPT"): ("ASYMMETRIC_DECRYPT", "RSA_DECRYPT_OAEP_3072_SHA256"),
    ("RSA_4096", "ENCRYPT_DECRYPT"): ("ASYMMETRIC_DECRYPT", "RSA_DECRYPT_OAEP_4096_SHA256"),
    ("RSA_2048", "SIGN_VERIFY"): ("ASYMMETRIC_SIGN", "RSA_SIGN_PSS_2048_SHA256"),
    ("RSA_3072", "SIGN_VERIFY"): ("ASYMMETRIC_SIGN", "RSA_SIGN_PSS_3072_SHA256"),
    ("RSA_4096", "SIGN_VERIFY"): ("ASYMMETRIC_SIGN", "RSA_SIGN_PSS_4096_SHA256"),
    ("ECC_NIST_P256", "SIGN_VERIFY"): ("ASYMMETRIC_SIGN", "EC_SIGN_P256_SHA256"),
    ("ECC_NIST_P384", "SIGN_VERIFY"): ("ASYMMETRIC_SIGN", "EC_SIGN_P384_SHA384"),
    ("HMAC_256", "GENERATE_VERIFY_MAC"): ("MAC", "HMAC_SHA256"),
}


class KmsKeySpec(GcpSpec):
    type: Literal["gcp.kms.crypto_key"] = "gcp.kms.crypto_key"
    location: str
    key_ring: str
    purpose: str  # ENCRYPT_DECRYPT | ASYMMETRIC_SIGN | ASYMMETRIC_DECRYPT | MAC
    algorithm: str


def map_kms_key(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("key_manager") != "CUSTOMER":
        return skipped("AWS-managed key: Google encrypts data at rest by default with Google-managed keys")
    if props.get("key_state") in ("PendingDeletion", "Disabled"):
        return skipped(f"key is {props.get('key_state')}: not recreated")
    purpose_algorithm = KMS_KEYS.get((str(props.get("key_spec")), str(props.get("key_usage"))))
    if purpose_algorithm is None:
        return manual(f"key spec {props.get('key_spec')}/{props.get('key_usage')} has no Cloud KMS mapping here",
                       "create the Cloud KMS key by hand")
    region = region_of(resource, ctx)
    spec = KmsKeySpec(name=ctx.target_name(resource), labels=ctx.labels(resource), location=region,
                      key_ring=child_name(region, "keys"), purpose=purpose_algorithm[0],
                      algorithm=purpose_algorithm[1])
    notes = ["key material cannot leave AWS KMS: data encrypted under it must be decrypted at the source and "
             "re-encrypted (or re-written) under the new key"]
    return done("partial", spec, notes, pricing.unpriced("no Cloud KMS rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"kms.key": map_kms_key}
SPECS: tuple[type[GcpSpec], ...] = (KmsKeySpec,)
