"""ECS task definitions as Cloud Run containers: the shape Cloud Run allows, the image, ports, environment names
and secrets. Shared by the Cloud Run services, jobs and GKE Deployments of `container_service`."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from planner.core.contract import MappingContext
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from planner.core.naming import sanitize_name
from providers.gcp import naming
from providers.gcp.kinds._shared import item_of, number, refs

# Cloud Run CPU limits and the memory each allows, in MiB: (cpu, least memory, most memory).
# Sources: pulumi-gcp 10.2.0 `cloudrunv2 ServiceTemplateContainerResourcesArgs.limits` ("the only supported values
# for CPU are '1', '2', '4', '6', and '8'. Setting 4 CPU requires at least 2Gi of memory, setting 6 or more CPU
# requires at least 4Gi"); Cloud Run docs "Configure memory limits for services" (more than 4 GiB needs 2 CPUs,
# more than 8 GiB 4, more than 16 GiB 6, more than 24 GiB 8; at most 32 GiB; at least 512 MiB in the second
# generation execution environment). CPUs below 1 are left out: they need request-based billing and concurrency 1.
CLOUD_RUN_SHAPES: tuple[tuple[int, int, int], ...] = (
    (1, 512, 4 * 1024),
    (2, 512, 8 * 1024),
    (4, 2 * 1024, 16 * 1024),
    (6, 4 * 1024, 24 * 1024),
    (8, 4 * 1024, 32 * 1024),
)
ECS_CPU_UNITS_PER_VCPU = 1024  # ECS task definitions count CPU in units, 1,024 to a vCPU
# Registries Cloud Run pulls from without a mirror (Cloud Run docs "Deploying container images": Artifact
# Registry, Container Registry and Docker Hub); any other registry needs an Artifact Registry repository.
PULLABLE_REGISTRIES: tuple[str, ...] = ("docker.io", "index.docker.io", "registry-1.docker.io")
GOOGLE_REGISTRY_SUFFIXES: tuple[str, ...] = ("-docker.pkg.dev", "gcr.io")
ECR_HOST = re.compile(r"^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$")
PLACEHOLDER_IMAGE = "us-docker.pkg.dev/cloudrun/container/hello"  # Google's public sample image
ECR_REPOSITORY = "aws.ecr.repository"
SECRET = "aws.secretsmanager.secret"


class SecretEnvSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str  # the environment variable
    secret: str  # plan item id of the Secret Manager secret


class ContainerSpec(BaseModel):
    """One container. The image is `image` as it is, or (when `repository` is set) the Artifact Registry path
    REGION-docker.pkg.dev/PROJECT/<repository>/`image_name`:`image_tag` the stack composes."""

    model_config = ConfigDict(extra="forbid")

    name: str
    image: str | None = None
    repository: str | None = None  # plan item id of the Artifact Registry repository
    image_name: str | None = None
    image_tag: str | None = None
    source_image: str  # the source's reference, for review (redacted in generated projects)
    cpu: str | None = None  # Cloud Run CPU limit ("1", "2"...); None for a sidecar left at Cloud Run's default
    memory: str | None = None  # "2048Mi"
    port: int | None = None  # the ingress container only
    env_names: list[str] = Field(default_factory=list)  # values are set by the operator (config planner:env-...)
    secret_envs: list[SecretEnvSpec] = Field(default_factory=list)

    def referenced_ids(self) -> list[str]:
        return [*([self.repository] if self.repository else []), *(env.secret for env in self.secret_envs)]


@dataclass
class Shape:
    """What a task asks for, and the Cloud Run limits that hold it (None when nothing does)."""

    vcpu: float
    memory_mib: int
    cloud_run: tuple[int, int] | None  # (cpu, memory MiB)


@dataclass
class Containers:
    """A task's containers for Cloud Run or GKE, and the notes (each one a thing to do, or a difference)."""

    containers: list[ContainerSpec]
    shape: Shape
    notes: list[str] = field(default_factory=list)
    todo: bool = False  # an operator must act before the workload runs as it did


