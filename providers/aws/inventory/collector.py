"""The one generic collector: list (paged), enrich, detail, tags and extract, for every spec."""

from __future__ import annotations

from typing import Any

import jmespath
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError
from botocore.parsers import ResponseParserError

from planner.core.model.inventory import Resource
from providers.aws.inventory.context import JobContext, ServiceUnreachable, for_resource
from providers.aws.inventory.spec import Item, ResourceSpec
from providers.aws.inventory.tagging import attach_tags


def collect_service(ctx: JobContext, specs: list[ResourceSpec]) -> list[Resource]:
    """Every resource of one (region, service) pair, spec by spec in registry order.

    After an error that every later call would repeat (the region is not enabled,
    the endpoint does not exist), the pair stops with what it has found so far.
    """
    resources: list[Resource] = []
    for spec in specs:
        try:
            items = _listed(ctx, spec)
        except ServiceUnreachable:
            break
        reachable = _described(ctx, spec, items)
        ctx.collected[spec.key] = items
        resources.extend(to_resource(ctx, spec, item) for item in items)
        if not reachable:
            break
    return resources


def _listed(ctx: JobContext, spec: ResourceSpec) -> list[Item]:
    if spec.parent is None:
        items = list_items(ctx, spec, dict(spec.params), parent=None)
    else:
        parents = ctx.collected.get(spec.parent, [])
        batches = ctx.map(lambda parent: list_items(ctx, spec, _child_params(spec, parent), parent=parent), parents)
        items = [item for batch in batches for item in batch]
    return [item for item in items if spec.keep(item)] if spec.keep is not None else items


def _described(ctx: JobContext, spec: ResourceSpec, items: list[Item]) -> bool:
    """Enrich, detail and tag the listed items in place; False when the pair became unreachable on the way.

    A listed resource is never dropped because a later call failed: it stays with what is known of it (the failed
    calls are in errors[])."""
    try:
        if spec.enrich is not None and items:
            items[:] = spec.enrich(ctx, list(items))
        if spec.detail is not None and items:
            detail = spec.detail
            ctx.map(lambda item: for_resource(_id_or_none(ctx, spec, item), lambda: detail(ctx, item)), items)
        if spec.tag_type is not None and items:
            attach_tags(ctx, spec, items, lambda item: resource_id_of(ctx, spec, item))
    except ServiceUnreachable:
        return False
    return True


def _id_or_none(ctx: JobContext, spec: ResourceSpec, item: Item) -> str | None:
    """The resource's id for its errors[] entries; None when the listed item cannot say it yet."""
    try:
        return resource_id_of(ctx, spec, item)
    except (KeyError, TypeError, ValueError):
        return None


def _child_params(spec: ResourceSpec, parent: Item) -> dict[str, Any]:
    params = dict(spec.params)
    if spec.parent_params is not None:
        params.update(spec.parent_params(parent))
    return params


def list_items(ctx: JobContext, spec: ResourceSpec, params: dict[str, Any], *, parent: Item | None) -> list[Item]:
    """Page through the list call; a failure is recorded and yields nothing."""
    client = ctx.client()
    try:
        raw = ctx.retry.call(lambda: list(_pages(client, spec, params)))
    except NoCredentialsError:
        raise
    except (ClientError, BotoCoreError, ResponseParserError) as exc:  # an unparseable page: an error, not an empty list
        ctx.record(exc, operation=client.meta.method_to_api_mapping.get(spec.operation, spec.operation))
        return []
    items = [_as_item(value) for value in raw]
    if parent is not None:
        for item in items:
            item["_parent"] = parent
    return items


def _pages(client: Any, spec: ResourceSpec, params: dict[str, Any]) -> Any:
    if client.can_paginate(spec.operation):
        pagination = {"PageSize": spec.page_size} if spec.page_size else {}
        paginator = client.get_paginator(spec.operation)
        for page in paginator.paginate(**params, PaginationConfig=pagination):
            yield from jmespath.search(spec.result_path, page) or []
    else:
        response = getattr(client, spec.operation)(**params)
        yield from jmespath.search(spec.result_path, response) or []


def _as_item(value: Any) -> Item:
    """List calls that return bare ids or ARNs become {"_value": ...} items."""
    return value if isinstance(value, dict) else {"_value": value}


def resource_id_of(ctx: JobContext, spec: ResourceSpec, item: Item) -> str:
    return spec.id_field(item, ctx) if callable(spec.id_field) else str(jmespath.search(spec.id_field, item))


def to_resource(ctx: JobContext, spec: ResourceSpec, item: Item) -> Resource:
    resource_id = resource_id_of(ctx, spec, item)
    built = spec.build(item, ctx)
    tags = normalize_tags(jmespath.search(spec.tags_field, item) if spec.tags_field else None)
    own_name = jmespath.search(spec.name_field, item) if spec.name_field else None
    name = tags.get("Name") or built.name or own_name or resource_id
    arn = jmespath.search(spec.arn_field, item) if spec.arn_field else None
    if arn is None and resource_id.startswith("arn:"):
        arn = resource_id
    return Resource(
        key=spec.key,
        id=resource_id,
        region=built.region or ctx.region,
        name=str(name),
        tags=tags,
        props=built.props,
        refs=unique_refs(built.refs, resource_id),
        arn=arn,
    )


def normalize_tags(raw: Any) -> dict[str, str]:
    """AWS spells tags as [{Key, Value}], [{key, value}] or a plain mapping."""
    if not raw:
        return {}
    if isinstance(raw, dict):
        return {str(key): str(value) for key, value in raw.items()}
    tags: dict[str, str] = {}
    for tag in raw:
        key = tag.get("Key", tag.get("key", tag.get("TagKey")))
        value = tag.get("Value", tag.get("value", tag.get("TagValue", "")))
        if key is not None:
            tags[str(key)] = "" if value is None else str(value)
    return tags


def unique_refs(refs: list[Any], own_id: str) -> list[str]:
    seen: dict[str, None] = {}
    for ref in refs:
        if ref and isinstance(ref, str) and ref != own_id:
            seen.setdefault(ref, None)
    return list(seen)
