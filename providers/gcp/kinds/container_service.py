"""`container.service` and `container.task` -> Cloud Run.

An ECS service (Fargate or EC2 launch type) becomes a Cloud Run service running its task definition's
containers, when the task fits Cloud Run's limits (data table in `_containers`); otherwise a GKE Deployment
(or DaemonSet) for the ECS cluster's GKE cluster, exported as a manifest to apply. A task definition a service
runs needs nothing of its own (its containers are the service's revision template); the latest revision of a
family no service runs (a scheduled or one-off task) becomes a Cloud Run job.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._containers import Containers, ContainerSpec, Shape, task_containers
from providers.gcp.kinds._load_balancers import lb_unsupported
from providers.gcp.kinds._shared import done, item_of, number, placement, refs, region_of
from providers.gcp.spec import GcpSpec

SERVICE = "aws.ecs.service"
TASK_DEFINITION = "aws.ecs.task_definition"
TARGET_GROUP = "aws.elbv2.target_group"
LOAD_BALANCER = "aws.elbv2.load_balancer"
INGRESS_ALL = "INGRESS_TRAFFIC_ALL"
INGRESS_INTERNAL = "INGRESS_TRAFFIC_INTERNAL_ONLY"
NOT_PRICED = "no Cloud Run rate in the catalog snapshot (vCPU-second, GiB-second): not priced"


class _Workload(GcpSpec):
    """What Cloud Run services, jobs and GKE workloads share: containers, identity and network."""

    region: str
    containers: list[ContainerSpec] = Field(default_factory=list)
    service_account: str | None = None  # plan item id of the identity.role item (a service account)
    network: str | None = None
    subnetwork: str | None = None
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("service_account", "network", "subnetwork")

    def referenced_ids(self) -> list[str]:
        return [*super().referenced_ids(), *(ref for container in self.containers for ref in container.referenced_ids())]


class CloudRunServiceSpec(_Workload):
    type: Literal["gcp.cloudrunv2.service"] = "gcp.cloudrunv2.service"
    min_instances: int
    max_instances: int
    ingress: Literal["INGRESS_TRAFFIC_ALL", "INGRESS_TRAFFIC_INTERNAL_ONLY"] = INGRESS_INTERNAL
    public: bool = False  # allUsers may invoke it (it sat behind an internet-facing load balancer)
    serverless_neg: bool = False  # a serverless NEG for the load balancer's backend service
    cpu_always_allocated: bool = True  # ECS tasks keep their CPU between requests


class CloudRunJobSpec(_Workload):
    type: Literal["gcp.cloudrunv2.job"] = "gcp.cloudrunv2.job"


class GkeWorkloadSpec(_Workload):
    """A Kubernetes Deployment or DaemonSet for the GKE cluster; the stack exports its manifest (pulumi-gcp
    creates no Kubernetes objects)."""

    type: Literal["gcp.container.workload"] = "gcp.container.workload"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("service_account", "network", "subnetwork", "cluster")
    cluster: str | None = None  # plan item id of the GKE cluster
    workload_kind: Literal["Deployment", "DaemonSet"] = "Deployment"
    replicas: int = 1


# --- what a service runs --------------------------------------------------------------------------


def _task_of(service: Resource, ctx: MappingContext) -> Resource | None:
    task_id = service.props.get("task_definition_arn")
    found = ctx.resource(str(task_id)) if task_id else None
    return found or next(iter(refs(service, ctx, TASK_DEFINITION)), None)


def _service_account(task: Resource, ctx: MappingContext) -> str | None:
    """The task role's service account, else the execution role's."""
    for prop in ("task_role_arn", "execution_role_arn"):
        item = item_of(task.props.get(prop), ctx)
        if item:
            return item
    return None


def _first_balancer(service: Resource) -> dict[str, Any]:
    balancers = [entry for entry in service.props.get("load_balancers") or [] if isinstance(entry, dict)]
    return balancers[0] if balancers else {}


def _unfit_reasons(service: Resource, task: Resource, shape: Shape) -> list[str]:
    """Why the task cannot run on Cloud Run (empty when it can)."""
    containers = task.props.get("containers") or []
    checks = (
        (service.props.get("scheduling_strategy") == "DAEMON",
         "a DAEMON service runs one task on every container instance: it becomes a GKE DaemonSet"),
        (shape.cloud_run is None,
         f"the task needs {shape.vcpu:g} vCPU / {shape.memory_mib} MiB, more than Cloud Run's 8 vCPU / 32 GiB"),
        (any(number(container.get("gpu_count")) for container in containers if isinstance(container, dict)),
         "the task asks for GPUs: a GKE node pool with GPUs"),
        (str(task.props.get("os_family") or "").upper().startswith("WINDOWS"),
         "Windows containers: Cloud Run runs Linux containers only (GKE Standard with Windows node pools)"),
    )
    return [reason for failed, reason in checks if failed]


def _load_balancers_of(service: Resource, ctx: MappingContext) -> list[Resource]:
    target_groups = [ctx.resource(str(arn)) for arn in service.props.get("load_balancer_target_groups") or []]
    found = [lb for tg in target_groups if tg is not None for lb in refs(tg, ctx, LOAD_BALANCER)]
    return index_of(ctx).in_order(found)


def _traffic(service: Resource, ctx: MappingContext) -> tuple[dict[str, Any], list[str], bool]:
    """Ingress, public access and the NEG from the load balancers the service registers with; notes; to do."""
    lbs = _load_balancers_of(service, ctx)
    built = [lb for lb in lbs if not lb_unsupported(lb)]
    public = any(lb.props.get("scheme") == "internet-facing" for lb in built)
    fields = {"ingress": INGRESS_ALL if public else INGRESS_INTERNAL, "public": public, "serverless_neg": bool(built)}
    if built:
        names = ", ".join(lb.name for lb in built)
        return fields, [f"load balancer {names}: a serverless NEG is created for the service, but the backend service "
                        "is built with instance groups only: add the NEG as its backend (wiring not generated), then "
                        "set ingress to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER; until then the service answers on "
                        "its run.app URL"], True
    if lbs:
        return fields, ["its load balancer is not built on Google Cloud (see that item): the service is internal "
                        "(ingress INTERNAL_ONLY, no public invoker)"], True
    return fields, ["no load balancer: ingress INTERNAL_ONLY and no public invoker (callers in the VPC or with "
                    "roles/run.invoker)"], False


def _scaling(service: Resource) -> tuple[int, int, list[str]]:
    """(min, max) instances: the desired count, up to the Application Auto Scaling maximum or, without one, the
    desired count itself (an ECS service without a scaling target runs exactly that many tasks)."""
    desired = max(0, int(number(service.props.get("desired_count"), 1)))
    ceiling = service.props.get("autoscaling_max")
    if ceiling is not None:
        return desired, max(1, desired, int(number(ceiling))), []
    return desired, max(1, desired), [f"no Application Auto Scaling target inventoried: max instances = the desired "
                                      f"count ({max(1, desired)}); raise it to let Cloud Run scale"]


# --- services -------------------------------------------------------------------------------------


def _common(resource: Resource, task: Resource, ctx: MappingContext, containers: Containers) -> dict[str, Any]:
    network, subnetwork = placement(resource, ctx)
    return {"name": ctx.target_name(resource), "labels": ctx.labels(resource), "region": region_of(resource, ctx),
            "containers": containers.containers, "service_account": _service_account(task, ctx),
            "network": network, "subnetwork": subnetwork}


def _placement_notes(spec: _Workload, task: Resource) -> list[str]:
    notes = []
    if spec.network is None:
        notes.append("no VPC placement inventoried: no Direct VPC egress; add it to reach private addresses")
    if spec.service_account is None:
        notes.append("no task role: it runs as the project's default compute service account")
    if str(task.props.get("cpu_architecture") or "").upper() == "ARM64":
        notes.append("the task ran on ARM64: Cloud Run runs linux/amd64 images; rebuild the image for amd64")
    return notes


def _map_to_cloud_run(resource: Resource, task: Resource, ctx: MappingContext, containers: Containers) -> MappedTarget:
    low, high, scaling_notes = _scaling(resource)
    traffic, traffic_notes, traffic_todo = _traffic(resource, ctx)
    spec = CloudRunServiceSpec(**_common(resource, task, ctx, containers), min_instances=low, max_instances=high,
                               **traffic)
    cpu, memory = containers.shape.cloud_run or (1, 512)
    notes = [f"ECS {resource.props.get('launch_type') or ''} service -> Cloud Run service: {cpu} vCPU / {memory} MiB "
             f"(the task: {containers.shape.vcpu:g} vCPU / {containers.shape.memory_mib} MiB), {low}-{high} "
             "instances, CPU always allocated (instance-based billing) as ECS tasks have it",
             *scaling_notes, *traffic_notes, *containers.notes, *_placement_notes(spec, task)]
    todo = containers.todo or traffic_todo or spec.network is None
    return done("partial" if todo else "mapped", spec, notes, pricing.unpriced(NOT_PRICED))


def _map_to_gke(resource: Resource, task: Resource, ctx: MappingContext, containers: Containers,
                reasons: list[str]) -> MappedTarget:
    daemon = resource.props.get("scheduling_strategy") == "DAEMON"
    shape = containers.shape
    sized = [container.model_copy(update={"cpu": f"{max(shape.vcpu, 0.25):g}", "memory": f"{max(shape.memory_mib, 512)}Mi"})
             if index == 0 else container for index, container in enumerate(containers.containers)]
    containers.containers = sized
    spec = GkeWorkloadSpec(**_common(resource, task, ctx, containers), cluster=item_of(resource.props.get("cluster_arn"), ctx),
                           workload_kind="DaemonSet" if daemon else "Deployment",
                           replicas=max(0, int(number(resource.props.get("desired_count"), 1))))
    notes = [f"does not fit Cloud Run: {'; '.join(reasons)}", f"a Kubernetes {spec.workload_kind} for the GKE cluster "
             f"{spec.cluster or '(none inventoried)'}: the stack exports its manifest (item output `kubernetes_manifest`); "
             "apply it with kubectl, with a Kubernetes Service and Gateway for its traffic",
             "the service account is bound to the pod through Workload Identity by hand", *containers.notes]
    return done("partial", spec, notes, pricing.unpriced("no GKE pod rate in the catalog snapshot: not priced"))


def map_container_service(resource: Resource, ctx: MappingContext) -> MappedTarget:
    task = _task_of(resource, ctx)
    if task is None:
        return manual("the service's task definition is not in the inventory",
                      "write the Cloud Run service by hand from the task definition (image, CPU, memory, ports)")
    balancer = _first_balancer(resource)
    wanted_port = int(number(balancer.get("container_port"))) or None
    containers = task_containers(task, ctx, wanted_name=balancer.get("container_name"), wanted_port=wanted_port)
    reasons = _unfit_reasons(resource, task, containers.shape)
    if reasons:
        return _map_to_gke(resource, task, ctx, containers, reasons)
    return _map_to_cloud_run(resource, task, ctx, containers)


# --- task definitions -----------------------------------------------------------------------------


def _task_definition_of_service(service: Resource) -> list[Any]:
    return [service.props.get("task_definition_arn")]


def _family(task: Resource) -> list[Any]:
    return [task.props.get("family") or task.name]


def _latest_of_family(task: Resource, ctx: MappingContext) -> Resource:
    family = index_of(ctx).lookup(_family, _family(task)[0], TASK_DEFINITION)
    return max(family or [task], key=lambda other: int(number(other.props.get("revision"))))


def map_container_task(resource: Resource, ctx: MappingContext) -> MappedTarget:
    services = index_of(ctx).lookup(_task_definition_of_service, resource.id, SERVICE)
    if services:
        names = ", ".join(service.name for service in services)
        return skipped(f"runs in the Cloud Run service of {names}: its containers are that service's revision "
                       "template, nothing of its own to build")
    latest = _latest_of_family(resource, ctx)
    if latest.id != resource.id:
        return skipped(f"an older revision of {resource.props.get('family')} that no service runs: the latest "
                       f"({latest.name}) is mapped")
    containers = task_containers(resource, ctx, with_port=False)
    if containers.shape.cloud_run is None:
        return manual(f"the task needs {containers.shape.vcpu:g} vCPU / {containers.shape.memory_mib} MiB, more "
                      "than a Cloud Run job's 8 vCPU / 32 GiB", "run it as a Kubernetes Job on GKE")
    network, subnetwork = placement(resource, ctx)
    spec = CloudRunJobSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                           region=region_of(resource, ctx), containers=containers.containers,
                           service_account=_service_account(resource, ctx), network=network, subnetwork=subnetwork)
    notes = ["a task definition no service runs (a scheduled or one-off task) -> Cloud Run job; what started it "
             "(RunTask calls, EventBridge schedules) is not inventoried: add a Cloud Scheduler trigger or call "
             "`gcloud run jobs execute`", *containers.notes, *_placement_notes(spec, resource)]
    return done("partial", spec, notes, pricing.unpriced(NOT_PRICED))


MAP: dict[str, MapFunction] = {"container.service": map_container_service, "container.task": map_container_task}
SPECS: tuple[type[GcpSpec], ...] = (CloudRunServiceSpec, CloudRunJobSpec, GkeWorkloadSpec)
