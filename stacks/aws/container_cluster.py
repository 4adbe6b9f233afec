"""Builds ECS clusters and EKS clusters with their managed node groups (container.cluster).

An EKS cluster without a rebuilt role gets a cluster role, and its node groups a
node role, with the AWS-managed policies EKS needs.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.container_cluster import EcsClusterSpec, EksClusterSpec, EksNodeGroupSpec
from stacks.aws._shared import AWS_POLICY, role_arn, service_role
from stacks.aws.base import AwsBuilder, AwsGroup

EKS_CLUSTER_POLICIES = (AWS_POLICY + "AmazonEKSClusterPolicy",)
EKS_NODE_POLICIES = (
    AWS_POLICY + "AmazonEKSWorkerNodePolicy",
    AWS_POLICY + "AmazonEKS_CNI_Policy",
    AWS_POLICY + "AmazonEC2ContainerRegistryReadOnly",
)


def build_ecs_cluster(group: AwsGroup, item: PlanItem, spec: EcsClusterSpec) -> pulumi.Resource:
    cluster = aws.ecs.Cluster(item.id, name=spec.name, **group.tagged(spec))
    return group.exporting(item, cluster, cluster_arn="arn")


def _node_group_args(node_group: EksNodeGroupSpec) -> dict[str, Any]:
    """A managed node group's name, instance types and scaling."""
    return {
        "node_group_name": node_group.name,
        "instance_types": node_group.instance_types or None,
        "scaling_config": {
            "desired_size": node_group.desired_size,
            "min_size": node_group.min_size,
            "max_size": node_group.max_size,
        },
    }


def _add_node_groups(
    group: AwsGroup, item: PlanItem, spec: EksClusterSpec, cluster: aws.eks.Cluster, subnet_ids: list[pulumi.Output[Any]]
) -> None:
    """The cluster's node groups, all with one new node role."""
    if not spec.node_groups:
        return
    node_role = service_role(group, item, spec, "node-role", "ec2.amazonaws.com", EKS_NODE_POLICIES)
    for node_group in spec.node_groups:
        aws.eks.NodeGroup(
            f"{item.id}-{node_group.name}",
            cluster_name=cluster.name,
            node_role_arn=node_role.arn,
            subnet_ids=subnet_ids,
            **_node_group_args(node_group),
            **group.tagged(spec),
        )


def build_eks_cluster(group: AwsGroup, item: PlanItem, spec: EksClusterSpec) -> pulumi.Resource:
    subnet_ids = group.refs(item, spec.subnet_items)
    cluster = aws.eks.Cluster(
        item.id,
        name=spec.name,
        version=spec.version,
        role_arn=role_arn(group, item, spec, "cluster-role", "eks.amazonaws.com", EKS_CLUSTER_POLICIES),
        vpc_config={"subnet_ids": subnet_ids, "security_group_ids": group.refs(item, spec.security_group_items) or None},
        **group.tagged(spec),
    )
    _add_node_groups(group, item, spec, cluster, subnet_ids)
    return group.exporting(item, cluster, endpoint="endpoint")


BUILD: dict[str, AwsBuilder] = {"aws.ecs.cluster": build_ecs_cluster, "aws.eks.cluster": build_eks_cluster}
