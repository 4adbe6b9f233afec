"""Tags in bulk: one paginated Resource Groups Tagging API GetResources per region, joined by ARN.

GetResources returns the tags of up to 100 resources of many types per page, where
the services' own tag calls (ListQueueTags, ListTagsOfResource, GetBucketTagging, ...)
take one request per resource. It returns only resources that have (or had) tags, so
a resource missing from a region's answer has none. When the API cannot be read in a
region (tag:GetResources denied, say), the error is recorded once and the specs fall
back to their per-item tag call there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from planner.core.model.inventory import InventoryError
from providers.aws.inventory.context import ErrorLog, error_code, error_message
from providers.aws.inventory.session import ClientFactory

if TYPE_CHECKING:
    from providers.aws.inventory.context import JobContext
    from providers.aws.inventory.spec import Item, ResourceSpec

TAGGING_SERVICE = "resourcegroupstaggingapi"
RESOURCES_PER_PAGE = 100  # the API's maximum
TagsByArn = dict[str, dict[str, str]]


@dataclass
class _RegionTags:
    lock: threading.Lock = field(default_factory=threading.Lock)
    fetched: bool = False
    tags: TagsByArn | None = None  # None: the API could not be read in this region


class TagIndex:
    """The tags of one scan's taggable resources, fetched at most once per region, shared by all jobs."""

    def __init__(self, clients: ClientFactory, error_log: ErrorLog, resource_types: Iterable[str]) -> None:
        self._clients = clients
        self._error_log = error_log
        self.resource_types = sorted(set(resource_types))
        self._regions: dict[str, _RegionTags] = {}
        self._lock = threading.Lock()

    def tags_in(self, region: str) -> TagsByArn | None:
        """{arn: tags} for `region`, or None if the tagging API failed there. Blocks while another thread fetches it."""
        with self._lock:
            entry = self._regions.setdefault(region, _RegionTags())
        with entry.lock:
            if not entry.fetched:
                entry.tags = self._fetch(region)
                entry.fetched = True
            return entry.tags

    def _fetch(self, region: str) -> TagsByArn | None:
        client = self._clients.client(TAGGING_SERVICE, region)
        paginator = client.get_paginator("get_resources")
        pages = paginator.paginate(
            ResourceTypeFilters=self.resource_types, ResourcesPerPage=RESOURCES_PER_PAGE
        )
        tags: TagsByArn = {}
        try:
            for page in pages:
                for mapping in page.get("ResourceTagMappingList", []):
                    tags[mapping["ResourceARN"]] = {tag["Key"]: tag.get("Value", "") for tag in mapping.get("Tags", [])}
        except NoCredentialsError:
            raise
        except (ClientError, BotoCoreError) as exc:
            self._error_log.add(
                InventoryError(
                    region=region,
                    service=TAGGING_SERVICE,
                    operation="GetResources",
                    code=error_code(exc),
                    message=f"{error_message(exc)} (tags read one resource at a time instead)",
                )
            )
            return None
        return tags


def attach_tags(ctx: JobContext, spec: ResourceSpec, items: list[Item], resource_id: Callable[[Item], str]) -> None:
    """Set item["Tags"] from the region's tag index (items carrying `_region` use theirs), else per item."""
    by_region: dict[str, list[Item]] = {}
    for item in items:
        by_region.setdefault(str(item.get("_region") or ctx.region), []).append(item)
    for region, group in by_region.items():
        index = ctx.tag_index.tags_in(region) if ctx.tag_index is not None else None
        if index is None:
            _tags_one_at_a_time(ctx, spec, group)
            continue
        for item in group:
            item["Tags"] = index.get(resource_id(item), {})


def _tags_one_at_a_time(ctx: JobContext, spec: ResourceSpec, items: list[Item]) -> None:
    item_tags = spec.item_tags
    if item_tags is not None:
        ctx.map(lambda item: item_tags(ctx, item), items)


def prefetch(index: TagIndex, region: str) -> None:
    """Fetch a region's tags ahead of the jobs that need them (a job-pool task)."""
    index.tags_in(region)
