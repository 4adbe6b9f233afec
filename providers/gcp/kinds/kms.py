"""`kms.key` -> a Cloud KMS crypto key of the same purpose and algorithm, in a key ring per location."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import child_name, done, region_of
from providers.gcp.spec import GcpSpec

# What AWS KMS gives a key created without KeySpec and KeyUsage (AWS KMS API reference, CreateKey:
# "KeySpec ... Default: SYMMETRIC_DEFAULT", "KeyUsage ... Default: ENCRYPT_DECRYPT").
DEFAULT_KEY_SPEC = "SYMMETRIC_DEFAULT"
DEFAULT_KEY_USAGE = "ENCRYPT_DECRYPT"

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


def key_spec_and_usage(props: dict[str, object]) -> tuple[str, str, list[str]]:
    """The key's spec and usage; AWS's CreateKey defaults for what the inventory did not record, with a note."""
    key_spec = str(props.get("key_spec") or DEFAULT_KEY_SPEC)
    key_usage = str(props.get("key_usage") or DEFAULT_KEY_USAGE)
    missing = [what for what, prop in (("key spec", "key_spec"), ("key usage", "key_usage")) if not props.get(prop)]
    notes = ([f"{' and '.join(missing)} not inventoried: AWS KMS's CreateKey default assumed ({DEFAULT_KEY_SPEC} / "
              f"{DEFAULT_KEY_USAGE}); check the source key"] if missing else [])
    return key_spec, key_usage, notes


def map_kms_key(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("key_manager") != "CUSTOMER":
        return skipped("AWS-managed key: Google encrypts data at rest by default with Google-managed keys")
    if props.get("key_state") in ("PendingDeletion", "Disabled"):
        return skipped(f"key is {props.get('key_state')}: not recreated")
    key_spec, key_usage, default_notes = key_spec_and_usage(props)
    purpose_algorithm = KMS_KEYS.get((key_spec, key_usage))
    if purpose_algorithm is None:
        return manual(f"key spec {key_spec}/{key_usage} has no Cloud KMS mapping here",
                       "create the Cloud KMS key by hand")
    region = region_of(resource, ctx)
    spec = KmsKeySpec(name=ctx.target_name(resource), labels=ctx.labels(resource), location=region,
                      key_ring=child_name(region, "keys"), purpose=purpose_algorithm[0],
                      algorithm=purpose_algorithm[1])
    notes = ["key material cannot leave AWS KMS: data encrypted under it must be decrypted at the source and "
             "re-encrypted (or re-written) under the new key", *default_notes]
    return done("partial", spec, notes, pricing.unpriced("no Cloud KMS rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"kms.key": map_kms_key}
SPECS: tuple[type[GcpSpec], ...] = (KmsKeySpec,)
