"""Builds `gcp.compute.region_instance_group_manager` (`compute.group`): a regional managed instance
group with its CPU autoscaler."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.instance_group import InstanceGroupSpec
from stacks.gcp.base import GcpBuilder, GcpGroup

# Autoscaler target: a stated default (AWS scaling policies are not inventoried; the plan notes say so).
CPU_UTILIZATION_TARGET = 0.6


def build_group(group: GcpGroup, item: PlanItem, spec: InstanceGroupSpec) -> pulumi.Resource:
    if spec.instance_template is None:
        raise ValueError("the group has no instance template item")
    manager = gcp.compute.RegionInstanceGroupManager(
        item.id, name=spec.name, region=spec.region, base_instance_name=spec.base_instance_name,
        versions=[{"instance_template": group.ref(item, spec.instance_template, "self_link"), "name": "primary"}],
        named_ports=[{"name": port.name, "port": port.port} for port in spec.named_ports],
        wait_for_instances=True,  # else a template whose instances never start still reports success
        opts=group.opts())
    gcp.compute.RegionAutoscaler(
        f"{item.id}-autoscaler", name=f"{spec.name}-autoscaler"[:63], region=spec.region, target=manager.id,
        autoscaling_policy={"min_replicas": spec.min_replicas, "max_replicas": spec.max_replicas,
                            "cpu_utilization": {"target": CPU_UTILIZATION_TARGET}},
        opts=group.opts())
    group.export(item, "instance_group", manager.instance_group)
    return manager


BUILD: dict[str, GcpBuilder] = {"gcp.compute.region_instance_group_manager": build_group}
