"""ECS clusters, services and task definitions; container environment values are never kept."""

from __future__ import annotations

from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import chunks

CLUSTERS_PER_DESCRIBE = 100
SERVICES_PER_DESCRIBE = 10


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

    return [service for services in ctx.map(describe, batches) for service in services]


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
        },
        refs=[item.get("clusterArn"), item.get("taskDefinition"), *target_groups, *subnets, *groups],
    )


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
    }


def _build_task_definition(item: Item, ctx: JobContext) -> Built:
    roles = [item.get("taskRoleArn"), item.get("executionRoleArn")]
    return Built(
        props={
            "family": item.get("family"),
            "revision": item.get("revision"),
            "cpu": item.get("cpu"),
            "memory": item.get("memory"),
            "network_mode": item.get("networkMode"),
            "requires_compatibilities": item.get("requiresCompatibilities", []),
            "containers": [_container(definition) for definition in item.get("containerDefinitions", [])],
            "task_role_arn": item.get("taskRoleArn"),
            "execution_role_arn": item.get("executionRoleArn"),
        },
        refs=roles,
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
