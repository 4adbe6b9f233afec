"""Edge: Cloud Load Balancing (global external Application LB, regional Network LB), Cloud CDN,
Certificate Manager and Cloud DNS."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp import specs as s
from stacks.gcp.base import ADDRESS_ROLE, GcpGroup, GcpGroupArgs

EXTERNAL_MANAGED = "EXTERNAL_MANAGED"  # global external Application Load Balancer
EXTERNAL = "EXTERNAL"  # regional external passthrough Network Load Balancer


@dataclass
class EdgeArgs(GcpGroupArgs):
    """Items of the `edge` group."""


# ---- certificates -------------------------------------------------------------


def build_certificate(group: GcpGroup, item: PlanItem, spec: s.CertificateSpec) -> pulumi.Resource:
    authorizations = []
    for index, domain in enumerate(sorted({d.removeprefix("*.") for d in spec.domains})):
        authorization = gcp.certificatemanager.DnsAuthorization(
            f"{item.id}-auth-{index}", name=f"{spec.name}-auth-{index}"[:63], domain=domain, labels=spec.labels,
            opts=group.opts())
        authorizations.append(authorization)
    certificate = gcp.certificatemanager.Certificate(
        item.id, name=spec.name, scope=spec.scope, labels=spec.labels,
        managed={"domains": spec.domains, "dns_authorizations": [a.id for a in authorizations]}, opts=group.opts())
    group.export(item, "dns_authorization_records", [a.dns_resource_records for a in authorizations])
    return certificate


# ---- load balancers -------------------------------------------------------------


def _health_check(group: GcpGroup, name: str, lb_type: str, region: str, port: int | None,
                  path: str | None, protocol: str) -> pulumi.Resource:
    http_like = protocol in ("HTTP", "HTTPS") and path
    check: dict[str, Any] = (
        {"http_health_check": {"port": port, "request_path": path}} if http_like else {"tcp_health_check": {"port": port}})
    if lb_type == "application":
        return gcp.compute.HealthCheck(f"{name}-hc", **check, opts=group.opts())
    return gcp.compute.RegionHealthCheck(f"{name}-hc", region=region, **check, opts=group.opts())


def _unmanaged_groups(group: GcpGroup, item: PlanItem, name: str, instance_ids: list[str], port_name: str,
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


def _backend_service(group: GcpGroup, item: PlanItem, *, name: str, logical: str, lb_type: str, region: str,
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


def _frontend(group: GcpGroup, item: PlanItem, *, logical: str, name: str, lb_type: str, region: str,
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


def build_load_balancer(group: GcpGroup, item: PlanItem, spec: s.LoadBalancerSpec) -> pulumi.Resource:
    if spec.lb_type == "application":
        address: pulumi.Resource = gcp.compute.GlobalAddress(item.id, name=spec.name, labels=spec.labels,
                                                             opts=group.opts())
    else:
        address = gcp.compute.Address(item.id, name=spec.name, region=spec.region, labels=spec.labels,
                                      opts=group.opts())
    group.register_main_and_address(item, address, address)
    if spec.classic_listeners:
        _classic(group, item, spec, address)
    return address


def _classic(group: GcpGroup, item: PlanItem, spec: s.LoadBalancerSpec, address: pulumi.Resource) -> None:
    first = spec.classic_listeners[0]
    port_name = f"p{first.instance_port}"
    backend = _backend_service(
        group, item, name=f"{spec.name}-backend"[:63], logical=f"{item.id}-backend", lb_type=spec.lb_type,
        region=spec.region, protocol=first.protocol if spec.lb_type == "application" else "TCP",
        port=first.instance_port, port_name=port_name, health_path=None, health_port=spec.health_check_port,
        instance_groups=_unmanaged_groups(group, item, item.id, spec.classic_instances, port_name, first.instance_port),
        labels=spec.labels)
    for listener in spec.classic_listeners:
        _frontend(group, item, logical=f"{item.id}-{listener.port}", name=f"{spec.name}-{listener.port}"[:63],
                  lb_type=spec.lb_type, region=spec.region, protocol=listener.protocol, port=listener.port,
                  address=address.address, backend=backend, certificates=[], https_redirect=False, labels=spec.labels)


def build_backend(group: GcpGroup, item: PlanItem, spec: s.BackendServiceSpec) -> pulumi.Resource:
    managed = [group.ref(item, g, "instance_group")
               for g in group.buildable_refs(item, spec.instance_groups, "backend instance group")]
    unmanaged = _unmanaged_groups(group, item, item.id, spec.instances, spec.port_name, spec.port)
    return _backend_service(
        group, item, name=spec.name, logical=item.id, lb_type=spec.lb_type, region=spec.region,
        protocol=spec.protocol, port=spec.port, port_name=spec.port_name, health_path=spec.health_check_path,
        health_port=spec.health_check_port, instance_groups=managed + unmanaged, labels=spec.labels)


def build_frontend(group: GcpGroup, item: PlanItem, spec: s.LbFrontendSpec) -> pulumi.Resource:
    backend = group.resource_of(item, spec.default_backend) if spec.default_backend else None
    return _frontend(
        group, item, logical=item.id, name=spec.name, lb_type=spec.lb_type, region=spec.region,
        protocol=spec.protocol, port=spec.port, address=group.ref(item, spec.load_balancer, "address", ADDRESS_ROLE),
        backend=backend, certificates=[group.ref(item, c) for c in group.buildable_refs(item, spec.certificates, "certificate")],
        https_redirect=spec.https_redirect, labels=spec.labels)


def build_cdn(group: GcpGroup, item: PlanItem, spec: s.CdnSpec) -> pulumi.Resource:
    backends = [
        gcp.compute.BackendBucket(f"{item.id}-{bucket}", name=f"{spec.name}-{index}"[:63],
                                  bucket_name=group.ref(item, bucket, "name"), enable_cdn=True, opts=group.opts())
        for index, bucket in enumerate(spec.backend_buckets)
    ]
    address = gcp.compute.GlobalAddress(f"{item.id}-address", name=f"{spec.name}-address"[:63], labels=spec.labels,
                                        opts=group.opts())
    rule = _frontend(
        group, item, logical=item.id, name=spec.name, lb_type="application", region="global",
        protocol="HTTPS" if spec.certificates else "HTTP", port=443 if spec.certificates else 80,
        address=address.address, backend=backends[0],
        certificates=[group.ref(item, c) for c in group.buildable_refs(item, spec.certificates, "certificate")],
        https_redirect=False, labels=spec.labels)
    group.register_main_and_address(item, rule, address)
    return rule


# ---- DNS --------------------------------------------------------------------------


def build_zone(group: GcpGroup, item: PlanItem, spec: s.DnsZoneSpec) -> pulumi.Resource:
    private = {"private_visibility_config": {"networks": [{"network_url": group.ref(item, n)} for n in spec.networks]}}
    zone = gcp.dns.ManagedZone(item.id, name=spec.name, dns_name=spec.dns_name, visibility=spec.visibility,
                               labels=spec.labels, **(private if spec.visibility == "private" else {}),
                               opts=group.opts())
    group.export(item, "name_servers", zone.name_servers)
    return zone


def build_record(group: GcpGroup, item: PlanItem, spec: s.DnsRecordSpec) -> pulumi.Resource:
    rrdatas: list[Any] = list(spec.rrdatas)
    if spec.address_from:
        rrdatas = [group.ref(item, spec.address_from, "address", ADDRESS_ROLE)]
    return gcp.dns.RecordSet(item.id, managed_zone=group.ref(item, spec.managed_zone, "name"),
                             name=spec.record_name, type=spec.record_type, ttl=spec.ttl, rrdatas=rrdatas,
                             opts=group.opts())


class Edge(GcpGroup):
    group = "edge"
    spec_builders = {
        "gcp.certificatemanager.certificate": build_certificate,
        "gcp.compute.load_balancer": build_load_balancer,
        "gcp.compute.backend_service": build_backend,
        "gcp.compute.lb_frontend": build_frontend,
        "gcp.compute.cdn": build_cdn,
        "gcp.dns.managed_zone": build_zone,
        "gcp.dns.record_set": build_record,
    }
