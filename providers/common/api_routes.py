"""The routes of an inventoried API (REST, HTTP or WebSocket), read the same way by every target.

REST APIs record `path` and `method` per route; HTTP and WebSocket APIs a `route_key`
(`GET /feed`, `$default`, `$connect`). Both become `Route`s; an HTTP API's `$default`
route is its catch-all (`ANY /{proxy+}`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ANY_METHOD = "ANY"
CATCH_ALL_PATH = "/{proxy+}"
DEFAULT_ROUTE_KEY = "$default"
WEBSOCKET = "WEBSOCKET"
NO_AUTHORIZATION = ("NONE", None)
PROXY_INTEGRATIONS = ("AWS_PROXY", "HTTP_PROXY")


@dataclass(frozen=True)
class Route:
    method: str  # GET, POST, ANY... (a WebSocket route key for WebSocket APIs)
    path: str
    target_id: str | None  # the source id of the function it invokes (or a private integration's listener)
    target_url: str | None  # the URL of an HTTP integration
    authorization: str | None
    integration_type: str | None

    @property
    def is_proxy(self) -> bool:
        return self.integration_type in PROXY_INTEGRATIONS


def _method_and_path(entry: dict[str, Any], websocket: bool) -> tuple[str, str]:
    if "route_key" not in entry:
        return str(entry.get("method") or ANY_METHOD).upper(), str(entry.get("path") or "/")
    key = str(entry.get("route_key") or DEFAULT_ROUTE_KEY)
    if websocket:
        return key, ""
    if key == DEFAULT_ROUTE_KEY:
        return ANY_METHOD, CATCH_ALL_PATH
    method, _, path = key.partition(" ")
    return method.upper(), path or "/"


def is_websocket(props: dict[str, Any]) -> bool:
    return str(props.get("protocol_type") or "").upper() == WEBSOCKET


def routes_of(props: dict[str, Any]) -> list[Route]:
    websocket = is_websocket(props)
    routes = []
    for entry in props.get("routes") or []:
        method, path = _method_and_path(entry, websocket)
        routes.append(Route(method=method, path=path, target_id=entry.get("target_id"), target_url=entry.get("target_url"),
                            authorization=entry.get("authorization"), integration_type=entry.get("integration_type")))
    return routes


def authorized_routes(routes: list[Route]) -> list[Route]:
    """The routes that need an authorizer, IAM or an API key at the source (the target must add its own)."""
    return [route for route in routes if route.authorization not in NO_AUTHORIZATION]
