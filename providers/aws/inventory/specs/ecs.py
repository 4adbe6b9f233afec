"""ECS clusters, services and task definitions; container environment values are never kept.

A container's secrets are kept as (name, the ARN or name of the secret or parameter it reads): a
reference, never the value. A service's Application Auto Scaling bounds come from one paginated
DescribeScalableTargets listing per region.
"""

from __future__ import annotations

from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import chunks

CLUSTERS_PER_DESCRIBE = 100
SERVICES_PER_DESCRIBE = 10
SCALABLE_TARGETS_PER_PAGE = 50  # DescribeScalableTargets MaxResults: 1-50
SECRET_ARN_PARTS = 7  # arn:aws:secretsmanager:region:account:secret:name-suffix[:json-key:stage:version]


def _describe_clusters(ctx: JobContext, items: list[Item]) -> list[Item]:
    client = ctx.client()
    described: list[Item] = []
    for batch in chunks([item["_value"] for item in items], CLUSTERS_PER_DESCRIBE):
        response = guarded(ctx, lambda batch=batch: client.describe_clusters(clusters=batch, include=["TAGS"]), {})
        described.extend(response.get("clusters", []))
    return described


def _build_cluster(item: Item, ctx: JobContext) -> Built:
    return Built(
        props={
            "status": item.get("status"),
            "running_tasks_count": item.get("runningTasksCount"),
            "pending_tasks_count": item.get("pendingTasksCount"),
            "active_services_count": item.get("activeServicesCount"),
            "registered_container_instances_count": item.get("registeredContainerInstancesCount"),
            "capacity_providers": item.get("capacityProviders", []),
        },
    )


def _describe_services(ctx: JobContext, items: list[Item]) -> list[Item]:
    client = ctx.client()
    by_cluster: dict[str, list[str]] = {}
    for item in items:
        by_cluster.setdefault(item["_parent"]["clusterArn"], []).append(item["_value"])
    batches = [(cluster, batch) for cluster, arns in by_cluster.items() for batch in chunks(arns, SERVICES_PER_DESCRIBE)]

    def describe(pair: tuple[str, list[str]]) -> list[Item]:
        cluster, batch = pair
        response = guarded(ctx, lambda: client.describe_services(cluster=cluster, services=batch, include=["TAGS"]), {})
        return response.get("services", [])

    services = [service for services in ctx.map(describe, batches) for service in services]
    return _attach_scaling(ctx, services)


def _attach_scaling(ctx: JobContext, services: list[Item]) -> list[Item]:
    """Each service's Application Auto Scaling target (`service/<cluster>/<service>`), when it has one."""
    paginator = ctx.client("application-autoscaling").get_paginator("describe_scalable_targets")
    pages = guarded(ctx, lambda: list(paginator.paginate(
        ServiceNamespace="ecs", PaginationConfig={"PageSize": SCALABLE_TARGETS_PER_PAGE})), [])
    targets = {target.get("ResourceId"): target for page in pages for target in page.get("ScalableTargets", [])}
    for service in services:
        cluster = str(service.get("clusterArn", "")).rsplit("/", 1)[-1]
        service["_scaling"] = targets.get(f"service/{cluster}/{service.get('serviceName')}", {})
    return services


def _build_service(item: Item, ctx: JobContext) -> Built:
    target_groups = [balancer["targetGroupArn"] for balancer in item.get("loadBalancers", []) if balancer.get("targetGroupArn")]
    network = item.get("networkConfiguration", {}).get("awsvpcConfiguration", {})
    subnets, groups = network.get("subnets", []), network.get("securityGroups", [])
    return Built(
        props={
            "launch_type": item.get("launchType") or ("CAPACITY_PROVIDER" if item.get("capacityProviderStrategy") else None),
            "desired_count": item.get("desiredCount"),
            "running_count": item.get("runningCount"),
            "task_definition_arn": item.get("taskDefinition"),
            "load_balancer_target_groups": target_groups,
            "cluster_arn": item.get("clusterArn"),
            "scheduling_strategy": item.get("schedulingStrategy"),
            "subnet_ids": subnets,
            "security_group_ids": groups,
            "load_balancers": [_load_balancer(balancer) for balancer in item.get("loadBalancers", [])],
            "assign_public_ip": network.get("assignPublicIp") == "ENABLED",
            "autoscaling_min": item.get("_scaling", {}).get("MinCapacity"),
            "autoscaling_max": item.get("_scaling", {}).get("MaxCapacity"),
        },
        refs=[item.get("clusterArn"), item.get("taskDefinition"), *target_groups, *subnets, *groups],
    )


