"""Builds `gcp.cloudrunv2.service`, `gcp.cloudrunv2.job` and `gcp.container.workload` (`container.service`,
`container.task`): Cloud Run services (with a serverless NEG for a load balancer, and public access where the
source was internet-facing), Cloud Run jobs, and the manifest of a GKE workload (pulumi-gcp creates no
Kubernetes objects: the manifest is an item output to apply with kubectl)."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.container_service import CloudRunJobSpec, CloudRunServiceSpec, GkeWorkloadSpec
from stacks.gcp._containers import envs, grant_secret_access, image_of, limits, repositories_of, vpc_access
from stacks.gcp._identity import email_of, runs_as
from stacks.gcp.base import GcpBuilder, GcpGroup

PUBLIC_INVOKER = "roles/run.invoker"
ALL_USERS = "allUsers"
NEG_NAME_MAX = 63


def _service_container(group: GcpGroup, item: PlanItem, spec: CloudRunServiceSpec, index: int) -> dict[str, Any]:
    container = spec.containers[index]
    found: dict[str, Any] = {"name": container.name, "image": image_of(group, item, container),
                             "envs": envs(group, item, container)}
    if container.cpu or container.memory:
        found["resources"] = {"limits": limits(container), "cpu_idle": not spec.cpu_always_allocated}
    if container.port:
        found["ports"] = {"container_port": container.port}
    return found


def _public(group: GcpGroup, item: PlanItem, spec: CloudRunServiceSpec, service: gcp.cloudrunv2.Service) -> None:
    gcp.cloudrunv2.ServiceIamMember(f"{item.id}-public", name=service.name, location=spec.region, role=PUBLIC_INVOKER,
                                    member=ALL_USERS, opts=group.opts())


def _serverless_neg(group: GcpGroup, item: PlanItem, spec: CloudRunServiceSpec, service: gcp.cloudrunv2.Service) -> None:
    neg = gcp.compute.RegionNetworkEndpointGroup(
        f"{item.id}-neg", name=f"{spec.name}-neg"[:NEG_NAME_MAX], region=spec.region,
        network_endpoint_type="SERVERLESS", cloud_run={"service": service.name}, opts=group.opts())
    group.export(item, "serverless_neg", neg.id)


def build_cloud_run_service(group: GcpGroup, item: PlanItem, spec: CloudRunServiceSpec) -> pulumi.Resource:
    account, waits = runs_as(group, item, spec.service_account)
    waits = waits + repositories_of(group, item, spec.containers)
    template: dict[str, Any] = {
        "containers": [_service_container(group, item, spec, index) for index in range(len(spec.containers))],
        "scaling": {"min_instance_count": spec.min_instances, "max_instance_count": spec.max_instances},
        "service_account": email_of(account) if account else None,
        "vpc_access": vpc_access(group, item, spec.network, spec.subnetwork),
    }
    grant_secret_access(group, item, account, spec.containers, waits)
    service = gcp.cloudrunv2.Service(
        item.id, name=spec.name, location=spec.region, labels=spec.labels, ingress=spec.ingress,
        deletion_protection=False, template=template, opts=group.opts(depends_on=waits))
    if spec.public:
        _public(group, item, spec, service)
    if spec.serverless_neg:
        _serverless_neg(group, item, spec, service)
    group.export(item, "url", service.uri)
    return service


def build_cloud_run_job(group: GcpGroup, item: PlanItem, spec: CloudRunJobSpec) -> pulumi.Resource:
    account, waits = runs_as(group, item, spec.service_account)
    waits = waits + repositories_of(group, item, spec.containers)
    containers = [{"name": container.name, "image": image_of(group, item, container),
                   "envs": envs(group, item, container), "resources": {"limits": limits(container)}}
                  for container in spec.containers]
    grant_secret_access(group, item, account, spec.containers, waits)
    job = gcp.cloudrunv2.Job(
        item.id, name=spec.name, location=spec.region, labels=spec.labels, deletion_protection=False,
        template={"template": {"containers": containers, "service_account": email_of(account) if account else None,
                               "vpc_access": vpc_access(group, item, spec.network, spec.subnetwork)}},
        opts=group.opts(depends_on=waits))
    group.export(item, "job", job.id)
    return job


def _manifest_container(group: GcpGroup, item: PlanItem, spec: GkeWorkloadSpec, index: int) -> dict[str, Any]:
    container = spec.containers[index]
    found: dict[str, Any] = {
        "name": container.name, "image": image_of(group, item, container),
        "resources": {"requests": limits(container)},
        "env": [{"name": name, "value": ""} for name in container.env_names]
        + [{"name": env.name, "valueFrom": {"secretKeyRef": {"name": group.spec_of_id(env.secret).name, "key": "value"}}}
           for env in container.secret_envs],
    }
    if container.port:
        found["ports"] = [{"containerPort": container.port}]
    return found


def gke_manifest(group: GcpGroup, item: PlanItem, spec: GkeWorkloadSpec) -> dict[str, Any]:
    """The Deployment (or DaemonSet) as Kubernetes wants it. Environment values are left empty for the operator;
    a secret is read from a Kubernetes Secret named as the Secret Manager secret (synced by the operator)."""
    labels = {"app": spec.name}
    pod = {"metadata": {"labels": labels}, "spec": {
        "containers": [_manifest_container(group, item, spec, index) for index in range(len(spec.containers))]}}
    body: dict[str, Any] = {"selector": {"matchLabels": labels}, "template": pod}
    if spec.workload_kind == "Deployment":
        body["replicas"] = spec.replicas
    return {"apiVersion": "apps/v1", "kind": spec.workload_kind, "metadata": {"name": spec.name, "labels": labels},
            "spec": body}


def build_gke_workload(group: GcpGroup, item: PlanItem, spec: GkeWorkloadSpec) -> None:
    group.export(item, "kubernetes_manifest", json.dumps(gke_manifest(group, item, spec), sort_keys=True))


BUILD: dict[str, GcpBuilder] = {
    "gcp.cloudrunv2.service": build_cloud_run_service,
    "gcp.cloudrunv2.job": build_cloud_run_job,
    "gcp.container.workload": build_gke_workload,
}
