"""Compute: instances, instance templates, managed instance groups, functions, Cloud Run, GKE."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp import specs as s
from stacks.gcp.base import DEFAULT_NETWORK, GcpGroup, GcpGroupArgs

# Autoscaler target: a stated default (AWS scaling policies are not inventoried; the plan notes say so).
CPU_UTILIZATION_TARGET = 0.6
TEMPLATE_NAME_PREFIX_MAX = 37  # the Compute API's limit for instance-template name prefixes


@dataclass
class ComputeArgs(GcpGroupArgs):
    """Items of the `compute` group."""


def _interface(group: GcpGroup, item: PlanItem, spec: s._MachineShape) -> dict[str, Any]:
    if spec.subnetwork:
        return {"subnetwork": group.ref(item, spec.subnetwork, "self_link")}
    if spec.network:
        return {"network": group.ref(item, spec.network, "self_link")}
    return {"network": DEFAULT_NETWORK}


def _accelerators(spec: s._MachineShape) -> dict[str, Any]:
    if spec.accelerator is None:
        return {}
    # VMs with attached GPUs cannot live-migrate: they stop for host maintenance.
    return {"guest_accelerators": [{"type": spec.accelerator.type, "count": spec.accelerator.count}],
            "scheduling": {"on_host_maintenance": "TERMINATE", "automatic_restart": True}}


def build_instance(group: GcpGroup, item: PlanItem, spec: s.InstanceSpec) -> pulumi.Resource:
    interface = _interface(group, item, spec)
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
        allow_stopping_for_update=True, **_accelerators(spec), opts=group.opts())
    group.export(item, "self_link", instance.self_link)
    group.export(item, "internal_ip", instance.network_interfaces.apply(
        lambda nics: (nics[0].get("network_ip") if isinstance(nics[0], dict) else nics[0].network_ip) if nics else None))
    if spec.external_address:
        group.export(item, "external_ip", group.ref(item, spec.external_address, "address"))
    return instance


def build_template(group: GcpGroup, item: PlanItem, spec: s.InstanceTemplateSpec) -> pulumi.Resource:
    return gcp.compute.InstanceTemplate(
        item.id, name_prefix=f"{spec.name}-"[:TEMPLATE_NAME_PREFIX_MAX], machine_type=spec.machine_type,
        labels=spec.labels, tags=spec.network_tags,
        disks=[{"source_image": spec.boot_image, "boot": True, "auto_delete": True,
                "disk_size_gb": spec.boot_disk_gb, "disk_type": spec.boot_disk_type}],
        network_interfaces=[_interface(group, item, spec)], **_accelerators(spec),
        opts=group.opts())


def build_group(group: GcpGroup, item: PlanItem, spec: s.InstanceGroupSpec) -> pulumi.Resource:
    if spec.instance_template is None:
        raise ValueError("the group has no instance template item")
    manager = gcp.compute.RegionInstanceGroupManager(
        item.id, name=spec.name, region=spec.region, base_instance_name=spec.base_instance_name,
        versions=[{"instance_template": group.ref(item, spec.instance_template, "self_link"), "name": "primary"}],
        named_ports=[{"name": port.name, "port": port.port} for port in spec.named_ports],
        opts=group.opts())
    gcp.compute.RegionAutoscaler(
        f"{item.id}-autoscaler", name=f"{spec.name}-autoscaler"[:63], region=spec.region, target=manager.id,
        autoscaling_policy={"min_replicas": spec.min_replicas, "max_replicas": spec.max_replicas,
                            "cpu_utilization": {"target": CPU_UTILIZATION_TARGET}},
        opts=group.opts())
    group.export(item, "instance_group", manager.instance_group)
    return manager


def _source_bucket(group: GcpGroup, region: str) -> gcp.storage.Bucket:
    return group.shared(("function-sources", region), lambda: gcp.storage.Bucket(
        f"function-sources-{region}", location=region.upper(), uniform_bucket_level_access=True,
        public_access_prevention="enforced", opts=group.opts()))  # type: ignore[return-value]


def build_function(group: GcpGroup, item: PlanItem, spec: s.CloudFunctionSpec) -> pulumi.Resource:
    bucket = _source_bucket(group, spec.region)
    function = gcp.cloudfunctionsv2.Function(
        item.id, name=spec.name, location=spec.region, labels=spec.labels,
        build_config={"runtime": spec.runtime, "entry_point": spec.entry_point,
                      "source": {"storage_source": {"bucket": bucket.name, "object": spec.source_object}}},
        service_config={"available_memory": f"{spec.memory_mb}M", "timeout_seconds": spec.timeout_s},
        opts=group.opts())
    group.export(item, "url", function.url)
    group.export(item, "source_bucket", bucket.url)
    return function


def build_cloud_run(group: GcpGroup, item: PlanItem, spec: s.CloudRunServiceSpec) -> pulumi.Resource:
    service = gcp.cloudrunv2.Service(
        item.id, name=spec.name, location=spec.region, labels=spec.labels, deletion_protection=False,
        template={"containers": [{"image": spec.image, "resources": {"limits": {"memory": f"{spec.memory_mb}Mi"}}}],
                  "timeout": f"{spec.timeout_s}s"},
        opts=group.opts())
    group.export(item, "url", service.uri)
    return service


def build_gke(group: GcpGroup, item: PlanItem, spec: s.GkeClusterSpec) -> pulumi.Resource:
    cluster = gcp.container.Cluster(
        item.id, name=spec.name, location=spec.region, enable_autopilot=spec.autopilot, resource_labels=spec.labels,
        network=group.ref(item, spec.network, "self_link") if spec.network else DEFAULT_NETWORK,
        subnetwork=group.ref(item, spec.subnetwork, "self_link") if spec.subnetwork else None,
        release_channel={"channel": spec.release_channel}, opts=group.opts())
    group.export(item, "endpoint", cluster.endpoint)
    return cluster


class Compute(GcpGroup):
    group = "compute"
    spec_builders = {
        "gcp.compute.instance": build_instance,
        "gcp.compute.instance_template": build_template,
        "gcp.compute.region_instance_group_manager": build_group,
        "gcp.cloudfunctions2.function": build_function,
        "gcp.cloudrun.service": build_cloud_run,
        "gcp.container.cluster": build_gke,
    }
