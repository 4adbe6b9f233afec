"""Container services (container.service) and tasks (container.task) -> ECS services and task definitions.

Fargate and EC2 launch types both. An image from an inventoried ECR repository points at the new repository
(the operator pushes it there first); any other image is used as it is. Environment variables keep their names
(values come from stack config `planner:env-<item id>-<NAME>`: they were never inventoried); a secret a
container reads from an inventoried Secrets Manager secret reads the rebuilt secret. A service's Application
Auto Scaling bounds become a scalable target (its policies are not inventoried).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import (
    SECURITY_GROUP,
    SUBNET,
    common_fields,
    item_of,
    linked,
    linked_one,
    optional_int,
    result,
)
from providers.aws.spec import Spec, _Part

LAUNCH_TYPES = ("FARGATE", "EC2")
SECRET = "aws.secretsmanager.secret"
EC2_CAPACITY_NOTE = (
    "EC2 launch type: the cluster needs container instances; the Auto Scaling group that ran them is rebuilt from "
    "its launch template, but its user data (ECS_CLUSTER=<cluster>) and the ECS-optimized image are not: set them "
    "(or a capacity provider), or switch the service to FARGATE"
)


class ContainerSecretSpec(_Part):
    """An environment variable read from a rebuilt Secrets Manager secret (`json_key`: one key of its JSON)."""

    name: str
    secret_item: str
    json_key: str | None = None


class ContainerSpec(_Part):
    name: str
    image: str  # the source image reference, for the operator
    repository_item: str | None = None  # the new ECR repository when the image came from ECR
    image_tag: str | None = None
    cpu: int | None = None
    memory: int | None = None
    port_mappings: list[dict[str, Any]] = Field(default_factory=list)
    essential: bool = True
    env_names: list[str] = Field(default_factory=list)  # values: stack config planner:env-<item id>-<NAME>
    secrets: list[ContainerSecretSpec] = Field(default_factory=list)
    gpu_count: int = 0


class EcsTaskDefinitionSpec(Spec):
    type: Literal["aws.ecs.task_definition"] = "aws.ecs.task_definition"
    family: str
    cpu: str | None = None
    memory: str | None = None
    network_mode: str | None = None
    requires_compatibilities: list[str] = Field(default_factory=list)
    containers: list[ContainerSpec] = Field(default_factory=list)
    role_item: str | None = None  # the execution role (pulls images, reads secrets, writes logs)
    task_role_item: str | None = None  # the role the containers' code runs as


class ServiceTargetGroup(_Part):
    target_group_item: str
    container_name: str | None = None
    container_port: int | None = None


class EcsServiceSpec(Spec):
    type: Literal["aws.ecs.service"] = "aws.ecs.service"
    cluster_item: str
    task_definition_item: str
    desired_count: int = 1
    launch_type: str | None = None
    load_balancers: list[ServiceTargetGroup] = Field(default_factory=list)
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)
    assign_public_ip: bool = False
    scheduling_strategy: str | None = None  # REPLICA | DAEMON (EC2 launch type)
    autoscaling_min: int | None = None  # an Application Auto Scaling target, when the source had one
    autoscaling_max: int | None = None


# --- task definitions ------------------------------------------------------------------------------


def _repository_uri(repository: Resource) -> list[str]:
    uri = repository.props.get("repository_uri")
    return [str(uri)] if uri else []


def _ecr_repository_by_uri(ctx: MappingContext) -> dict[str, str]:
    """{repository URI: repository id}; the last repository listed wins a URI two of them claim."""
    by_uri = index_of(ctx).group_by(_repository_uri, "aws.ecr.repository")
    return {uri: repositories[-1].id for uri, repositories in by_uri.items()}


def _container(raw: dict[str, Any], repositories: dict[str, str], secrets: list[ContainerSecretSpec],
               ctx: MappingContext) -> ContainerSpec:
    image = str(raw.get("image") or "")
    repository, _, tag = image.partition(":") if "@" not in image else (image.split("@")[0], "", "")
    repository_item = item_of(ctx, repositories.get(repository))
    return ContainerSpec(
        name=str(raw.get("name")),
        image=image,
        repository_item=repository_item,
        image_tag=(tag or "latest") if repository_item else None,
        cpu=optional_int(raw.get("cpu")),
        memory=optional_int(raw.get("memory")),
        port_mappings=[_port_mapping(mapping) for mapping in raw.get("port_mappings") or []],
        essential=raw.get("essential") is not False,
        env_names=sorted(str(name) for name in raw.get("env_var_names") or []),
        secrets=secrets,
        gpu_count=optional_int(raw.get("gpu_count")) or 0,
    )


def _secret_of(value_from: str, secrets: list[Resource]) -> tuple[Resource | None, str | None]:
    """The inventoried secret a `valueFrom` names (its ARN, maybe with `:json-key:stage:version`, or its name)."""
    for secret in secrets:
        if value_from in (secret.id, secret.name):
            return secret, None
        if value_from.startswith(f"{secret.id}:"):
            return secret, value_from.removeprefix(f"{secret.id}:").split(":", 1)[0] or None
    return None, None


def _container_secrets(raw: dict[str, Any], task: Resource, ctx: MappingContext) -> tuple[list[ContainerSecretSpec], list[str]]:
    """The container's secrets that read an inventoried secret; the names of the others."""
    inventoried = [other for other in (ctx.resource(ref) for ref in task.refs) if other is not None and other.key == SECRET]
    found, missing = [], []
    for entry in raw.get("secrets") or []:
        secret, json_key = _secret_of(str(entry.get("value_from") or ""), inventoried)
        item = item_of(ctx, secret.id) if secret else None
        if item:
            found.append(ContainerSecretSpec(name=str(entry.get("name")), secret_item=item, json_key=json_key))
        else:
            missing.append(str(entry.get("name")))
    return found, missing


