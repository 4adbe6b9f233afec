"""Builds `gcp.compute.backend_service` (`lb.backend`): a backend service over managed and unmanaged groups."""

from __future__ import annotations

import pulumi

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.backend import BackendServiceSpec
from stacks.gcp._shared import backend_service, unmanaged_groups
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_backend(group: GcpGroup, item: PlanItem, spec: BackendServiceSpec) -> pulumi.Resource:
    managed = [group.ref(item, g, "instance_group")
               for g in group.buildable_refs(item, spec.instance_groups, "backend instance group")]
    unmanaged = unmanaged_groups(group, item, item.id, spec.instances, spec.port_name, spec.port)
    return backend_service(
        group, item, name=spec.name, logical=item.id, lb_type=spec.lb_type, region=spec.region,
        protocol=spec.protocol, port=spec.port, port_name=spec.port_name, health_path=spec.health_check_path,
        health_port=spec.health_check_port, instance_groups=managed + unmanaged, labels=spec.labels)


BUILD: dict[str, GcpBuilder] = {"gcp.compute.backend_service": build_backend}
