"""`inventory.json`: what the source account runs (schema planner.inventory/1).

Field names listed in DESIGN.md are a contract read by other tools: add fields
freely, never rename these.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator

from planner.core.model.base import FileModel, ToolInfo, VersionedFile
from planner.core.quantities import Count, Quantity, check_quantities

INVENTORY_SCHEMA = "planner.inventory/1"
GLOBAL_REGION = "global"


SourceKind = Literal["api", "cloudformation", "terraform"]


class InventorySource(FileModel):
    """Where the inventory came from.

    `kind` says how it was read: the AWS APIs, CloudFormation templates or Terraform state. `unknowns` lists, per
    source type, the props that this kind of source cannot know (a template says nothing of a bucket's size): they
    are null in the resources, and the estimate says what it assumed for them. `accounts` lists every account of an
    organization scan (each resource then carries its `account_id`).
    """

    provider: Literal["aws"] = "aws"
    account_id: str
    regions: list[str]
    partition: str = "aws"
    endpoint_url: str | None = None
    kind: SourceKind = "api"
    paths: list[str] = Field(default_factory=list, exclude_if=lambda value: not value)  # templates or state files read
    unknowns: dict[str, list[str]] = Field(default_factory=dict, exclude_if=lambda value: not value)
    accounts: list[str] = Field(default_factory=list, exclude_if=lambda value: not value)


class Resource(FileModel):
    """One resource of the source account.

    `key` is the source type (`aws.ec2.instance`); `id` is unique in the
    inventory (the AWS id such as `i-0abc`, or the ARN where AWS has no short
    id); `refs` lists the ids of resources this one depends on.
    """

    key: str = Field(pattern=r"^[a-z0-9]+(\.[a-z0-9_]+)+$")
    id: str = Field(min_length=1)
    region: str = Field(min_length=1)
    name: str
    tags: dict[str, str] = Field(default_factory=dict)
    props: dict[str, Any] = Field(default_factory=dict)
    refs: list[str] = Field(default_factory=list)
    arn: str | None = None
    account_id: str | None = Field(default=None, exclude_if=lambda value: value is None)  # several accounts only

    _quantities = field_validator("props")(check_quantities)


class InventoryError(FileModel):
    """A (region, service) call that failed; the scan went on without it."""

    region: str
    service: str
    operation: str
    code: str
    message: str
    account_id: str | None = Field(default=None, exclude_if=lambda value: value is None)  # organization scans
    resource_id: str | None = Field(default=None, exclude_if=lambda value: value is None)  # a listed resource's detail call


class InventoryWarning(FileModel):
    """Something the inventory holds that a reader should know about, e.g. a resource the API returned twice.

    `code` names the case (`merged_repeat`); `message` says what was done, with field names, never values.
    """

    code: str
    key: str
    id: str
    region: str
    message: str


class ScanStats(FileModel):
    duration_seconds: Quantity = 0.0
    api_requests: Count = 0
    calls_by_operation: dict[str, Count] = Field(default_factory=dict)  # "service:Operation" -> calls made
    budget_wait_seconds: Quantity = 0.0  # summed over requests: time spent waiting for the API's rate budget
    # A stopped (Ctrl-C) scan's partial inventory: the (region, service) jobs it holds in full, for --resume.
    stopped: bool = Field(default=False, exclude_if=lambda value: not value)
    completed_jobs: list[str] = Field(default_factory=list, exclude_if=lambda value: not value)


class Inventory(VersionedFile):
    SCHEMA: ClassVar[str] = INVENTORY_SCHEMA

    schema_: Literal["planner.inventory/1"] = Field(default=INVENTORY_SCHEMA, alias="schema")
    generated_at: str
    tool: ToolInfo
    source: InventorySource
    resources: list[Resource] = Field(default_factory=list)
    errors: list[InventoryError] = Field(default_factory=list)
    warnings: list[InventoryWarning] = Field(default_factory=list)
    stats: ScanStats = Field(default_factory=ScanStats)

    def by_id(self) -> dict[str, Resource]:
        return {resource.id: resource for resource in self.resources}