# --- CPU and memory -----------------------------------------------------------------------------------


def _cpu_units(value: Any) -> float:
    """ECS CPU: "1024" units, or "1 vCPU" as the API also accepts it."""
    text = str(value or "").strip().lower()
    if text.endswith("vcpu"):
        return number(text.removesuffix("vcpu").strip()) * ECS_CPU_UNITS_PER_VCPU
    return number(text)


def _memory_mib(value: Any) -> float:
    """ECS memory: "2048" MiB, or "2 GB" as the API also accepts it."""
    text = str(value or "").strip().lower()
    if text.endswith("gb"):
        return number(text.removesuffix("gb").strip()) * 1024
    return number(text)


def task_shape(task: Resource) -> Shape:
    """The task's vCPUs and memory (task level, else the sum of its containers') and the Cloud Run limits for it."""
    containers = task.props.get("containers") or []
    units = _cpu_units(task.props.get("cpu")) or sum(_cpu_units(c.get("cpu")) for c in containers)
    memory = _memory_mib(task.props.get("memory")) or sum(_memory_mib(c.get("memory")) for c in containers)
    vcpu = units / ECS_CPU_UNITS_PER_VCPU
    return Shape(vcpu=vcpu, memory_mib=int(memory), cloud_run=cloud_run_limits(vcpu, int(memory)))


def cloud_run_limits(vcpu: float, memory_mib: int) -> tuple[int, int] | None:
    """The smallest Cloud Run (cpu, memory MiB) holding `vcpu` and `memory_mib`, or None beyond 8 vCPU / 32 GiB."""
    wanted_cpu = max(1, math.ceil(vcpu - 1e-9))
    for cpu, least, most in CLOUD_RUN_SHAPES:
        if cpu >= wanted_cpu and most >= memory_mib:
            return cpu, max(least, memory_mib)
    return None


# --- images ---------------------------------------------------------------------------------------


def _repository_uri(repository: Resource) -> list[str]:
    uri = repository.props.get("repository_uri")
    return [str(uri)] if uri else []


def _split_image(image: str) -> tuple[str, str]:
    """(repository part, tag or digest) of an image reference."""
    if "@" in image:
        repository, digest = image.split("@", 1)
        return repository, f"@{digest}"
    head, _, last = image.rpartition("/")
    name, _, tag = last.partition(":")
    return (f"{head}/{name}" if head else name), tag or "latest"


def _host(repository: str) -> str:
    first = repository.split("/", 1)[0]
    return first if "/" in repository and ("." in first or ":" in first or first == "localhost") else "docker.io"


def container_image(raw: dict[str, Any], ctx: MappingContext) -> tuple[dict[str, Any], list[str]]:
    """The image fields of a ContainerSpec and the notes: an inventoried ECR repository becomes the plan's
    Artifact Registry repository, a Docker Hub image stays, anything else is a placeholder to replace."""
    source = str(raw.get("image") or "")
    repository, tag = _split_image(source)
    host = _host(repository)
    if ECR_HOST.match(host):
        found = index_of(ctx).lookup(_repository_uri, repository, ECR_REPOSITORY)
        item = item_of(found[-1].id, ctx) if found else None
        if item:
            image_name = repository.rsplit("/", 1)[-1]
            return ({"repository": item, "image_name": image_name, "image_tag": tag.lstrip("@") or "latest"},
                    [f"push image {image_name}:{tag.lstrip('@')} to the Artifact Registry repository of {item} "
                     "before applying (gcrane cp from ECR)"])
        return {"image": PLACEHOLDER_IMAGE}, ["an image from an ECR repository that is not inventoried: copy it to "
                                              "Artifact Registry and replace the placeholder image"]
    if host in PULLABLE_REGISTRIES or host.endswith(GOOGLE_REGISTRY_SUFFIXES):
        return {"image": source}, []
    return {"image": PLACEHOLDER_IMAGE}, [f"an image from {host}: Cloud Run pulls from Artifact Registry and Docker "
                                          "Hub only; mirror it (remote repository) and replace the placeholder image"]


