"""The declarative shape of one AWS resource type, and the registry of all of them.

A spec names the list call (service, operation, result path, page size), how to
read the id, name and tags from one item, and a `build` function that turns the
item into props and refs. Optional steps: `parent` (list once per item of another
spec of the same service), `enrich` (one batched step over all items, such as
DescribeInstanceTypes for 100 types at a time), `detail` (one step per item,
run concurrently, such as GetBucketVersioning) and `tag_type` (tags from the
Resource Groups Tagging API, one paginated GetResources per region, joined by
ARN; `item_tags` is the per-item call used when that API cannot be read).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from providers.aws.inventory.context import JobContext

Item = dict[str, Any]
Scope = Literal["regional", "global"]


@dataclass
class Built:
    """What a spec's `build` makes of one item."""

    props: dict[str, Any]
    refs: list[str] = field(default_factory=list)
    name: str | None = None  # overrides name_field when set
    region: str | None = None  # overrides the job's region (S3 buckets)


@dataclass(frozen=True)
class ResourceSpec:
    key: str  # the source type, e.g. aws.ec2.instance
    service: str  # boto3 service name
    operation: str  # boto3 method name of the list call
    result_path: str  # JMESPath over one response page
    id_field: str | Callable[[Item, JobContext], str]  # JMESPath, or a function of the item
    build: Callable[[Item, JobContext], Built]
    name_field: str | None = None  # JMESPath to the resource's own name
    tags_field: str | None = "Tags"  # JMESPath to [{Key, Value}] or {k: v}
    arn_field: str | None = None
    scope: Scope = "regional"
    params: Mapping[str, Any] = field(default_factory=dict)
    page_size: int | None = None  # the largest page the API allows
    parent: str | None = None  # list once per item of this spec (same service)
    parent_params: Callable[[Item], dict[str, Any]] | None = None
    enrich: Callable[[JobContext, list[Item]], list[Item]] | None = None
    detail: Callable[[JobContext, Item], None] | None = None
    keep: Callable[[Item], bool] | None = None  # drop items for which this is False
    tag_type: str | None = None  # Resource Groups Tagging API type ("sqs:queue"); the resource id is its ARN
    item_tags: Callable[[JobContext, Item], None] | None = None  # fallback: sets item["Tags"] with one call


REGISTRY: dict[str, ResourceSpec] = {}


def register(*specs: ResourceSpec) -> None:
    for spec in specs:
        if spec.key in REGISTRY:
            raise ValueError(f"duplicate inventory spec {spec.key}")
        REGISTRY[spec.key] = spec


def specs_by_service() -> dict[str, list[ResourceSpec]]:
    """Registry order is dependency order: parents come before their children."""
    from providers.aws.inventory import specs as _load_all  # noqa: F401 - registers the specs

    grouped: dict[str, list[ResourceSpec]] = {}
    for spec in REGISTRY.values():
        grouped.setdefault(spec.service, []).append(spec)
    return grouped

