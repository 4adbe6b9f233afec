"""Builds `gcp.compute.instance` (`compute.vm`): a Compute Engine instance with its disks and external address."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.vm import InstanceSpec
from stacks.common import derived
from stacks.common.derive import derive
from stacks.gcp._shared import accelerators, network_interface
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_instance(group: GcpGroup, item: PlanItem, spec: InstanceSpec) -> pulumi.Resource:
    interface = network_interface(group, item, spec)
    if spec.external_address:
        interface["access_configs"] = [{"nat_ip": group.ref(item, spec.external_address, "address")}]
    elif spec.ephemeral_public_ip:
        interface["access_configs"] = [{}]
    instance = gcp.compute.Instance(
        item.id, name=spec.name, zone=spec.zone, machine_type=spec.machine_type, labels=spec.labels,
        tags=spec.network_tags,
        boot_disk={"initialize_params": {"image": spec.boot_image, "size": spec.boot_disk_gb,
                                         "type": spec.boot_disk_type}},
        network_interfaces=[interface],
        attached_disks=[{"source": group.ref(item, disk, "self_link")}
                        for disk in group.buildable_refs(item, spec.disks, "attached disk")],
        allow_stopping_for_update=True, **accelerators(spec), opts=group.opts())
    group.export(item, "self_link", instance.self_link)
    group.export(item, "internal_ip", derive(derived.first_network_ip, instance.network_interfaces))
    if spec.external_address:
        group.export(item, "external_ip", group.ref(item, spec.external_address, "address"))
    return instance


BUILD: dict[str, GcpBuilder] = {"gcp.compute.instance": build_instance}
