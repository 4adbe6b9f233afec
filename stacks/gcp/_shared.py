"""Builder helpers several GCP kinds share: a machine's network interface and GPUs, Private Service
Access for managed services, and the load-balancing pieces (health checks, backend services, frontends)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds._machine import MachineShape
from stacks.gcp.base import DEFAULT_NETWORK, GcpGroup

PSA_PREFIX_LENGTH = 16  # the /16 Google's Private Service Access guide reserves for managed services

EXTERNAL_MANAGED = "EXTERNAL_MANAGED"  # global external Application Load Balancer
EXTERNAL = "EXTERNAL"  # regional external passthrough Network Load Balancer


def network_interface(group: GcpGroup, item: PlanItem, spec: MachineShape) -> dict[str, Any]:
    if spec.subnetwork:
        return {"subnetwork": group.ref(item, spec.subnetwork, "self_link")}
    if spec.network:
        return {"network": group.ref(item, spec.network, "self_link")}
    return {"network": DEFAULT_NETWORK}


def accelerators(spec: MachineShape) -> dict[str, Any]:
    if spec.accelerator is None:
        return {}
    # VMs with attached GPUs cannot live-migrate: they stop for host maintenance.
    return {"guest_accelerators": [{"type": spec.accelerator.type, "count": spec.accelerator.count}],
            "scheduling": {"on_host_maintenance": "TERMINATE", "automatic_restart": True}}


def private_service_access(group: GcpGroup, item: PlanItem, network_id: str) -> pulumi.Resource:
    """One Private Service Access range and peering per VPC network (Cloud SQL private IP, Memorystore)."""

    def create() -> pulumi.Resource:
        network = group.ref(item, network_id)
        reserved = gcp.compute.GlobalAddress(
            f"{network_id}-psa-range", purpose="VPC_PEERING", address_type="INTERNAL",
            prefix_length=PSA_PREFIX_LENGTH, network=network, opts=group.opts())
        return gcp.servicenetworking.Connection(
            f"{network_id}-psa", network=network, service="servicenetworking.googleapis.com",
            reserved_peering_ranges=[reserved.name], opts=group.opts())

    return group.shared(("psa", network_id), create)


def _health_check(group: GcpGroup, name: str, lb_type: str, region: str, port: int | None,
                  path: str | None, protocol: str) -> pulumi.Resource:
    http_like = protocol in ("HTTP", "HTTPS") and path
    check: dict[str, Any] = (
        {"http_health_check": {"port": port, "request_path": path}} if http_like else {"tcp_health_check": {"port": port}})
    if lb_type == "application":
        return gcp.compute.HealthCheck(f"{name}-hc", **check, opts=group.opts())
    return gcp.compute.RegionHealthCheck(f"{name}-hc", region=region, **check, opts=group.opts())


def unmanaged_groups(group: GcpGroup, item: PlanItem, name: str, instance_ids: list[str], port_name: str,
                     port: int) -> list[pulumi.Output[Any]]:
    """Standalone instances join one unmanaged instance group per zone (manual ones are listed, left out)."""
    by_zone: dict[str, list[str]] = defaultdict(list)
    for instance_id in group.buildable_refs(item, instance_ids, "backend instance"):
        by_zone[getattr(group.spec_of_id(instance_id), "zone")].append(instance_id)
    groups = []
    for zone, members in sorted(by_zone.items()):
        unmanaged = gcp.compute.InstanceGroup(
            f"{name}-{zone}", zone=zone, instances=[group.ref(item, m, "self_link") for m in members],
            named_ports=[{"name": port_name, "port": port}], opts=group.opts())
        groups.append(unmanaged.self_link)
    return groups


def backend_service(group: GcpGroup, item: PlanItem, *, name: str, logical: str, lb_type: str, region: str,
                    protocol: str, port: int, port_name: str, health_path: str | None, health_port: int | None,
                    instance_groups: list[pulumi.Output[Any]], labels: dict[str, str]) -> pulumi.Resource:
    check = _health_check(group, logical, lb_type, region, health_port or port, health_path, protocol)
    if lb_type == "application":
        return gcp.compute.BackendService(
            logical, name=name, protocol=protocol, port_name=port_name, load_balancing_scheme=EXTERNAL_MANAGED,
            health_checks=check.id, backends=[{"group": g, "balancing_mode": "UTILIZATION"} for g in instance_groups],
            opts=group.opts())
    return gcp.compute.RegionBackendService(
        logical, name=name, region=region, protocol=protocol if protocol in ("TCP", "UDP") else "TCP",
        load_balancing_scheme=EXTERNAL, health_checks=check.id,
        backends=[{"group": g, "balancing_mode": "CONNECTION"} for g in instance_groups], opts=group.opts())


def frontend(group: GcpGroup, item: PlanItem, *, logical: str, name: str, lb_type: str, region: str,
             protocol: str, port: int, address: pulumi.Output[Any], backend: pulumi.Resource | None,
             certificates: list[pulumi.Output[Any]], https_redirect: bool, labels: dict[str, str]) -> pulumi.Resource:
    if lb_type == "network":
        return gcp.compute.ForwardingRule(
            logical, name=name, region=region, backend_service=backend.id if backend else None, ip_address=address,
            ip_protocol="UDP" if protocol == "UDP" else "TCP", port_range=str(port),
            load_balancing_scheme=EXTERNAL, labels=labels, opts=group.opts())
    if https_redirect or backend is None:
        url_map = gcp.compute.URLMap(f"{logical}-urlmap", name=f"{name}-urlmap"[:63],
                                     default_url_redirect={"https_redirect": True, "strip_query": False},
                                     opts=group.opts())
    else:
        url_map = gcp.compute.URLMap(f"{logical}-urlmap", name=f"{name}-urlmap"[:63], default_service=backend.id,
                                     opts=group.opts())
    if protocol == "HTTPS":
        proxy: pulumi.Resource = gcp.compute.TargetHttpsProxy(
            f"{logical}-proxy", name=f"{name}-proxy"[:63], url_map=url_map.id,
            certificate_manager_certificates=certificates, opts=group.opts())
    else:
        proxy = gcp.compute.TargetHttpProxy(f"{logical}-proxy", name=f"{name}-proxy"[:63], url_map=url_map.id,
                                            opts=group.opts())
    return gcp.compute.GlobalForwardingRule(
        logical, name=name, target=proxy.id, ip_address=address, port_range=str(port),
        load_balancing_scheme=EXTERNAL_MANAGED, labels=labels, opts=group.opts())