def _port_mapping(mapping: Any) -> dict[str, Any]:
    """A container port mapping as a dict: inventories record a bare port or a dict."""
    return dict(mapping) if isinstance(mapping, dict) else {"container_port": int(mapping)}


def _launch_types_of_services(task: Resource, ctx: MappingContext) -> list[str]:
    """The launch types of the services running this task definition (FARGATE needs it declared)."""
    return sorted(
        {
            str(service.props["launch_type"])
            for service in index_of(ctx).lookup(_task_definition_of_service, task.id, "aws.ecs.service")
            if service.props.get("launch_type") in LAUNCH_TYPES
        }
    )


def _task_definition_of_service(service: Resource) -> list[Any]:
    return [service.props.get("task_definition_arn")]


def _task_notes(containers: list[ContainerSpec], missing_secrets: list[str], launch_types: list[str]) -> list[str]:
    names = sorted({name for container in containers for name in container.env_names})
    notes = [f"environment values are never inventoried: set {', '.join(names)} with stack config "
             "planner:env-<item id>-<NAME> (left out until set)"] if names else []
    if missing_secrets:
        notes.append(f"secrets {', '.join(missing_secrets)} read SSM parameters or secrets not inventoried: add them "
                     "to the container definitions by hand")
    if "EC2" in launch_types:
        notes.append(EC2_CAPACITY_NOTE)
    outside = [container.image for container in containers if container.repository_item is None]
    if outside:
        notes.append(f"images not from an inventoried ECR repository are used as they are: {', '.join(outside)}")
    if any(container.repository_item for container in containers):
        notes.append("ECR images point at the new repositories: push the images there first")
    return notes


def map_task(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    repositories = _ecr_repository_by_uri(ctx)
    containers, missing = [], []
    for raw in props.get("containers") or []:
        secrets, not_found = _container_secrets(raw, resource, ctx)
        containers.append(_container(raw, repositories, secrets, ctx))
        missing.extend(not_found)
    launch_types = list(props.get("requires_compatibilities") or _launch_types_of_services(resource, ctx))
    spec = EcsTaskDefinitionSpec(
        **common_fields(resource, ctx),
        family=str(props.get("family") or resource.name),
        cpu=str(props["cpu"]) if props.get("cpu") else None,
        memory=str(props["memory"]) if props.get("memory") else None,
        network_mode=props.get("network_mode") or ("awsvpc" if "FARGATE" in launch_types else None),
        requires_compatibilities=launch_types,
        containers=containers,
        role_item=item_of(ctx, props.get("execution_role_arn")),
        task_role_item=item_of(ctx, props.get("task_role_arn")),
    )
    return result("partial", spec, None, _task_notes(containers, missing, launch_types))


# --- services ------------------------------------------------------------------------------------


def _service_target_group(entry: Any, ctx: MappingContext) -> ServiceTargetGroup | None:
    """A target group the service registers with (an ARN, or a dict with its container), when it is rebuilt."""
    details = entry if isinstance(entry, dict) else {}
    target_item = item_of(ctx, details.get("target_group_arn") if isinstance(entry, dict) else entry)
    if not target_item:
        return None
    return ServiceTargetGroup(
        target_group_item=target_item,
        container_name=details.get("container_name"),
        container_port=optional_int(details.get("container_port")),
    )


def _service_spec(resource: Resource, ctx: MappingContext, cluster: str, task: str) -> EcsServiceSpec:
    props = resource.props
    entries = props.get("load_balancers") or props.get("load_balancer_target_groups") or []
    balancers = [_service_target_group(entry, ctx) for entry in entries]
    return EcsServiceSpec(
        **common_fields(resource, ctx),
        cluster_item=cluster,
        task_definition_item=task,
        desired_count=optional_int(props.get("desired_count")) or 0,
        launch_type=props.get("launch_type"),
        load_balancers=[balancer for balancer in balancers if balancer is not None],
        subnet_items=linked(resource, ctx, "subnet_ids", SUBNET),
        security_group_items=linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
        assign_public_ip=bool(props.get("assign_public_ip")),
        scheduling_strategy=props.get("scheduling_strategy"),
        autoscaling_min=optional_int(props.get("autoscaling_min")),
        autoscaling_max=optional_int(props.get("autoscaling_max")),
    )


def _service_notes(spec: EcsServiceSpec) -> list[str]:
    notes = []
    if spec.launch_type == "FARGATE" and not spec.subnet_items:
        notes.append("a Fargate service needs subnets and security groups; none are inventoried: add its network configuration")
    if spec.launch_type == "EC2":
        notes.append(EC2_CAPACITY_NOTE)
    if spec.autoscaling_max is not None:
        notes.append("the Application Auto Scaling target is rebuilt; its scaling policies are not inventoried: add them")
    return notes


def map_service(resource: Resource, ctx: MappingContext) -> MappedTarget:
    cluster = linked_one(resource, ctx, "cluster_arn", "aws.ecs.cluster")
    task = linked_one(resource, ctx, "task_definition_arn", "aws.ecs.task_definition")
    if cluster is None or task is None:
        return manual(
            "the service's cluster or task definition is not in the inventory",
            "recreate the service by hand once its cluster and task definition exist",
        )
    spec = _service_spec(resource, ctx, cluster, task)
    notes = _service_notes(spec)
    priced = unpriced(f"ECS {spec.launch_type or ''} task".replace("  ", " "))
    return result("partial" if notes else "mapped", spec, priced, notes)


MAP: dict[str, MapFunction] = {"container.service": map_service, "container.task": map_task}
SPECS: tuple[type[Spec], ...] = (EcsTaskDefinitionSpec, EcsServiceSpec)
