"""APIs (api) -> API Gateway REST APIs (an OpenAPI body with the inventoried routes, a deployment, its stages) or
HTTP/WebSocket APIs (routes, integrations, stages), each route sent to the rebuilt function or its HTTP backend."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, item_of, result
from providers.aws.spec import Spec, _Part
from providers.common.api_routes import Route, authorized_routes, is_websocket, routes_of

FUNCTION = "aws.lambda.function"


class ApiRoute(_Part):
    method: str  # GET, POST, ANY...; a route key ($connect...) on WebSocket APIs
    path: str
    function_item: str | None = None  # the rebuilt function the route invokes
    url: str | None = None  # else the HTTP backend it proxies to


class RestApiSpec(Spec):
    type: Literal["aws.apigateway.rest_api"] = "aws.apigateway.rest_api"
    BUILT_LAST: ClassVar[bool] = True  # refers to items of later groups (stacks/aws/_late.py)
    endpoint_type: Literal["REGIONAL", "EDGE"] = "REGIONAL"
    binary_media_types: list[str] = Field(default_factory=list)
    stages: list[str] = Field(default_factory=list)
    routes: list[ApiRoute] = Field(default_factory=list)


class HttpApiSpec(Spec):
    type: Literal["aws.apigatewayv2.api"] = "aws.apigatewayv2.api"
    BUILT_LAST: ClassVar[bool] = True  # refers to items of later groups (stacks/aws/_late.py)
    protocol_type: Literal["HTTP", "WEBSOCKET"] = "HTTP"
    route_selection_expression: str | None = None
    stages: list[str] = Field(default_factory=list)
    routes: list[ApiRoute] = Field(default_factory=list)


def _function_item(route: Route, ctx: MappingContext) -> str | None:
    target = ctx.resource(route.target_id) if route.target_id else None
    return item_of(ctx, target.id) if target is not None and target.key == FUNCTION else None


def _api_route(route: Route, ctx: MappingContext) -> ApiRoute:
    function = _function_item(route, ctx)
    return ApiRoute(method=route.method, path=route.path, function_item=function, url=None if function else route.target_url)


def _notes(routes: list[Route], specs: list[ApiRoute]) -> list[str]:
    notes = []
    unserved = [f"{spec.method} {spec.path}".strip() for spec in specs if not (spec.function_item or spec.url)]
    if unserved:
        notes.append("routes without a rebuilt backend answer with a mock integration: " + ", ".join(unserved))
    if authorized_routes(routes):
        notes.append("authorizers, IAM auth and API keys are not inventoried: re-attach them to the routes that had them")
    if any(not route.is_proxy for route in routes):
        notes.append("non-proxy integrations become proxies: their request/response mapping templates are not inventoried")
    notes.append("custom domain names and base path mappings are not inventoried: recreate them and move DNS")
    return notes


def map_api(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    routes = routes_of(props)
    specs = [_api_route(route, ctx) for route in routes]
    stages = list(props.get("stages") or [])
    if props.get("protocol_type"):
        spec: Spec = HttpApiSpec(**common_fields(resource, ctx), protocol_type="WEBSOCKET" if is_websocket(props) else "HTTP",
                                 route_selection_expression=props.get("route_selection_expression"), stages=stages, routes=specs)
    else:
        endpoint = next(iter(props.get("endpoint_types") or []), "REGIONAL")
        spec = RestApiSpec(**common_fields(resource, ctx), endpoint_type="EDGE" if endpoint == "EDGE" else "REGIONAL",
                           binary_media_types=list(props.get("binary_media_types") or []), stages=stages, routes=specs)
    notes = _notes(routes, specs)
    if "PRIVATE" in (props.get("endpoint_types") or []):
        notes.insert(0, "private API -> a regional one: add the VPC endpoint and resource policy to make it private again")
    complete = len(notes) == 1 and all(route.is_proxy for route in routes)
    return result("mapped" if complete else "partial", spec, unpriced("API Gateway (per request)"), notes)


MAP: dict[str, MapFunction] = {"api": map_api}
SPECS: tuple[type[Spec], ...] = (RestApiSpec, HttpApiSpec)
