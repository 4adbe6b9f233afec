"""Security: Secret Manager secrets (created empty), Cloud KMS keys, OS Login for SSH keys."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp import specs as s
from stacks.gcp.base import GcpGroup, GcpGroupArgs


@dataclass
class SecurityArgs(GcpGroupArgs):
    """Items of the `security` group."""


def build_secret(group: GcpGroup, item: PlanItem, spec: s.SecretSpec) -> pulumi.Resource:
    # No version: the value was never inventoried; an operator adds it (plan notes say so).
    secret = gcp.secretmanager.Secret(item.id, secret_id=spec.name, replication={"auto": {}}, labels=spec.labels,
                                      opts=group.opts())
    group.export(item, "secret", secret.id)
    return secret


def build_kms_key(group: GcpGroup, item: PlanItem, spec: s.KmsKeySpec) -> pulumi.Resource:
    ring = group.shared(("key-ring", spec.location, spec.key_ring), lambda: gcp.kms.KeyRing(
        f"key-ring-{spec.location}-{spec.key_ring}", name=spec.key_ring, location=spec.location, opts=group.opts()))
    key = gcp.kms.CryptoKey(item.id, name=spec.name, key_ring=ring.id, purpose=spec.purpose,
                            version_template={"algorithm": spec.algorithm}, labels=spec.labels, opts=group.opts())
    group.export(item, "key", key.id)
    return key


def build_os_login(group: GcpGroup, item: PlanItem, spec: s.OsLoginSpec) -> pulumi.Resource:
    group.export(item, "ssh_key_to_import", f"{spec.key_name} ({spec.key_type}, {spec.fingerprint})")
    return group.shared(("os-login",), lambda: gcp.compute.ProjectMetadataItem(
        "enable-oslogin", key="enable-oslogin", value="TRUE", opts=group.opts()))


class Security(GcpGroup):
    group = "security"
    spec_builders = {
        "gcp.secretmanager.secret": build_secret,
        "gcp.kms.crypto_key": build_kms_key,
        "gcp.compute.os_login": build_os_login,
    }
