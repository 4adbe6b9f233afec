"""Builds `gcp.compute.backend_service` (`lb.backend`): a backend service over managed and unmanaged groups, and
the firewall rule that lets the load balancer's health checks and proxies reach its backends (`admit_probes`)."""

from __future__ import annotations

import pulumi

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.backend import BackendServiceSpec
from stacks.gcp._shared import admit_probes, backend_service, built_instances, unmanaged_groups
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_backend(group: GcpGroup, item: PlanItem, spec: BackendServiceSpec) -> pulumi.Resource:
    managed_ids = group.buildable_refs(item, spec.instance_groups, "backend instance group")
    managed = [group.ref(item, g, "instance_group") for g in managed_ids]
    unmanaged = unmanaged_groups(group, item, item.id, spec.instances, spec.port_name, spec.port)
    service = backend_service(
        group, item, name=spec.name, logical=item.id, lb_type=spec.lb_type, region=spec.region,
        protocol=spec.protocol, port=spec.port, port_name=spec.port_name, health_path=spec.health_check_path,
        health_port=spec.health_check_port, instance_groups=managed + unmanaged, labels=spec.labels)
    templates = [_template_of(group, g) for g in managed_ids]
    admit_probes(group, item, logical=item.id, name=spec.name, lb_type=spec.lb_type, protocol=spec.protocol,
                 ports=[spec.port, spec.health_check_port or spec.port],
                 machine_ids=[t for t in templates if t] + built_instances(group, spec.instances))
    return service


def _template_of(group: GcpGroup, instance_group_id: str) -> str | None:
    return getattr(group.spec_of_id(instance_group_id), "instance_template", None)


BUILD: dict[str, GcpBuilder] = {"gcp.compute.backend_service": build_backend}
