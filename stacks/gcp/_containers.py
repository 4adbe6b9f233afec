"""What the Cloud Run and GKE builders share: a container's image, environment, secrets and size, Direct VPC
egress, and the secret accessor grants of the service account a workload runs as.

Environment values were never inventoried: each comes from stack config `planner:env-<item id>-<NAME>` (a
secret), and a variable without one is left out (the plan notes list them).
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds._containers import ContainerSpec
from providers.gcp.kinds.registry import ArtifactRepositorySpec
from providers.gcp.kinds.role import ServiceAccountSpec
from stacks.gcp._identity import member_of, stack_project
from stacks.gcp.base import GcpGroup

PLANNER_CONFIG = "planner"
SECRET_ACCESSOR = "roles/secretmanager.secretAccessor"
DIGEST_PREFIX = "sha256:"


def image_of(group: GcpGroup, item: PlanItem, container: ContainerSpec) -> str:
    """The Artifact Registry path of the plan's repository (REGION-docker.pkg.dev/PROJECT/REPO/NAME:TAG), else the
    image as the spec gives it."""
    if container.repository is None or not group.buildable_refs(item, [container.repository], "image repository"):
        return container.image or ""
    repository: ArtifactRepositorySpec = group.spec_of_id(container.repository)
    tag = container.image_tag or "latest"
    separator = "@" if tag.startswith(DIGEST_PREFIX) else ":"
    return f"{repository.region}-docker.pkg.dev/{stack_project()}/{repository.name}/{container.image_name}{separator}{tag}"


def repositories_of(group: GcpGroup, item: PlanItem, containers: list[ContainerSpec]) -> list[pulumi.Resource]:
    """The repository resources the images live in (the workload waits for them)."""
    wanted = [container.repository for container in containers if container.repository]
    return [group.resource_of(item, repository) for repository in group.buildable_refs(item, wanted, "image repository")]


def env_value(item: PlanItem, name: str) -> pulumi.Output[str] | None:
    return pulumi.Config(PLANNER_CONFIG).get_secret(f"env-{item.id}-{name}")


def envs(group: GcpGroup, item: PlanItem, container: ContainerSpec) -> list[dict[str, Any]]:
    """Variables whose values the operator set in config, and secrets read from Secret Manager."""
    plain = [{"name": name, "value": value} for name in container.env_names
             if (value := env_value(item, name)) is not None]
    secrets = [{"name": env.name, "value_source": {"secret_key_ref": {
                   "secret": group.ref(item, env.secret, "secret_id"), "version": "latest"}}}
               for env in container.secret_envs if group.buildable_refs(item, [env.secret], "secret")]
    return plain + secrets


def limits(container: ContainerSpec) -> dict[str, str]:
    return {key: value for key, value in (("cpu", container.cpu), ("memory", container.memory)) if value}


def vpc_access(group: GcpGroup, item: PlanItem, network: str | None, subnetwork: str | None) -> dict[str, Any] | None:
    """Direct VPC egress to private ranges through the workload's subnetwork (or network)."""
    interface: dict[str, Any] = {}
    if subnetwork and group.buildable_refs(item, [subnetwork], "subnetwork"):
        interface["subnetwork"] = group.ref(item, subnetwork, "self_link")
    if network and group.buildable_refs(item, [network], "network"):
        interface["network"] = group.ref(item, network, "self_link")
    return {"network_interfaces": [interface], "egress": "PRIVATE_RANGES_ONLY"} if interface else None


def grant_secret_access(group: GcpGroup, item: PlanItem, account: ServiceAccountSpec | None,
                        containers: list[ContainerSpec], after: list[pulumi.Resource]) -> None:
    """The workload's service account may read the secrets its containers reference (one grant per secret)."""
    if account is None:
        return
    secrets = sorted({env.secret for container in containers for env in container.secret_envs})
    for secret in group.buildable_refs(item, secrets, "secret"):
        gcp.secretmanager.SecretIamMember(
            f"{item.id}-reads-{secret}", secret_id=group.ref(item, secret), role=SECRET_ACCESSOR,
            member=member_of(account), opts=group.opts(depends_on=after))