def _load_balancer(balancer: dict[str, Any]) -> dict[str, Any]:
    return {
        "target_group_arn": balancer.get("targetGroupArn"),
        "load_balancer_name": balancer.get("loadBalancerName"),
        "container_name": balancer.get("containerName"),
        "container_port": balancer.get("containerPort"),
    }


def _describe_task_definition(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    response = guarded(ctx, lambda: client.describe_task_definition(taskDefinition=item["_value"], include=["TAGS"]), {})
    item.update(response.get("taskDefinition", {}))
    item["tags"] = response.get("tags", [])


def _container(definition: dict[str, Any]) -> dict[str, Any]:
    """Only the shape of a container: environment values and secrets are left behind."""
    return {
        "name": definition.get("name"),
        "image": definition.get("image"),
        "cpu": definition.get("cpu"),
        "memory": definition.get("memory") or definition.get("memoryReservation"),
        "port_mappings": [
            {"container_port": mapping.get("containerPort"), "host_port": mapping.get("hostPort"), "protocol": mapping.get("protocol", "tcp")}
            for mapping in definition.get("portMappings", [])
        ],
        "essential": definition.get("essential", True),
        "env_var_names": sorted(variable["name"] for variable in definition.get("environment", []) if variable.get("name")),
        "secret_names": sorted(secret["name"] for secret in definition.get("secrets", []) if secret.get("name")),
        "secrets": [
            {"name": secret.get("name"), "value_from": secret.get("valueFrom")}
            for secret in sorted(definition.get("secrets", []), key=lambda secret: str(secret.get("name")))
        ],
        "gpu_count": sum(
            int(requirement.get("value") or 0) for requirement in definition.get("resourceRequirements", [])
            if requirement.get("type") == "GPU"
        ),
    }


def secret_arn(value_from: str) -> str:
    """The secret's own ARN in a `valueFrom` that names a JSON key or version after it; other values unchanged."""
    parts = value_from.split(":")
    is_secret = value_from.startswith("arn:") and len(parts) > SECRET_ARN_PARTS and parts[2] == "secretsmanager"
    return ":".join(parts[:SECRET_ARN_PARTS]) if is_secret else value_from


def _secret_refs(containers: list[dict[str, Any]]) -> list[str]:
    return [secret_arn(str(secret["value_from"])) for container in containers
            for secret in container["secrets"] if secret.get("value_from")]


def _build_task_definition(item: Item, ctx: JobContext) -> Built:
    roles = [item.get("taskRoleArn"), item.get("executionRoleArn")]
    containers = [_container(definition) for definition in item.get("containerDefinitions", [])]
    platform = item.get("runtimePlatform") or {}
    return Built(
        props={
            "family": item.get("family"),
            "revision": item.get("revision"),
            "cpu": item.get("cpu"),
            "memory": item.get("memory"),
            "network_mode": item.get("networkMode"),
            "requires_compatibilities": item.get("requiresCompatibilities", []),
            "containers": containers,
            "task_role_arn": item.get("taskRoleArn"),
            "execution_role_arn": item.get("executionRoleArn"),
            "cpu_architecture": platform.get("cpuArchitecture"),
            "os_family": platform.get("operatingSystemFamily"),
        },
        refs=[*roles, *_secret_refs(containers)],
        name=f"{item.get('family')}:{item.get('revision')}" if item.get("family") else None,
    )


register(
    ResourceSpec(
        "aws.ecs.cluster", "ecs", "list_clusters", "clusterArns[]", "clusterArn", _build_cluster,
        name_field="clusterName", tags_field="tags", page_size=100, enrich=_describe_clusters,
    ),
    ResourceSpec(
        "aws.ecs.task_definition", "ecs", "list_task_definitions", "taskDefinitionArns[]",
        lambda item, ctx: item.get("taskDefinitionArn") or item["_value"], _build_task_definition,
        tags_field="tags", params={"status": "ACTIVE"}, page_size=100, detail=_describe_task_definition,
    ),
    ResourceSpec(
        "aws.ecs.service", "ecs", "list_services", "serviceArns[]", "serviceArn", _build_service,
        name_field="serviceName", tags_field="tags", page_size=100, parent="aws.ecs.cluster",
        parent_params=lambda parent: {"cluster": parent["clusterArn"]}, enrich=_describe_services,
    ),
)
