"""Container clusters (container.cluster) -> ECS clusters, or EKS clusters with their managed node groups.

EKS workloads (manifests, Helm releases) are not inventoried: they are redeployed by the operator.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import SECURITY_GROUP, SUBNET, common_fields, linked, linked_one, optional_int, result
from providers.aws.spec import Spec, _Part

EKS_CLUSTER = "aws.eks.cluster"


class EcsClusterSpec(Spec):
    type: Literal["aws.ecs.cluster"] = "aws.ecs.cluster"


class EksNodeGroupSpec(_Part):
    name: str
    instance_types: list[str] = Field(default_factory=list)
    desired_size: int = 1
    min_size: int = 1
    max_size: int = 1


class EksClusterSpec(Spec):
    type: Literal["aws.eks.cluster"] = "aws.eks.cluster"
    version: str | None = None
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)
    role_item: str | None = None
    node_groups: list[EksNodeGroupSpec] = Field(default_factory=list)


def map_container_cluster(resource: Resource, ctx: MappingContext) -> MappedTarget:
    if resource.key == EKS_CLUSTER:
        return _map_eks(resource, ctx)
    return result("mapped", EcsClusterSpec(**common_fields(resource, ctx)), None, [
        "ECS clusters have no charge of their own; tasks are priced by their launch type (not in the catalog)"
    ])


def _node_group(group: dict[str, Any]) -> EksNodeGroupSpec:
    """A managed node group; sizes it does not give default to its desired size."""
    desired = optional_int(group.get("desired_size"))
    return EksNodeGroupSpec(
        name=str(group.get("name")),
        instance_types=list(group.get("instance_types") or []),
        desired_size=desired or 1,
        min_size=optional_int(group.get("min_size")) or desired or 1,
        max_size=optional_int(group.get("max_size")) or desired or 1,
    )


def _map_eks(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = EksClusterSpec(
        **common_fields(resource, ctx),
        version=props.get("version"),
        subnet_items=linked(resource, ctx, "subnet_ids", SUBNET),
        security_group_items=linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
        role_item=linked_one(resource, ctx, "role_arn", "aws.iam.role"),
        node_groups=[_node_group(group) for group in props.get("node_groups") or []],
    )
    priced = unpriced("EKS control plane")
    priced.notes.append("workloads (manifests, Helm releases) are not inventoried: redeploy them")
    return result("partial", spec, priced)


MAP: dict[str, MapFunction] = {"container.cluster": map_container_cluster}
SPECS: tuple[type[Spec], ...] = (EcsClusterSpec, EksClusterSpec)
