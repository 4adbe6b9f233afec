"""The Google APIs a stack's resources need, enabled once each (`gcp.projects.Service`), with every resource made to
depend on the Service of each API it needs: on a fresh project, creating a resource of a disabled API fails with
SERVICE_DISABLED.

The resource's pulumi-gcp module (the `compute` of `gcp:compute/network:Network`) names its API; the table gives
the service names Google lists for each product ("Enable the API" in the product's quickstart, and the service
endpoint `<name>.googleapis.com` of its REST reference). Cloud Run functions (2nd gen) build with Cloud Build into
Artifact Registry and run on Cloud Run, so they need those too (Cloud Run functions "Deploy a function": enable
the Cloud Functions, Cloud Build, Artifact Registry and Cloud Run APIs).
"""

from __future__ import annotations

from collections.abc import Callable

import pulumi
import pulumi_gcp as gcp

# pulumi-gcp module -> the API service names its resources need.
MODULE_APIS: dict[str, tuple[str, ...]] = {
    "alloydb": ("alloydb.googleapis.com",),
    "apigateway": ("apigateway.googleapis.com",),
    "artifactregistry": ("artifactregistry.googleapis.com",),
    "bigquery": ("bigquery.googleapis.com",),
    "bigtable": ("bigtableadmin.googleapis.com",),
    "certificatemanager": ("certificatemanager.googleapis.com",),
    "cloudbuild": ("cloudbuild.googleapis.com",),
    "clouddomains": ("domains.googleapis.com",),
    "cloudfunctions": ("cloudfunctions.googleapis.com", "cloudbuild.googleapis.com"),
    "cloudfunctionsv2": ("cloudfunctions.googleapis.com", "cloudbuild.googleapis.com",
                         "artifactregistry.googleapis.com", "run.googleapis.com"),
    "cloudrun": ("run.googleapis.com",),
    "cloudrunv2": ("run.googleapis.com",),
    "cloudscheduler": ("cloudscheduler.googleapis.com",),
    "cloudtasks": ("cloudtasks.googleapis.com",),
    "compute": ("compute.googleapis.com",),
    "container": ("container.googleapis.com",),
    "dataflow": ("dataflow.googleapis.com",),
    "datastream": ("datastream.googleapis.com",),
    "dns": ("dns.googleapis.com",),
    "eventarc": ("eventarc.googleapis.com",),
    "filestore": ("file.googleapis.com",),
    "firestore": ("firestore.googleapis.com",),
    "iam": ("iam.googleapis.com",),
    "identityplatform": ("identitytoolkit.googleapis.com",),
    "kms": ("cloudkms.googleapis.com",),
    "logging": ("logging.googleapis.com",),
    "memcache": ("memcache.googleapis.com",),
    "memorystore": ("memorystore.googleapis.com",),
    "monitoring": ("monitoring.googleapis.com",),
    "networkservices": ("networkservices.googleapis.com",),
    "oslogin": ("oslogin.googleapis.com",),
    "parametermanager": ("parametermanager.googleapis.com",),
    "projects": ("cloudresourcemanager.googleapis.com",),  # project IAM bindings
    "pubsub": ("pubsub.googleapis.com",),
    "redis": ("redis.googleapis.com",),
    "secretmanager": ("secretmanager.googleapis.com",),
    "serviceaccount": ("iam.googleapis.com",),
    "servicenetworking": ("servicenetworking.googleapis.com",),
    "spanner": ("spanner.googleapis.com",),
    "sql": ("sqladmin.googleapis.com",),
    "storage": ("storage.googleapis.com",),
    "vertex": ("aiplatform.googleapis.com",),
    "vpcaccess": ("vpcaccess.googleapis.com",),
    "workflows": ("workflows.googleapis.com",),
}
SERVICE_TYPE = "gcp:projects/service:Service"


def module_of(type_token: str) -> str | None:
    """The pulumi-gcp module of a resource type token (`compute` of `gcp:compute/network:Network`)."""
    package, _, rest = type_token.partition(":")
    return rest.split("/", 1)[0] if package == "gcp" and "/" in rest else None


def apis_of(type_token: str) -> tuple[str, ...]:
    if type_token == SERVICE_TYPE:
        return ()
    return MODULE_APIS.get(module_of(type_token) or "", ())


class ApiServices:
    """One `projects.Service` per API the stack uses, created the first time a resource needs it."""

    def __init__(self) -> None:
        self.services: dict[str, pulumi.Resource] = {}
        self.unknown_modules: set[str] = set()

    def service(self, api: str) -> pulumi.Resource:
        if api not in self.services:
            self.services[api] = gcp.projects.Service(
                f"api-{api.removesuffix('.googleapis.com')}", service=api, disable_on_destroy=False,
                disable_dependent_services=False)
        return self.services[api]

    def transformation(self, args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult | None:
        """Make the resource depend on the Service of each API it needs (a stack transformation)."""
        module = module_of(args.type_)
        apis = apis_of(args.type_)
        if not apis:
            if module and args.type_ != SERVICE_TYPE:
                self.unknown_modules.add(module)
            return None
        services = [self.service(api) for api in apis]
        opts = pulumi.ResourceOptions.merge(args.opts, pulumi.ResourceOptions(depends_on=services))
        return pulumi.ResourceTransformationResult(args.props, opts)

    def enabled(self) -> list[str]:
        return sorted(self.services)


def enable_apis_for_stack(register: Callable[[Callable[..., object]], None] = pulumi.runtime.register_stack_transformation,
                          ) -> ApiServices:
    """Register the transformation on the stack: every resource created after this depends on its APIs."""
    services = ApiServices()
    register(services.transformation)
    return services
