"""Builder helpers several GCP kinds share: a machine's network interface and GPUs, Private Service
Access for managed services, and the load-balancing pieces (health checks, backend services, frontends)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds._machine import MachineShape
from providers.gcp.kinds._shared import child_name
from providers.gcp.kinds.firewall import LB_SOURCE_RANGES
from stacks.gcp.base import DEFAULT_NETWORK, GcpGroup

PSA_PREFIX_LENGTH = 16  # the /16 Google's Private Service Access guide reserves for managed services

EXTERNAL_MANAGED = "EXTERNAL_MANAGED"  # global external Application Load Balancer
EXTERNAL = "EXTERNAL"  # regional external passthrough Network Load Balancer
# An EXTERNAL / EXTERNAL_MANAGED HTTPS proxy takes Certificate Manager certificates through a certificate map, in
# this URI form (pulumi-gcp 10.2.0 compute.TargetHttpsProxy `certificate_map`; `certificate_manager_certificates`
# is for INTERNAL_MANAGED only).
CERTIFICATE_MAP_URI_PREFIX = "//certificatemanager.googleapis.com/"


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


def _network_of(group: GcpGroup, machine_id: str) -> str | None:
    """The plan item id of a machine's network (through its subnetwork); None for the project's default."""
    machine = group.spec_of_id(machine_id)
    if machine.network:
        return str(machine.network)
    return str(group.spec_of_id(machine.subnetwork).network) if machine.subnetwork else None


def built_instances(group: GcpGroup, instance_ids: list[str]) -> list[str]:
    """The instances among `instance_ids` the stack builds (the ones `unmanaged_groups` keeps), quietly."""
    return [instance_id for instance_id in instance_ids if group.registry.creates_resource(instance_id)]


def admit_probes(group: GcpGroup, item: PlanItem, *, logical: str, name: str, lb_type: str, protocol: str,
                 ports: list[int], machine_ids: list[str]) -> None:
    """Let a load balancer's health checks and proxies reach its backends: one ingress rule per backend network,
    from the load balancer's source ranges (LB_SOURCE_RANGES), on the serving and health-check ports, to the
    network tags the backends carry (every instance of the network when they carry none).

    On AWS a target group registered with a load balancer is reachable from it (its groups admit the load balancer's
    group or the VPC range); on Google Cloud probes and proxies come from Google's ranges, which no translated rule
    names unless a security group referred to the load balancer's group: without this rule every backend is
    unhealthy (Cloud Load Balancing docs, "Health checks overview: firewall rules").
    """
    tags_by_network: dict[str | None, set[str]] = defaultdict(set)
    for machine_id in machine_ids:
        tags_by_network[_network_of(group, machine_id)].update(group.spec_of_id(machine_id).network_tags)
    allowed = [{"protocol": "udp" if protocol == "UDP" else "tcp", "ports": sorted({str(port) for port in ports})}]
    for index, (network_id, tags) in enumerate(sorted(tags_by_network.items(), key=lambda entry: entry[0] or "")):
        suffix = "probes" if index == 0 else f"probes{index}"
        network = group.ref(item, network_id, "self_link") if network_id else DEFAULT_NETWORK
        gcp.compute.Firewall(
            f"{logical}-{suffix}", name=child_name(name, f"lb-{suffix}"), network=network, direction="INGRESS",
            source_ranges=list(LB_SOURCE_RANGES[lb_type]), target_tags=sorted(tags) or None, allows=allowed,
            opts=group.opts())



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


def certificate_map(group: GcpGroup, item: PlanItem, logical: str, name: str,
                    certificate_ids: list[str]) -> pulumi.Output[str]:
    """A certificate map with one entry per host name of the certificates (the first also PRIMARY, for clients
    without SNI): the certificate map URI an external HTTPS proxy takes."""
    certificate_map_resource = gcp.certificatemanager.CertificateMap(
        f"{logical}-certmap", name=f"{name[:50]}-certmap", opts=group.opts())
    hostnames: dict[str, str] = {}  # one entry per host name: the first certificate naming it serves it
    for certificate_id in certificate_ids:
        for domain in getattr(group.spec_of_id(certificate_id), "domains", []):
            hostnames.setdefault(domain, certificate_id)
    entries = [("primary", None, certificate_ids[0]), *((f"h{i}", host, cert) for i, (host, cert)
                                                         in enumerate(hostnames.items()))]
    for suffix, hostname, certificate_id in entries:
        match: dict[str, Any] = {"hostname": hostname} if hostname else {"matcher": "PRIMARY"}
        gcp.certificatemanager.CertificateMapEntry(
            f"{logical}-certmap-{suffix}", name=f"{name[:48]}-{suffix}", map=certificate_map_resource.name,
            certificates=[group.ref(item, certificate_id)], **match, opts=group.opts())
    return pulumi.Output.concat(CERTIFICATE_MAP_URI_PREFIX, certificate_map_resource.id)


def frontend(group: GcpGroup, item: PlanItem, *, logical: str, name: str, lb_type: str, region: str,
             protocol: str, port: int, address: pulumi.Output[Any], backend: pulumi.Resource | None,
             certificates: list[str], https_redirect: bool, labels: dict[str, str],
             routes: dict[str, Any] | None = None) -> pulumi.Resource | None:
    """The forwarding rule (and for an Application LB its URL map and proxy); `certificates`: cert item ids."""
    if protocol == "HTTPS" and lb_type != "network" and not certificates:
        group.manual(item, "HTTPS frontend without a certificate: an HTTPS proxy needs one, so it is not built",
                     "issue a Certificate Manager certificate for its host names, then add the proxy and its rule")
        return None
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
                                     **(routes or {}), opts=group.opts())  # routes: listener rules (lb_rule.py)
    if protocol == "HTTPS":
        proxy: pulumi.Resource = gcp.compute.TargetHttpsProxy(
            f"{logical}-proxy", name=f"{name}-proxy"[:63], url_map=url_map.id,
            certificate_map=certificate_map(group, item, logical, name, certificates), opts=group.opts())
    else:
        proxy = gcp.compute.TargetHttpProxy(f"{logical}-proxy", name=f"{name}-proxy"[:63], url_map=url_map.id,
                                            opts=group.opts())
    return gcp.compute.GlobalForwardingRule(
        logical, name=name, target=proxy.id, ip_address=address, port_range=str(port),
        load_balancing_scheme=EXTERNAL_MANAGED, labels=labels, opts=group.opts())
