"""The Google APIs a stack's resources need, enabled once each (`gcp.projects.Service`), with every resource made to
depend on the Service of each API it needs: on a fresh project, creating a resource of a disabled API fails with
SERVICE_DISABLED.

The resource's pulumi-gcp module (the `compute` of `gcp:compute/network:Network`) names its APIs in
`MODULE_APIS`, the table the serving rule `gcp.api-enabled` checks the stack against (providers/gcp/serving.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pulumi
import pulumi_gcp as gcp

from providers.gcp.serving import MODULE_APIS, apis_of

__all__ = ["MODULE_APIS", "ApiServices", "apis_of", "enable_apis_for_stack", "module_of"]

SERVICE_TYPE = "gcp:projects/service:Service"


def module_of(type_token: str) -> str | None:
    """The pulumi-gcp module of a resource type token (`compute` of `gcp:compute/network:Network`)."""
    package, _, rest = type_token.partition(":")
    return rest.split("/", 1)[0] if package == "gcp" and "/" in rest else None




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
