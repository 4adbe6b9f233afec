"""Readable base names for resources that have no Name tag.

An unnamed resource's inventory name is its AWS id (`vol-0abc...`). Plan item
ids and target names must not carry AWS ids (a generated project holds none),
and `vol-0abc` says little to a reviewer anyway. So an unnamed resource is
named after what it belongs to: a volume after its instance, a subnet after
its VPC and zone. The allocator still makes every name unique.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from planner.core.aws_ids import contains_aws_id
from planner.core.model.inventory import Resource

Namer = Callable[[Resource, Mapping[str, Resource]], str | None]


def _parent_name(resource_id: str | None, index: Mapping[str, Resource]) -> str | None:
    parent = index.get(resource_id) if resource_id else None
    if parent is None or has_id_for_name(parent):
        return None
    return parent.name


def _volume(resource: Resource, index: Mapping[str, Resource]) -> str | None:
    attached = resource.props.get("attached_instance_ids")
    first = attached[0] if isinstance(attached, list) and attached else None
    owner = _parent_name(first, index) if isinstance(first, str) else None
    return f"{owner}-disk" if owner else None


def _subnet(resource: Resource, index: Mapping[str, Resource]) -> str | None:
    vpc_name = _parent_name(_first_ref(resource, "vpc-", index), index)
    zone = resource.props.get("availability_zone") or resource.region
    if resource.props.get("default_for_az"):
        return f"default-{zone}"
    return f"{vpc_name}-{zone}" if vpc_name else f"subnet-{zone}"


def _route_table(resource: Resource, index: Mapping[str, Resource]) -> str | None:
    vpc_name = _parent_name(_first_ref(resource, "vpc-", index), index) or resource.region
    return f"{vpc_name}-main-routes" if resource.props.get("is_main") else f"{vpc_name}-routes"


def _vpc(resource: Resource, index: Mapping[str, Resource]) -> str | None:
    return f"default-vpc-{resource.region}" if resource.props.get("is_default") else f"vpc-{resource.region}"


def _first_ref(resource: Resource, prefix: str, index: Mapping[str, Resource]) -> str | None:
    return next((ref for ref in resource.refs if ref.startswith(prefix) and ref in index), None)


# source type -> how to name it when it has no Name tag
NAMERS: dict[str, Namer] = {
    "aws.ec2.volume": _volume,
    "aws.ec2.subnet": _subnet,
    "aws.ec2.route_table": _route_table,
    "aws.ec2.vpc": _vpc,
}


def has_id_for_name(resource: Resource) -> bool:
    return not resource.name or resource.name == resource.id or contains_aws_id(resource.name)


def readable_name(resource: Resource, index: Mapping[str, Resource]) -> str:
    """The resource's own name, or one derived from its owner; never an AWS id."""
    if not has_id_for_name(resource):
        return resource.name
    namer = NAMERS.get(resource.key)
    derived = namer(resource, index) if namer else None
    if derived:
        return derived
    short_type = resource.key.rsplit(".", 1)[-1].replace("_", "-")
    return f"{short_type}-{resource.region}"
