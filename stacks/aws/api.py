"""Builds API Gateway REST APIs (an OpenAPI body, a deployment and its stages) and HTTP/WebSocket APIs (routes,
integrations, stages) (api), with the permission for API Gateway to invoke each rebuilt function."""

from __future__ import annotations

import json
import re
from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.api import ApiRoute, HttpApiSpec, RestApiSpec
from stacks.aws._eventing import allow_invoke, invoke_uri
from stacks.aws.base import AwsBuilder, AwsGroup
from stacks.common import derived
from stacks.common.derive import derive

APIGATEWAY = "apigateway.amazonaws.com"
ANY_METHOD = "ANY"
ANY_METHOD_KEY = "x-amazon-apigateway-any-method"
PATH_PARAMETER = re.compile(r"\{([^}/+]+)\+?\}")
MOCK = {"type": "mock", "requestTemplates": {"application/json": '{"statusCode": 200}'}}
DEFAULT_STAGE = "$default"  # also the catch-all route key of an HTTP API
CATCH_ALL_PATH = "/{proxy+}"


def _function_arns(group: AwsGroup, item: PlanItem, routes: list[ApiRoute]) -> dict[str, pulumi.Output[Any]]:
    wanted = sorted({route.function_item for route in routes if route.function_item})
    return dict(group.ref_pairs(item, wanted, "arn"))


def _integration(route: ApiRoute, region: str, arns: dict[str, str]) -> dict[str, Any]:
    if route.function_item in arns:
        return {"type": "aws_proxy", "httpMethod": "POST", "uri": invoke_uri(region, arns[route.function_item])}
    if route.url:
        mapped = {f"integration.request.path.{name}": f"method.request.path.{name}" for name in PATH_PARAMETER.findall(route.url)}
        return {"type": "http_proxy", "httpMethod": route.method, "uri": route.url, "requestParameters": mapped}
    return MOCK


def openapi_body(spec: RestApiSpec, arns: dict[str, str]) -> dict[str, Any]:
    """The OpenAPI 3 document of the REST API's routes with their `x-amazon-apigateway-integration`s."""
    paths: dict[str, dict[str, Any]] = {}
    for route in spec.routes:
        method = ANY_METHOD_KEY if route.method == ANY_METHOD else route.method.lower()
        parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                      for name in PATH_PARAMETER.findall(route.path)]
        paths.setdefault(route.path, {})[method] = {
            "parameters": parameters, "x-amazon-apigateway-integration": _integration(route, spec.region, arns)}
    return {"openapi": "3.0.1", "info": {"title": spec.name, "version": "1.0"}, "paths": paths}


def _permissions(group: AwsGroup, item: PlanItem, spec: Any, functions: list[str], execution_arn: pulumi.Output[str]) -> None:
    for function_item in functions:
        allow_invoke(group, item, spec, function_item, APIGATEWAY, execution_arn.apply(lambda arn: f"{arn}/*"))


def build_rest_api(group: AwsGroup, item: PlanItem, spec: RestApiSpec) -> pulumi.Resource:
    arns = _function_arns(group, item, spec.routes)
    names = list(arns)
    body = pulumi.Output.all(*arns.values()).apply(
        lambda found: json.dumps(openapi_body(spec, dict(zip(names, found, strict=True))), sort_keys=True))
    api = aws.apigateway.RestApi(item.id, name=spec.name, body=body, endpoint_configuration={"types": spec.endpoint_type},
                                 binary_media_types=spec.binary_media_types or None, **group.tagged(spec))
    _permissions(group, item, spec, names, api.execution_arn)
    if spec.stages:
        deployment = aws.apigateway.Deployment(
            f"{item.id}-deployment", rest_api=api.id,
            triggers={"redeployment": derive(derived.sha256_hex, body)}, opts=group.opts(spec))
        for stage in spec.stages:
            aws.apigateway.Stage(f"{item.id}-{stage}", rest_api=api.id, deployment=deployment.id, stage_name=stage,
                                 **group.tagged(spec))
    return group.exporting(item, api, api_id="id")


def _v2_integration(group: AwsGroup, item: PlanItem, spec: HttpApiSpec, api: aws.apigatewayv2.Api, route: ApiRoute,
                    arns: dict[str, pulumi.Output[Any]]) -> aws.apigatewayv2.Integration:
    http = spec.protocol_type == "HTTP"
    if route.function_item in arns:
        arn = arns[route.function_item]
        return aws.apigatewayv2.Integration(
            f"{item.id}-{route.function_item}", api_id=api.id, integration_type="AWS_PROXY", integration_method="POST",
            integration_uri=arn.apply(lambda value: invoke_uri(spec.region, value)),
            payload_format_version="2.0" if http else None, opts=group.opts(spec))
    return aws.apigatewayv2.Integration(
        f"{item.id}-{_slug(route)}", api_id=api.id, integration_type="HTTP_PROXY" if route.url else "MOCK",
        integration_method="ANY" if route.url else None, integration_uri=route.url, opts=group.opts(spec))


def _route_key(spec: HttpApiSpec, route: ApiRoute) -> str:
    if spec.protocol_type == "WEBSOCKET":
        return route.method
    return DEFAULT_STAGE if (route.method, route.path) == (ANY_METHOD, CATCH_ALL_PATH) else f"{route.method} {route.path}"


def _slug(route: ApiRoute) -> str:
    return re.sub(r"[^a-z0-9]+", "-", f"{route.method} {route.path}".lower()).strip("-") or "default"


def _v2_routes(group: AwsGroup, item: PlanItem, spec: HttpApiSpec, api: aws.apigatewayv2.Api) -> list[pulumi.Resource]:
    arns = _function_arns(group, item, spec.routes)
    integrations: dict[str, aws.apigatewayv2.Integration] = {}
    routes = []
    for route in spec.routes:
        key = route.function_item if route.function_item in arns else _slug(route)
        integration = integrations.get(key) or integrations.setdefault(key, _v2_integration(group, item, spec, api, route, arns))
        routes.append(aws.apigatewayv2.Route(f"{item.id}-route-{_slug(route)}", api_id=api.id, route_key=_route_key(spec, route),
                                             target=integration.id.apply(lambda value: f"integrations/{value}"), opts=group.opts(spec)))
    _permissions(group, item, spec, list(arns), api.execution_arn)
    return routes


def build_http_api(group: AwsGroup, item: PlanItem, spec: HttpApiSpec) -> pulumi.Resource:
    api = aws.apigatewayv2.Api(item.id, name=spec.name, protocol_type=spec.protocol_type,
                               route_selection_expression=spec.route_selection_expression, **group.tagged(spec))
    routes = _v2_routes(group, item, spec, api)
    if spec.protocol_type == "HTTP":
        for stage in spec.stages or [DEFAULT_STAGE]:
            aws.apigatewayv2.Stage(f"{item.id}-{_stage_slug(stage)}", api_id=api.id, name=stage, auto_deploy=True, **group.tagged(spec))
    else:
        deployment = aws.apigatewayv2.Deployment(f"{item.id}-deployment", api_id=api.id, opts=group.opts(spec, depends_on=routes))
        for stage in spec.stages or ["production"]:
            aws.apigatewayv2.Stage(f"{item.id}-{_stage_slug(stage)}", api_id=api.id, name=stage, deployment_id=deployment.id,
                                   **group.tagged(spec))
    return group.exporting(item, api, api_endpoint="api_endpoint")


def _stage_slug(stage: str) -> str:
    return stage.replace("$", "") or "default"


BUILD: dict[str, AwsBuilder] = {"aws.apigateway.rest_api": build_rest_api, "aws.apigatewayv2.api": build_http_api}
