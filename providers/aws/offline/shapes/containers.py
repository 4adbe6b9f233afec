"""ECS clusters, services and task definitions, and EKS clusters with their node groups, in templates."""

from __future__ import annotations

import json
from typing import Any

from providers.aws.offline.declared import (
    PART_ONLY,
    Attributes,
    CfnPart,
    CfnShape,
    Declared,
    Item,
    Neighbours,
    Props,
    TfShape,
    arn_attribute,
    block,
    camel,
    listed,
    number,
    renamed,
)


def _cluster(declared: Declared, neighbours: Neighbours) -> Item:
    return {"clusterName": declared.physical_name, "status": "ACTIVE",
            "capacityProviders": listed(declared.props.get("CapacityProviders"))}


def _cluster_arn(declared: Declared, neighbours: Neighbours, cluster: Any) -> str:
    found = neighbours.find(cluster)
    if found is not None:
        return found.id
    text = str(cluster or "default")
    return text if text.startswith("arn:") else declared.arn("ecs", f"cluster/{text}")


def _service(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    network = (props.get("NetworkConfiguration") or {}).get("AwsvpcConfiguration") or {}
    return {
        "launchType": props.get("LaunchType"),
        "capacityProviderStrategy": listed(props.get("CapacityProviderStrategy")),
        "desiredCount": number(props.get("DesiredCount", 1)),
        "taskDefinition": props.get("TaskDefinition"),
        "loadBalancers": camel(listed(props.get("LoadBalancers"))),
        "clusterArn": _cluster_arn(declared, neighbours, props.get("Cluster")),
        "schedulingStrategy": props.get("SchedulingStrategy", "REPLICA"),
        "networkConfiguration": {"awsvpcConfiguration": {
            "subnets": listed(network.get("Subnets")), "securityGroups": listed(network.get("SecurityGroups")),
            "assignPublicIp": network.get("AssignPublicIp", "DISABLED")}},
    }


def _service_id(declared: Declared) -> str:
    cluster = str(declared.props.get("Cluster") or "default").rsplit("/", 1)[-1]
    return declared.arn("ecs", f"service/{cluster}/{declared.physical_name}")


def _task_definition(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "family": props.get("Family") or declared.physical_name,
        "revision": 1,
        "cpu": None if props.get("Cpu") is None else str(props["Cpu"]),
        "memory": None if props.get("Memory") is None else str(props["Memory"]),
        "networkMode": props.get("NetworkMode", "bridge"),
        "requiresCompatibilities": listed(props.get("RequiresCompatibilities")),
        "containerDefinitions": camel(listed(props.get("ContainerDefinitions"))),
        "taskRoleArn": props.get("TaskRoleArn"),
        "executionRoleArn": props.get("ExecutionRoleArn"),
        "runtimePlatform": camel(props.get("RuntimePlatform") or {}),
    }


def _task_definition_id(declared: Declared) -> str:
    return declared.arn("ecs", f"task-definition/{declared.props.get('Family') or declared.physical_name}:1")


def _eks_cluster(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    vpc = props.get("ResourcesVpcConfig") or {}
    nodegroups = [camel(part.props) for part in neighbours.parts(declared.id, "nodegroups")]
    for nodegroup, part in zip(nodegroups, neighbours.parts(declared.id, "nodegroups"), strict=True):
        nodegroup.setdefault("nodegroupName", part.physical_name)
    return {
        "name": declared.physical_name,
        "version": props.get("Version"),
        "status": "ACTIVE",
        "resourcesVpcConfig": {"subnetIds": listed(vpc.get("SubnetIds")), "securityGroupIds": listed(vpc.get("SecurityGroupIds"))},
        "roleArn": props.get("RoleArn"),
        "_nodegroups": nodegroups,
    }


CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::ECS::Cluster": CfnShape("aws.ecs.cluster", _cluster, lambda d: d.arn("ecs", f"cluster/{d.physical_name}"),
                                  name_property="ClusterName", unknown=("running_tasks_count", "pending_tasks_count")),
    "AWS::ECS::Service": CfnShape("aws.ecs.service", _service, _service_id, name_property="ServiceName",
                                  unknown=("running_count",)),
    "AWS::ECS::TaskDefinition": CfnShape("aws.ecs.task_definition", _task_definition, _task_definition_id),
    "AWS::EKS::Cluster": CfnShape("aws.eks.cluster", _eks_cluster, lambda d: d.arn("eks", f"cluster/{d.physical_name}"),
                                  name_property="Name", unknown=("endpoint", "platform_version")),
}