# --- environment and secrets ----------------------------------------------------------------------


def _secret_of(value_from: str, secrets: Iterable[Resource]) -> Resource | None:
    """The inventoried secret a `valueFrom` names: its ARN (maybe with a JSON key after it) or its name."""
    for secret in secrets:
        if value_from == secret.id or value_from.startswith(f"{secret.id}:") or value_from == secret.name:
            return secret
    return None


def secret_envs(raw: dict[str, Any], task: Resource, ctx: MappingContext) -> tuple[list[SecretEnvSpec], list[str]]:
    """Secret Manager references for the container's secrets; a note for each one that reads no inventoried secret."""
    inventoried = refs(task, ctx, SECRET)
    found: list[SecretEnvSpec] = []
    notes: list[str] = []
    for entry in raw.get("secrets") or []:
        value_from = str(entry.get("value_from") or "")
        secret = _secret_of(value_from, inventoried)
        item = item_of(secret.id, ctx) if secret else None
        if secret is not None and item:
            found.append(SecretEnvSpec(name=str(entry.get("name")), secret=item))
            if value_from.removeprefix(secret.id).strip(":") and value_from != secret.name:
                notes.append(f"{entry.get('name')} read one JSON key of its secret: store that value alone in {item}")
        else:
            notes.append(f"{entry.get('name')} reads {value_from or 'a secret'} (an SSM parameter or a secret not "
                         "inventoried): create a Secret Manager secret and reference it")
    return found, notes


# --- the containers of a task -----------------------------------------------------------------------


def _ingress_port(raw: dict[str, Any], wanted: int | None) -> int | None:
    ports = [int(number(mapping.get("container_port"))) for mapping in raw.get("port_mappings") or []
             if isinstance(mapping, dict) and mapping.get("container_port")]
    return wanted if wanted in ports else (ports[0] if ports else None)


def _ingress_index(containers: list[dict[str, Any]], wanted_name: str | None) -> int:
    """The container that receives traffic: the one the load balancer names, else the first with a port."""
    for index, raw in enumerate(containers):
        if wanted_name and raw.get("name") == wanted_name:
            return index
    return next((index for index, raw in enumerate(containers) if raw.get("port_mappings")), 0)


def task_containers(task: Resource, ctx: MappingContext, *, wanted_name: str | None = None,
                    wanted_port: int | None = None, with_port: bool = True) -> Containers:
    """The task's containers: the ingress one sized to the task (Cloud Run limits), sidecars at Cloud Run's default."""
    raws = [raw for raw in task.props.get("containers") or [] if isinstance(raw, dict)]
    shape = task_shape(task)
    result = Containers(containers=[], shape=shape)
    ingress = _ingress_index(raws, wanted_name)
    for index, raw in enumerate(raws):
        image, image_notes = container_image(raw, ctx)
        envs, secret_notes = secret_envs(raw, task, ctx)
        limits = shape.cloud_run if index == ingress else None
        result.containers.append(ContainerSpec(
            name=sanitize_name(str(raw.get("name") or "app"), naming.NAME_RULES, fallback="app"), **image,
            source_image=str(raw.get("image") or ""), cpu=str(limits[0]) if limits else None,
            memory=f"{limits[1]}Mi" if limits else None,
            port=_ingress_port(raw, wanted_port) if index == ingress and with_port else None,
            env_names=sorted(raw.get("env_var_names") or []), secret_envs=envs))
        result.notes.extend([*image_notes, *secret_notes])
        if raw.get("env_var_names"):
            result.notes.append(f"{raw.get('name')}: environment values were not inventoried; set "
                                f"{', '.join(sorted(raw['env_var_names']))} (stack config planner:env-<item>-<NAME>)")
    result.todo = bool(result.notes)
    if len(raws) > 1:
        result.notes.append("sidecar containers run at Cloud Run's default size (1 vCPU, 512 MiB): check them")
    return result
