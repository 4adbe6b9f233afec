"""`function` -> a Cloud Run function (2nd gen), or a Cloud Run service for runtimes and images it cannot run."""

from __future__ import annotations

import re
from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, number, region_of
from providers.gcp.spec import GcpSpec

# Lambda runtime -> Cloud Run functions runtime id (docs "Cloud Run functions runtimes", retrieved copy).
FUNCTION_RUNTIMES: dict[str, str] = {
    **{f"python3.{minor}": f"python3{minor}" for minor in range(8, 14)},
    **{f"nodejs{major}.x": f"nodejs{major}" for major in (18, 20, 22)},
    "java11": "java11", "java17": "java17", "java21": "java21",
    "ruby3.2": "ruby32", "ruby3.3": "ruby33",
    "dotnet6": "dotnet6", "dotnet8": "dotnet8",
}
CLOUD_RUN_PLACEHOLDER_IMAGE = "us-docker.pkg.dev/cloudrun/container/hello"


def _last_name(handler: str) -> str:
    """`app.handler` -> `handler` (Python, Node.js, Ruby: the function's name)."""
    return re.split(r"::|\.", handler)[-1] or "main"


def _java_class(handler: str) -> str:
    """`example.Handler::handleRequest` -> `example.Handler` (Java: the fully qualified class)."""
    return handler.split("::")[0] or "Function"


def _dotnet_type(handler: str) -> str:
    """`Assembly::Namespace.Function::Method` -> `Namespace.Function` (.NET: the fully qualified type)."""
    parts = handler.split("::")
    return parts[1] if len(parts) > 1 and parts[1] else "Placeholder.Function"


# Runtime family -> the Cloud Run functions entry point from the Lambda handler (Cloud Run functions "Function entry
# point": the function name for Python, Node.js and Ruby, the fully qualified class or type for Java and .NET).
ENTRY_POINTS = {"python": _last_name, "nodejs": _last_name, "ruby": _last_name, "java": _java_class,
                "dotnet": _dotnet_type}


class CloudFunctionSpec(GcpSpec):
    type: Literal["gcp.cloudfunctions2.function"] = "gcp.cloudfunctions2.function"
    region: str
    runtime: str
    entry_point: str
    memory_mb: int
    timeout_s: int
    source_object: str  # zip the operator uploads to the stack's function-source bucket


class CloudRunServiceSpec(GcpSpec):
    type: Literal["gcp.cloudrun.service"] = "gcp.cloudrun.service"
    region: str
    image: str  # a placeholder until the operator pushes the real image
    memory_mb: int
    timeout_s: int


def map_function(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    runtime = str(props.get("runtime") or "")
    region = region_of(resource, ctx)
    memory = int(number(props.get("memory_mb"), 128))
    timeout = int(number(props.get("timeout_s"), 3))
    notes = ["the code must be adapted from the Lambda handler(event, context) signature to the Functions "
             "Framework (HTTP or CloudEvent) and its triggers re-created (event sources are not inventoried)"]
    if props.get("env_var_names"):
        notes.append("set environment variables " + ", ".join(props["env_var_names"]) + " (values not inventoried)")
    if props.get("vpc_subnet_ids"):
        notes.append("the function runs in a VPC: add Direct VPC egress or a Serverless VPC Access connector")
    notes.append("execution role -> a service account with the equivalent IAM roles (manual)")
    target_runtime = FUNCTION_RUNTIMES.get(runtime)
    if props.get("package_type") == "Image" or target_runtime is None:
        why = ("container image package" if props.get("package_type") == "Image"
               else f"runtime {runtime or 'unknown'} has no Cloud Run functions equivalent")
        spec: GcpSpec = CloudRunServiceSpec(
            name=ctx.target_name(resource), labels=ctx.labels(resource), region=region,
            image=CLOUD_RUN_PLACEHOLDER_IMAGE, memory_mb=max(memory, 512), timeout_s=timeout)
        notes.insert(0, f"{why}: Cloud Run service with a placeholder image; build the code into a container "
                        "(listening on $PORT) and push it to Artifact Registry")
    else:
        entry = ENTRY_POINTS[re.sub(r"\d+$", "", target_runtime)](str(props.get("handler") or "main"))
        spec = CloudFunctionSpec(
            name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, runtime=target_runtime,
            entry_point=entry, memory_mb=memory, timeout_s=timeout, source_object=f"{ctx.target_name(resource)}.zip")
        notes.insert(0, f"{runtime} -> Cloud Run functions (2nd gen) {target_runtime}: the stack uploads a placeholder "
                        f"{spec.source_object} (an HTTP function {entry} answering 501 'replace me') so that it "
                        "builds; replace it with the ported code (gcloud functions deploy, or a new object)")
    return done("partial", spec, notes,
                pricing.unpriced("no Cloud Run / Cloud Functions rate in the catalog snapshot (pay per use): not priced"))


MAP: dict[str, MapFunction] = {"function": map_function}
SPECS: tuple[type[GcpSpec], ...] = (CloudFunctionSpec, CloudRunServiceSpec)
