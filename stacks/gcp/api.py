"""Builds `gcp.apigateway.api` (`api`): an API Gateway API, its config (a generated OpenAPI 2.0 document whose
routes go to the plan's functions by x-google-backend) and a gateway."""

from __future__ import annotations

import json
import re
from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.api import ApiGatewaySpec
from stacks.common import derived
from stacks.common.derive import derive
from stacks.gcp._eventing import built, function_url
from stacks.gcp.base import GcpBuilder, GcpGroup

PATH_PARAMETER = re.compile(r"\{([^}/]+)\}")
CONFIG_PREFIX_MAX = 40  # api_config_id_prefix leaves room for the random suffix within 63 characters
APPEND_PATH = "APPEND_PATH_TO_ADDRESS"  # the backend sees the client's path


def _operation(index: int, path: str, address: str | None) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": f"op{index}",
        "responses": {"200": {"description": "OK"}},
        "parameters": [{"name": name, "in": "path", "required": True, "type": "string"}
                       for name in PATH_PARAMETER.findall(path)],
    }
    if address:
        operation["x-google-backend"] = {"address": address, "path_translation": APPEND_PATH}
    return operation


def openapi_document(spec: ApiGatewaySpec, backend_urls: dict[str, str]) -> dict[str, Any]:
    """The OpenAPI 2.0 document of the spec's routes, each to its function's URL (or its HTTP backend)."""
    paths: dict[str, dict[str, Any]] = {}
    for index, route in enumerate(spec.routes):
        address = backend_urls.get(route.backend_item or "") or route.backend_url
        paths.setdefault(route.path, {})[route.method] = _operation(index, route.path, address)
    return {"swagger": "2.0", "info": {"title": spec.name, "version": "1.0.0"}, "schemes": ["https"],
            "produces": ["application/json"], "paths": paths}


def _contents(group: GcpGroup, item: PlanItem, spec: ApiGatewaySpec) -> pulumi.Output[str]:
    urls = {backend: url for backend in built(group, item, spec.backend_items, "API backend")
            if (url := function_url(group, item, backend)) is not None}
    names = list(urls)
    document = pulumi.Output.all(*urls.values()).apply(
        lambda found: json.dumps(openapi_document(spec, dict(zip(names, found, strict=True))), sort_keys=True))
    return derive(derived.base64_text, document)


def build_api(group: GcpGroup, item: PlanItem, spec: ApiGatewaySpec) -> pulumi.Resource:
    api = gcp.apigateway.Api(item.id, api_id=spec.name, labels=spec.labels, opts=group.opts())
    config = gcp.apigateway.ApiConfig(
        f"{item.id}-config", api=api.api_id, api_config_id_prefix=f"{spec.name[:CONFIG_PREFIX_MAX]}-",
        openapi_documents=[{"document": {"path": "openapi.json", "contents": _contents(group, item, spec)}}],
        labels=spec.labels, opts=group.opts())
    gateway = gcp.apigateway.Gateway(f"{item.id}-gateway", api_config=config.id, gateway_id=spec.gateway_id,
                                     region=spec.region, labels=spec.labels, opts=group.opts())
    group.export(item, "url", gateway.default_hostname)
    return api


BUILD: dict[str, GcpBuilder] = {"gcp.apigateway.api": build_api}
