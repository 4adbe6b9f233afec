"""Search domains (search) -> OpenSearch Service domains of the same engine, nodes and storage; the indices are
restored from a snapshot or reindexed."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import SECURITY_GROUP, SUBNET, common_fields, linked, optional_int, result
from providers.aws.spec import Spec

# Domain names: 3-28 characters, lowercase letters, digits and hyphens, starting with a letter (CreateDomain).
DOMAIN_NAME_MAX = 28


class SearchDomainSpec(Spec):
    type: Literal["aws.opensearch.domain"] = "aws.opensearch.domain"
    domain_name: str
    engine_version: str | None = None
    instance_type: str
    instance_count: int = 1
    dedicated_master_type: str | None = None
    dedicated_master_count: int | None = None
    zone_awareness: bool = False
    availability_zone_count: int | None = None
    volume_type: str | None = None
    volume_size_gib: int | None = None
    iops: int | None = None
    throughput_mibps: int | None = None
    encrypted_at_rest: bool = True
    node_to_node_encryption: bool = True
    subnet_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


def domain_name(name: str) -> str:
    cleaned = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    cleaned = cleaned if cleaned[:1].isalpha() else f"s-{cleaned}"
    return cleaned[:DOMAIN_NAME_MAX].rstrip("-").ljust(3, "0")


def _fields(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "engine_version": props.get("engine_version"),
        "instance_type": str(props.get("instance_type")),
        "instance_count": optional_int(props.get("instance_count")) or 1,
        "dedicated_master_type": props.get("dedicated_master_type") if props.get("dedicated_master") else None,
        "dedicated_master_count": optional_int(props.get("dedicated_master_count")) if props.get("dedicated_master") else None,
        "zone_awareness": bool(props.get("zone_awareness")),
        "availability_zone_count": optional_int(props.get("availability_zone_count")),
        "volume_type": props.get("volume_type") if props.get("ebs_enabled") else None,
        "volume_size_gib": optional_int(props.get("volume_size_gib")) if props.get("ebs_enabled") else None,
        "iops": optional_int(props.get("iops")),
        "throughput_mibps": optional_int(props.get("throughput_mibps")),
        "encrypted_at_rest": bool(props.get("encrypted_at_rest", True)),
        "node_to_node_encryption": bool(props.get("node_to_node_encryption", True)),
    }


def map_search(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if not props.get("instance_type"):
        return manual("the domain's node type is not inventoried", "create the domain by hand with the source's nodes")
    spec = SearchDomainSpec(
        **common_fields(resource, ctx), domain_name=domain_name(resource.name), **_fields(props),
        subnet_items=linked(resource, ctx, "subnet_ids", SUBNET),
        security_group_items=linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
    )
    notes = ["the indices are not copied: register the source's manual snapshot repository (its S3 bucket) in the new "
             "domain and restore, or reindex from the source of truth; take the last snapshot before the cut-off"]
    if props.get("storage_upper_bound_gib"):
        notes.append(f"at most {props['storage_upper_bound_gib']} GiB of indices (EBS size x data nodes: an upper bound)")
    if props.get("fine_grained_access"):
        notes.append("fine-grained access control: its master user and role mappings are not inventoried; set them again")
    if props.get("warm_enabled"):
        notes.append("UltraWarm nodes are not rebuilt: add them, then migrate the warm indices")
    return result("partial", spec, unpriced("OpenSearch Service"), notes)


MAP: dict[str, MapFunction] = {"search": map_search}
SPECS: tuple[type[Spec], ...] = (SearchDomainSpec,)
