"""API Gateway REST APIs with their routes and stages.

Routes come from one paginated GetResources per API with its methods embedded
(`embed=methods`: each method carries its integration), stages from one GetStages
per API. Integration URIs keep no query string or user info; request templates,
authorizer settings and API keys are not read.
"""

from __future__ import annotations

from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._arns import function_arn
from providers.aws.inventory.specs._common import strip_secrets_from_url

RESOURCES_PER_PAGE = 500  # GetResources and GetRestApis take at most 500 a page


def rest_api_arn(api_id: str, ctx: JobContext) -> str:
    return f"arn:{ctx.partition}:apigateway:{ctx.region}::/restapis/{api_id}"


def _routes_and_stages(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    api_id = item["id"]
    paginator = client.get_paginator("get_resources")
    pages = guarded(ctx, lambda: list(paginator.paginate(
        restApiId=api_id, embed=["methods"], PaginationConfig={"PageSize": RESOURCES_PER_PAGE})), [])
    item["_resources"] = [resource for page in pages for resource in page.get("items", [])]
    item["_stages"] = guarded(ctx, lambda: client.get_stages(restApiId=api_id), {}).get("item", [])


def _route(path: str, method: str, settings: dict[str, Any]) -> dict[str, Any]:
    integration = settings.get("methodIntegration") or {}
    uri = str(integration.get("uri") or "")
    is_http = uri.startswith("http")
    return {
        "path": path,
        "method": method,
        "authorization": settings.get("authorizationType"),
        "api_key_required": bool(settings.get("apiKeyRequired")),
        "integration_type": integration.get("type"),
        "target_id": function_arn(uri),
        "target_url": strip_secrets_from_url(uri) if is_http else None,
    }


def routes_of(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One route per (path, method), sorted; `target_id` is the function an integration invokes."""
    found = [
        _route(str(resource.get("path")), method, settings or {})
        for resource in resources
        for method, settings in (resource.get("resourceMethods") or {}).items()
    ]
    return sorted(found, key=lambda route: (route["path"], route["method"]))


def _build(item: Item, ctx: JobContext) -> Built:
    routes = routes_of(item.get("_resources", []))
    return Built(
        props={
            "api_id": item.get("id"),
            "endpoint_types": (item.get("endpointConfiguration") or {}).get("types", []),
            "api_key_source": item.get("apiKeySource"),
            "binary_media_types": item.get("binaryMediaTypes", []),
            "disable_execute_api_endpoint": bool(item.get("disableExecuteApiEndpoint")),
            "has_resource_policy": bool(item.get("policy")),
            "route_count": len(routes),
            "routes": routes,
            "stages": sorted(str(stage.get("stageName")) for stage in item.get("_stages", []) if stage.get("stageName")),
        },
        refs=[route["target_id"] for route in routes],
    )


register(
    ResourceSpec(
        key="aws.apigateway.rest_api", service="apigateway", operation="get_rest_apis", result_path="items[]",
        id_field=lambda item, ctx: rest_api_arn(str(item["id"]), ctx), build=_build, name_field="name",
        tags_field="tags", page_size=RESOURCES_PER_PAGE, detail=_routes_and_stages,
    ),
)
