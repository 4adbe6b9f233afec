"""KMS keys (kms.key) -> new customer-managed KMS keys with their aliases (new key material: data is re-encrypted)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, result
from providers.aws.spec import Spec

AWS_ALIAS_PREFIX = "alias/aws/"  # reserved for AWS-managed keys


class KmsKeySpec(Spec):
    type: Literal["aws.kms.key"] = "aws.kms.key"
    # AWS KMS CreateKey's defaults (API reference: KeySpec "Default: SYMMETRIC_DEFAULT", KeyUsage "Default: ENCRYPT_DECRYPT")
    key_spec: str = "SYMMETRIC_DEFAULT"
    key_usage: str = "ENCRYPT_DECRYPT"
    aliases: list[str] = Field(default_factory=list)


def map_kms_key(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = KmsKeySpec(
        **common_fields(resource, ctx),
        key_spec=str(props.get("key_spec") or "SYMMETRIC_DEFAULT"),
        key_usage=str(props.get("key_usage") or "ENCRYPT_DECRYPT"),
        aliases=[alias for alias in props.get("aliases") or [] if not str(alias).startswith(AWS_ALIAS_PREFIX)],
    )
    missing = [what for what, prop in (("key spec", "key_spec"), ("key usage", "key_usage")) if not props.get(prop)]
    defaults = ([f"{' and '.join(missing)} not inventoried: AWS KMS's CreateKey default assumed "
                 f"({spec.key_spec} / {spec.key_usage}); check the source key"] if missing else [])
    return result("mapped", spec, unpriced("KMS"), [
        "a new key with new material: data encrypted under the old key must be decrypted and re-encrypted during the copy",
        *defaults,
    ])


MAP: dict[str, MapFunction] = {"kms.key": map_kms_key}
SPECS: tuple[type[Spec], ...] = (KmsKeySpec,)
