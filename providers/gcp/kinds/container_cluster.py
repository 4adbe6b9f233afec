"""`container.cluster` -> a GKE Autopilot cluster for an ECS or EKS cluster."""

from __future__ import annotations

from typing import ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, network_item, placement, region_of
from providers.gcp.spec import GcpSpec


class GkeClusterSpec(GcpSpec):
    type: Literal["gcp.container.cluster"] = "gcp.container.cluster"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network', 'subnetwork')
    region: str
    autopilot: bool = True
    network: str | None = None
    subnetwork: str | None = None
    release_channel: str = "REGULAR"


def _only_network_of_region(resource: Resource, ctx: MappingContext) -> str | None:
    """The network item of the region's VPCs, when they all build one network (GCP networks are global)."""
    vpcs = [vpc for vpc in index_of(ctx).of_key("aws.ec2.vpc") if vpc.region == resource.region]
    networks = {network for network in (network_item(vpc, ctx) for vpc in vpcs) if network}
    return networks.pop() if len(networks) == 1 else None


def map_container_cluster(resource: Resource, ctx: MappingContext) -> MappedTarget:
    network, subnetwork = placement(resource, ctx)
    fallback = None if network else _only_network_of_region(resource, ctx)
    network = network or fallback
    spec = GkeClusterSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                          region=region_of(resource, ctx), network=network, subnetwork=subnetwork)
    if resource.key == "aws.ecs.cluster":
        notes = [f"ECS cluster -> GKE Autopilot: task definitions must be rewritten as Kubernetes manifests "
                 f"(Deployments, Services); {resource.props.get('active_services_count', 0)} services and "
                 f"{resource.props.get('running_tasks_count', 0)} running tasks to move"]
    else:
        groups = ", ".join(f"{g.get('name')} ({'/'.join(g.get('instance_types') or [])} x {g.get('desired_size')})"
                           for g in resource.props.get("node_groups") or []) or "none inventoried"
        notes = [f"EKS {resource.props.get('version', '')} -> GKE Autopilot; node groups ({groups}) become "
                 "Autopilot-managed capacity; manifests carry over but IRSA, AWS load-balancer annotations and "
                 "EBS/EFS storage classes must be replaced"]
    if fallback:
        notes.append(f"neither the cluster nor its services name a VPC: it is placed on {fallback}, the network of "
                     "its region's VPCs (GKE picks a subnetwork range); check it is the one its tasks used")
    elif network is None:
        notes.append("neither the cluster nor its services name a VPC: it is placed on the project's 'default' "
                     "network, which cannot reach the stack's networks; set network and subnetwork")
    return done("partial", spec, notes,
                pricing.unpriced("no GKE cluster fee or Autopilot pod rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"container.cluster": map_container_cluster}
SPECS: tuple[type[GcpSpec], ...] = (GkeClusterSpec,)
