"""`container.service` and `container.task` -> manual: ECS services and task definitions become Kubernetes
workloads written by hand."""

from __future__ import annotations

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp.kinds._shared import item_ids, refs
from providers.gcp.spec import GcpSpec


def map_container_service(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    cluster = next(iter(item_ids(refs(resource, ctx, "aws.ecs.cluster"), ctx)), "the GKE cluster")
    return manual(
        "ECS services have no Google Cloud resource of their own: they become Kubernetes workloads",
        f"write a Deployment ({props.get('desired_count', '?')} replicas, {props.get('launch_type', '')}) and a "
        f"Service for it in {cluster}; wire the load balancer through a Gateway or Ingress",
    )


def map_container_task(resource: Resource, ctx: MappingContext) -> MappedTarget:
    containers = resource.props.get("containers") or []
    listed = "; ".join(f"{c.get('name')}: {c.get('image')} cpu {c.get('cpu')} memory {c.get('memory')}"
                       for c in containers) or "containers not inventoried"
    return manual(
        "an ECS task definition is a container spec with no managed equivalent: it becomes a Kubernetes pod template",
        f"rewrite task definition {resource.props.get('family')}:{resource.props.get('revision')} as a pod "
        f"template ({listed}); move images to Artifact Registry; environment values were not inventoried",
    )


MAP: dict[str, MapFunction] = {"container.service": map_container_service, "container.task": map_container_task}
SPECS: tuple[type[GcpSpec], ...] = ()
