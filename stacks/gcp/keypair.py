"""Builds `gcp.compute.os_login` (`compute.keypair`): OS Login enabled once for the project."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.keypair import OsLoginSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_os_login(group: GcpGroup, item: PlanItem, spec: OsLoginSpec) -> pulumi.Resource:
    group.export(item, "ssh_key_to_import", f"{spec.key_name} ({spec.key_type}, {spec.fingerprint})")
    return group.shared(("os-login",), lambda: gcp.compute.ProjectMetadataItem(
        "enable-oslogin", key="enable-oslogin", value="TRUE", opts=group.opts()))


BUILD: dict[str, GcpBuilder] = {"gcp.compute.os_login": build_os_login}
