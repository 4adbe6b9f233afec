"""`api` -> API Gateway (an API, an API config from a generated OpenAPI 2.0 document, a gateway).

The source's own OpenAPI export is not inventoried: the document lists the inventoried
routes, each sent to the Cloud Run function that replaces its Lambda integration (or to
its HTTP integration's URL). WebSocket APIs have no API Gateway equivalent: manual.
"""

from __future__ import annotations

from typing import ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.common.api_routes import CATCH_ALL_PATH, Route, authorized_routes, is_websocket, routes_of
from providers.common.regions import nearest_region, regions
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, item_of, region_of
from providers.gcp.spec import GcpSpec

# Regions a gateway can be deployed to ("API Gateway deployment model", cloud.google.com/api-gateway/docs/deployment-model).
GATEWAY_REGIONS: frozenset[str] = frozenset({
    "asia-northeast1", "australia-southeast1", "europe-west1", "europe-west2", "us-east1", "us-east4", "us-central1",
    "us-west2", "us-west3", "us-west4",
})
GATEWAY_ID_MAX = 49  # "Deploying an API to a gateway": at most 49 characters
OPENAPI_METHODS: tuple[str, ...] = ("get", "post", "put", "patch", "delete", "head", "options")
GREEDY_SUFFIX = "+}"
PLACEHOLDER_ROUTE = ("get", "/")


class ApiRouteSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    method: str  # an OpenAPI operation (lower case)
    path: str
    backend_item: str | None = None  # plan item id of the function that serves it
    backend_url: str | None = None  # else the URL of the source's HTTP integration


class ApiGatewaySpec(GcpSpec):
    type: Literal["gcp.apigateway.api"] = "gcp.apigateway.api"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("backend_items",)
    region: str  # the gateway's region (one API Gateway offers)
    gateway_id: str
    routes: list[ApiRouteSpec] = Field(default_factory=list)

    @property
    def backend_items(self) -> list[str]:
        return sorted({route.backend_item for route in self.routes if route.backend_item})


def gateway_region(region: str) -> str:
    """`region` if API Gateway offers it, else the nearest region that does."""
    if region in GATEWAY_REGIONS:
        return region
    known = regions("gcp")
    return nearest_region("gcp", known[region], GATEWAY_REGIONS) if region in known else "us-central1"


def openapi_path(path: str) -> str:
    """An API Gateway path template: `{proxy+}` (greedy) becomes `{proxy}` (one segment)."""
    return path.replace(GREEDY_SUFFIX, "}")


def _operations(route: Route) -> list[str]:
    method = route.method.lower()
    return list(OPENAPI_METHODS) if method not in OPENAPI_METHODS else [method]


def origin(url: str | None) -> str | None:
    """`scheme://host[:port]` of a URL: the gateway appends the client's path to it."""
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def _route_specs(route: Route, ctx: MappingContext) -> list[ApiRouteSpec]:
    backend = item_of(route.target_id, ctx)
    url = None if backend else origin(route.target_url)
    return [ApiRouteSpec(method=method, path=openapi_path(route.path), backend_item=backend, backend_url=url)
            for method in _operations(route)]


def _notes(routes: list[Route], specs: list[ApiRouteSpec], resource: Resource, planned: str, region: str) -> list[str]:
    notes = ["the source's OpenAPI definition is not inventoried: the API config is a generated OpenAPI 2.0 "
             f"document of the {len(routes)} inventoried route(s); request/response mappings, models and "
             "validators are not carried over",
             "Lambda proxy integrations -> x-google-backend to the Cloud Run function: its handler reads the "
             "HTTP request instead of the API Gateway proxy event"]
    if region != planned:
        notes.append(f"the gateway runs in {region}: API Gateway is not offered in {planned}, {region} is the nearest")
    unserved = sorted({f"{spec.method.upper()} {spec.path}" for spec in specs if not (spec.backend_item or spec.backend_url)})
    if unserved:
        notes.append("no backend in the plan for: " + ", ".join(unserved) + ": add an x-google-backend")
    if any(route.target_url and not route.target_id for route in routes):
        notes.append("HTTP integrations -> their backend's origin: it receives the client's path as sent (the "
                     "source's integration path templates are not rewritten)")
    if any(route.path.endswith(GREEDY_SUFFIX) or route.path == CATCH_ALL_PATH for route in routes):
        notes.append("greedy path parameters ({proxy+}) match one path segment on API Gateway: list deeper paths")
    if authorized_routes(routes):
        notes.append("routes with an authorizer, IAM auth or an API key at the source: add securityDefinitions "
                     "(API keys, Firebase/Auth0/Google ID tokens) to the document")
    if resource.props.get("stages"):
        notes.append(f"stages {', '.join(resource.props['stages'])}: a gateway serves one config; make one "
                     "gateway per stage that must stay separate")
    notes.append("clients move to the gateway's *.gateway.dev hostname, or to a custom domain behind a load balancer")
    return notes


def map_api(resource: Resource, ctx: MappingContext) -> MappedTarget:
    if is_websocket(resource.props):
        return manual(
            "WebSocket API: Google Cloud API Gateway has no WebSocket support",
            "serve the WebSocket endpoint from a Cloud Run service (it accepts WebSocket connections): port the "
            "$connect/$disconnect/route handlers into it and replace the @connections callback API with the "
            "service's own connection registry (Memorystore or Firestore)")
    routes = routes_of(resource.props)
    specs = [spec for route in routes for spec in _route_specs(route, ctx)]
    planned = region_of(resource, ctx)
    region = gateway_region(planned)
    notes = _notes(routes, specs, resource, planned, region)
    if not specs:
        specs = [ApiRouteSpec(method=PLACEHOLDER_ROUTE[0], path=PLACEHOLDER_ROUTE[1])]
        notes.insert(0, "no routes inventoried: the document holds a placeholder GET / without a backend")
    name = ctx.target_name(resource)
    spec = ApiGatewaySpec(name=name, labels=ctx.labels(resource), region=region, routes=specs,
                          gateway_id=name[:GATEWAY_ID_MAX].rstrip("-"))
    return done("partial", spec, notes, pricing.unpriced("no API Gateway rate in the catalog snapshot (per call): not priced"))


MAP: dict[str, MapFunction] = {"api": map_api}
SPECS: tuple[type[GcpSpec], ...] = (ApiGatewaySpec,)
