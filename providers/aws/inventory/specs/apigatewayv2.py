"""API Gateway HTTP and WebSocket APIs (v2) with their routes, integrations and stages.

Per API: one paginated GetRoutes, GetIntegrations and GetStages. Integration URIs
keep no query string or user info; authorizers and request parameters are not read.
"""

from __future__ import annotations

from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._arns import ARN_PREFIX, function_arn
from providers.aws.inventory.specs._common import strip_secrets_from_url

INTEGRATION_TARGET_PREFIX = "integrations/"
# Per-API listings: (boto3 method, the item key they fill).
LISTINGS: tuple[tuple[str, str], ...] = (("get_routes", "_routes"), ("get_integrations", "_integrations"),
                                         ("get_stages", "_stages"))


def api_arn(api_id: str, ctx: JobContext) -> str:
    return f"arn:{ctx.partition}:apigateway:{ctx.region}::/apis/{api_id}"


def _listings(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    for operation, key in LISTINGS:
        paginator = client.get_paginator(operation)
        pages = guarded(ctx, lambda paginator=paginator: list(paginator.paginate(ApiId=item["ApiId"])), [])
        item[key] = [entry for page in pages for entry in page.get("Items", [])]


def integration_target(integration: dict[str, Any]) -> tuple[str | None, str | None]:
    """(source id, URL) an integration sends to: a function or a private load balancer's listener, or a URL."""
    uri = str(integration.get("IntegrationUri") or "")
    function = function_arn(uri)
    if function:
        return function, None
    if uri.startswith(ARN_PREFIX):
        return uri, None  # a VPC-link listener or Cloud Map service ARN
    return None, strip_secrets_from_url(uri) if uri else None


def _route(route: dict[str, Any], integrations: dict[str, dict[str, Any]]) -> dict[str, Any]:
    integration = integrations.get(str(route.get("Target") or "").removeprefix(INTEGRATION_TARGET_PREFIX), {})
    target_id, target_url = integration_target(integration)
    return {
        "route_key": route.get("RouteKey"),
        "authorization": route.get("AuthorizationType"),
        "integration_type": integration.get("IntegrationType"),
        "target_id": target_id,
        "target_url": target_url,
    }


def routes_of(item: Item) -> list[dict[str, Any]]:
    integrations = {str(entry.get("IntegrationId")): entry for entry in item.get("_integrations", [])}
    routes = [_route(route, integrations) for route in item.get("_routes", [])]
    return sorted(routes, key=lambda route: str(route["route_key"]))


def _build(item: Item, ctx: JobContext) -> Built:
    routes = routes_of(item)
    return Built(
        props={
            "api_id": item.get("ApiId"),
            "protocol_type": item.get("ProtocolType"),
            "api_endpoint": item.get("ApiEndpoint"),
            "route_selection_expression": item.get("RouteSelectionExpression"),
            "disable_execute_api_endpoint": bool(item.get("DisableExecuteApiEndpoint")),
            "has_cors": bool(item.get("CorsConfiguration")),
            "route_count": len(routes),
            "routes": routes,
            "stages": sorted(str(stage.get("StageName")) for stage in item.get("_stages", []) if stage.get("StageName")),
        },
        refs=[route["target_id"] for route in routes],
    )


register(
    ResourceSpec(
        key="aws.apigatewayv2.api", service="apigatewayv2", operation="get_apis", result_path="Items[]",
        id_field=lambda item, ctx: api_arn(str(item["ApiId"]), ctx), build=_build, name_field="Name",
        detail=_listings,
    ),
)