CLOUDFORMATION_PARTS: dict[str, tuple[CfnPart, ...]] = {
    "AWS::EKS::Nodegroup": (CfnPart("nodegroups", "ClusterName"),),
}


# --- Terraform ------------------------------------------------------------------------------------------------------


def _tf_container_definitions(attributes: Attributes) -> list[Any]:
    """The state keeps them as the API's JSON text (camelCase), which the shape reads as it reads a template's."""
    text = attributes.get("container_definitions")
    try:
        parsed = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def _tf_network(attributes: Attributes) -> Props | None:
    network = block(attributes, "network_configuration")
    if not network:
        return None
    return {"AwsvpcConfiguration": {"Subnets": listed(network.get("subnets")),
                                    "SecurityGroups": listed(network.get("security_groups")),
                                    "AssignPublicIp": "ENABLED" if network.get("assign_public_ip") else "DISABLED"}}


def _tf_node_group(attributes: Attributes) -> list[tuple[str, Props]]:
    scaling = block(attributes, "scaling_config")
    return [("AWS::EKS::Nodegroup", {
        "ClusterName": attributes.get("cluster_name"), "NodegroupName": attributes.get("node_group_name"),
        "InstanceTypes": listed(attributes.get("instance_types")), "CapacityType": attributes.get("capacity_type"),
        "AmiType": attributes.get("ami_type"), "DiskSize": attributes.get("disk_size"),
        "ScalingConfig": {"DesiredSize": scaling.get("desired_size"), "MinSize": scaling.get("min_size"),
                          "MaxSize": scaling.get("max_size")}})]


TERRAFORM: dict[str, TfShape] = {
    "aws_ecs_cluster": TfShape("AWS::ECS::Cluster", renamed({"ClusterName": "name"}), resource_id=arn_attribute),
    "aws_ecs_service": TfShape("AWS::ECS::Service", renamed({
        "ServiceName": "name", "Cluster": "cluster", "TaskDefinition": "task_definition", "DesiredCount": "desired_count",
        "LaunchType": "launch_type", "SchedulingStrategy": "scheduling_strategy",
        "LoadBalancers": lambda a: [{"TargetGroupArn": balancer.get("target_group_arn"),
                                     "ContainerName": balancer.get("container_name"),
                                     "ContainerPort": balancer.get("container_port")}
                                    for balancer in listed(a.get("load_balancer"))],
        "NetworkConfiguration": _tf_network}),
        resource_id=lambda a: a.get("id") if str(a.get("id", "")).startswith("arn:") else a.get("arn")),
    "aws_ecs_task_definition": TfShape("AWS::ECS::TaskDefinition", renamed({
        "Family": "family", "Cpu": "cpu", "Memory": "memory", "NetworkMode": "network_mode",
        "RequiresCompatibilities": "requires_compatibilities", "ContainerDefinitions": _tf_container_definitions,
        "TaskRoleArn": "task_role_arn", "ExecutionRoleArn": "execution_role_arn",
        "RuntimePlatform": lambda a: {"CpuArchitecture": block(a, "runtime_platform").get("cpu_architecture"),
                                      "OperatingSystemFamily": block(a, "runtime_platform").get("operating_system_family")}
        if block(a, "runtime_platform") else None}), resource_id=arn_attribute,
        name=lambda a: f"{a.get('family')}:{a.get('revision')}"),
    "aws_eks_cluster": TfShape("AWS::EKS::Cluster", renamed({
        "Name": "name", "Version": "version", "RoleArn": "role_arn",
        "ResourcesVpcConfig": lambda a: {"SubnetIds": listed(block(a, "vpc_config").get("subnet_ids")),
                                         "SecurityGroupIds": listed(block(a, "vpc_config").get("security_group_ids"))}}),
        resource_id=arn_attribute),
    "aws_eks_node_group": TfShape(PART_ONLY, lambda a: {}, parts=_tf_node_group),
}
