"""Builds `gcp.kms.crypto_key` (`kms.key`): a Cloud KMS key in a key ring shared per location."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.kms import KmsKeySpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_kms_key(group: GcpGroup, item: PlanItem, spec: KmsKeySpec) -> pulumi.Resource:
    ring = group.shared(("key-ring", spec.location, spec.key_ring), lambda: gcp.kms.KeyRing(
        f"key-ring-{spec.location}-{spec.key_ring}", name=spec.key_ring, location=spec.location, opts=group.opts()))
    key = gcp.kms.CryptoKey(item.id, name=spec.name, key_ring=ring.id, purpose=spec.purpose,
                            version_template={"algorithm": spec.algorithm}, labels=spec.labels, opts=group.opts())
    group.export(item, "key", key.id)
    return key


BUILD: dict[str, GcpBuilder] = {"gcp.kms.crypto_key": build_kms_key}
