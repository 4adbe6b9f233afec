"""Builds ECS task definitions (container.task) and services (container.service).

A container whose image came from an inventoried ECR repository runs the image
of the new repository; a service registers with its rebuilt target groups.
Environment values come from stack config `planner:env-<item id>-<NAME>` (secret;
a variable without one is left out); secrets read the rebuilt Secrets Manager
secrets; a service with an Application Auto Scaling range gets a scalable target.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.container_service import ContainerSpec, EcsServiceSpec, EcsTaskDefinitionSpec
from stacks.aws._shared import PLANNER_CONFIG
from stacks.aws.base import AwsBuilder, AwsGroup

DAEMON = "DAEMON"


def _image(group: AwsGroup, item: PlanItem, container: ContainerSpec) -> Any:
    """The new repository's image when the stack built it, else the source image reference."""
    if container.repository_item and group.registry.built(container.repository_item):
        tag = container.image_tag or "latest"
        return group.ref(item, container.repository_item, "repository_url").apply(lambda url: f"{url}:{tag}")
    return container.image


def _environment(item: PlanItem, container: ContainerSpec) -> list[dict[str, Any]]:
    """The variables whose values the operator set in config (values were never inventoried)."""
    config = pulumi.Config(PLANNER_CONFIG)
    values = [(name, config.get_secret(f"env-{item.id}-{name}")) for name in container.env_names]
    return [{"name": name, "value": value} for name, value in values if value is not None]


def _secret_value_from(arn: str, json_key: str | None) -> str:
    # ECS valueFrom for one key of a JSON secret: <secret arn>:<json key>:<version stage>:<version id>
    return f"{arn}:{json_key}::" if json_key else arn


def _secrets(group: AwsGroup, item: PlanItem, container: ContainerSpec) -> list[Any]:
    return [
        group.ref(item, secret.secret_item, "arn").apply(
            lambda arn, secret=secret: {"name": secret.name, "valueFrom": _secret_value_from(arn, secret.json_key)})
        for secret in container.secrets
        if group.registry.built(secret.secret_item)
    ]


def _container_definition(group: AwsGroup, item: PlanItem, container: ContainerSpec) -> dict[str, Any]:
    definition: dict[str, Any] = {"name": container.name, "image": _image(group, item, container),
                                  "essential": container.essential}
    optional = {
        "cpu": container.cpu,
        "memory": container.memory,
        "portMappings": [_port_mapping(mapping) for mapping in container.port_mappings] or None,
        "environment": _environment(item, container) or None,
        "secrets": _secrets(group, item, container) or None,
        "resourceRequirements": [{"type": "GPU", "value": str(container.gpu_count)}] if container.gpu_count else None,
    }
    definition.update({key: value for key, value in optional.items() if value is not None})
    return definition


def _container_port(mapping: dict[str, Any]) -> Any:
    return mapping.get("container_port", mapping.get("containerPort"))


def _port_mapping(mapping: dict[str, Any]) -> dict[str, Any]:
    """Inventory port mappings (snake or camel case) as ECS container-definition JSON."""
    host_port = mapping.get("host_port", mapping.get("hostPort"))
    result: dict[str, Any] = {"containerPort": _container_port(mapping), "protocol": mapping.get("protocol", "tcp")}
    if host_port is not None:
        result["hostPort"] = host_port
    return result


def build_task_definition(group: AwsGroup, item: PlanItem, spec: EcsTaskDefinitionSpec) -> pulumi.Resource:
    definitions = [_container_definition(group, item, container) for container in spec.containers]
    task = aws.ecs.TaskDefinition(
        item.id,
        family=spec.family,
        container_definitions=pulumi.Output.json_dumps(definitions),
        cpu=spec.cpu,
        memory=spec.memory,
        network_mode=spec.network_mode,
        requires_compatibilities=spec.requires_compatibilities or None,
        execution_role_arn=group.optional_ref(item, spec.role_item, "arn"),
        task_role_arn=group.optional_ref(item, spec.task_role_item, "arn"),
        **group.tagged(spec),
    )
    return group.exporting(item, task, task_definition_arn="arn")


def _first_container_port(task_spec: EcsTaskDefinitionSpec) -> tuple[str | None, int | None]:
    for container in task_spec.containers:
        for mapping in container.port_mappings:
            port = _container_port(mapping)
            if port is not None:
                return container.name, int(port)
    return None, None


def _load_balancers(group: AwsGroup, item: PlanItem, spec: EcsServiceSpec) -> list[dict[str, Any]]:
    """The rebuilt target groups, each with its container (else the task's first container with a port)."""
    task_spec: EcsTaskDefinitionSpec = group.spec_of_id(spec.task_definition_item)
    default_name, default_port = _first_container_port(task_spec)
    return [
        {
            "target_group_arn": arn,
            "container_name": balancer.container_name or default_name,
            "container_port": balancer.container_port or default_port,
        }
        for balancer in spec.load_balancers
        for arn in group.refs(item, [balancer.target_group_item], "arn")
    ]


def _network(group: AwsGroup, item: PlanItem, spec: EcsServiceSpec) -> dict[str, Any] | None:
    subnets = group.refs(item, spec.subnet_items)
    if not subnets:
        return None
    return {"subnets": subnets, "security_groups": group.refs(item, spec.security_group_items),
            "assign_public_ip": spec.assign_public_ip}


def _scalable_target(group: AwsGroup, item: PlanItem, spec: EcsServiceSpec, service: aws.ecs.Service) -> None:
    """The service's Application Auto Scaling range (its policies were not inventoried: the plan notes say so)."""
    if spec.autoscaling_max is None:
        return
    cluster_name = group.ref(item, spec.cluster_item, "name")
    aws.appautoscaling.Target(
        f"{item.id}-scaling",
        service_namespace="ecs",
        scalable_dimension="ecs:service:DesiredCount",
        resource_id=pulumi.Output.concat("service/", cluster_name, "/", service.name),
        min_capacity=spec.autoscaling_min if spec.autoscaling_min is not None else spec.desired_count,
        max_capacity=spec.autoscaling_max,
        opts=group.opts(spec),
    )


def build_ecs_service(group: AwsGroup, item: PlanItem, spec: EcsServiceSpec) -> pulumi.Resource | None:
    if not (group.registry.built(spec.cluster_item) and group.registry.built(spec.task_definition_item)):
        group.manual(item, "its cluster or task definition creates no resource", "create the service once both exist")
        return None
    load_balancers = _load_balancers(group, item, spec)
    network = _network(group, item, spec)
    daemon = spec.scheduling_strategy == DAEMON
    service = aws.ecs.Service(
        item.id,
        name=spec.name,
        cluster=group.ref(item, spec.cluster_item, "arn"),
        task_definition=group.ref(item, spec.task_definition_item, "arn"),
        desired_count=None if daemon else spec.desired_count,  # a daemon runs one task per container instance
        scheduling_strategy=spec.scheduling_strategy if daemon else None,
        launch_type=spec.launch_type,
        load_balancers=load_balancers or None,
        network_configuration=network,
        **group.tagged(spec),
    )
    _scalable_target(group, item, spec, service)
    return service


BUILD: dict[str, AwsBuilder] = {
    "aws.ecs.task_definition": build_task_definition,
    "aws.ecs.service": build_ecs_service,
}
