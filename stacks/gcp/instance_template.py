"""Builds `gcp.compute.instance_template` (`compute.template`): a Compute Engine instance template."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.instance_template import InstanceTemplateSpec
from stacks.gcp._shared import accelerators, network_interface
from stacks.gcp.base import GcpBuilder, GcpGroup

TEMPLATE_NAME_PREFIX_MAX = 37  # the Compute API's limit for instance-template name prefixes


def build_template(group: GcpGroup, item: PlanItem, spec: InstanceTemplateSpec) -> pulumi.Resource:
    return gcp.compute.InstanceTemplate(
        item.id, name_prefix=f"{spec.name}-"[:TEMPLATE_NAME_PREFIX_MAX], machine_type=spec.machine_type,
        labels=spec.labels, tags=spec.network_tags,
        disks=[{"source_image": spec.boot_image, "boot": True, "auto_delete": True,
                "disk_size_gb": spec.boot_disk_gb, "disk_type": spec.boot_disk_type}],
        network_interfaces=[network_interface(group, item, spec)], **accelerators(spec),
        opts=group.opts())


BUILD: dict[str, GcpBuilder] = {"gcp.compute.instance_template": build_template}
