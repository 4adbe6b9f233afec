"""Builds `gcp.compute.load_balancer` and `gcp.compute.lb_frontend` (`lb`, `lb.listener`): the load balancer's
address (with a Classic ELB's listeners inline) and one frontend per listener."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.lb import LbFrontendSpec, LoadBalancerSpec
from stacks.gcp._shared import admit_probes, backend_service, built_instances, frontend, unmanaged_groups
from stacks.gcp.base import ADDRESS_ROLE, GcpBuilder, GcpGroup
from stacks.gcp.lb_rule import mark_wired, url_map_routes


def build_load_balancer(group: GcpGroup, item: PlanItem, spec: LoadBalancerSpec) -> pulumi.Resource:
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


def _classic(group: GcpGroup, item: PlanItem, spec: LoadBalancerSpec, address: pulumi.Resource) -> None:
    first = spec.classic_listeners[0]
    port_name = f"p{first.instance_port}"
    backend = backend_service(
        group, item, name=f"{spec.name}-backend"[:63], logical=f"{item.id}-backend", lb_type=spec.lb_type,
        region=spec.region, protocol=first.protocol if spec.lb_type == "application" else "TCP",
        port=first.instance_port, port_name=port_name, health_path=None, health_port=spec.health_check_port,
        instance_groups=unmanaged_groups(group, item, item.id, spec.classic_instances, port_name, first.instance_port),
        labels=spec.labels)
    admit_probes(group, item, logical=f"{item.id}-backend", name=f"{spec.name}-backend", lb_type=spec.lb_type,
                 protocol="TCP", ports=[first.instance_port, spec.health_check_port or first.instance_port],
                 machine_ids=built_instances(group, spec.classic_instances))
    for listener in spec.classic_listeners:
        frontend(group, item, logical=f"{item.id}-{listener.port}", name=f"{spec.name}-{listener.port}"[:63],
                 lb_type=spec.lb_type, region=spec.region, protocol=listener.protocol, port=listener.port,
                 address=address.address, backend=backend, certificates=[], https_redirect=False, labels=spec.labels)


def build_frontend(group: GcpGroup, item: PlanItem, spec: LbFrontendSpec) -> pulumi.Resource | None:
    backend = group.resource_of(item, spec.default_backend) if spec.default_backend else None
    routes, wired = url_map_routes(group, item, backend)  # the listener's rules (stacks/gcp/lb_rule.py)
    main = frontend(
        group, item, logical=item.id, name=spec.name, lb_type=spec.lb_type, region=spec.region,
        protocol=spec.protocol, port=spec.port, address=group.ref(item, spec.load_balancer, "address", ADDRESS_ROLE),
        backend=backend, certificates=group.buildable_refs(item, spec.certificates, "certificate"),
        https_redirect=spec.https_redirect, labels=spec.labels, routes=routes)
    mark_wired(group, wired, main)
    return main


BUILD: dict[str, GcpBuilder] = {
    "gcp.compute.load_balancer": build_load_balancer,
    "gcp.compute.lb_frontend": build_frontend,
}
