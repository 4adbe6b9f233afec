"""What a security group is attached to, as GCP sees it: VMs and instance templates carry its network tag; load
balancers, managed databases, caches and file shares are no VMs and carry none (shared by firewalls)."""

from __future__ import annotations

from typing import Any

from planner.core.contract import MappingContext
from planner.core.index import index_of
from planner.core.kinds import kind_of
from planner.core.model.inventory import Resource

SECURITY_GROUP = "aws.ec2.security_group"

# Neutral kind of a member -> what it is on GCP, for firewall purposes.
MEMBER_ROLES: dict[str, str] = {
    "compute.vm": "tagged",  # an instance: carries the group's network tag (vm.py)
    "compute.template": "tagged",  # an instance template: its instances carry the tag (instance_template.py)
    "lb": "load_balancer",
    "db.sql": "managed",  # Cloud SQL
    "db.sql.cluster": "managed",
    "cache": "managed",  # Memorystore
    "storage.file": "managed",  # Filestore
}
MANAGED_SERVICE_NOTE = ("Cloud SQL, Memorystore and Filestore are not VMs and carry no network tags: their access "
                        "control moved to private IP (Private Service Access on the network) and authorized networks")


def _groups_named(resource: Resource) -> list[Any]:
    if resource.key == SECURITY_GROUP:  # a group naming another as a rule source is not attached to it
        return []
    return [*resource.refs, *(resource.props.get("security_group_ids") or [])]


def members(group_id: str, ctx: MappingContext) -> list[Resource]:
    """The inventoried resources the security group is attached to."""
    return list(index_of(ctx).lookup(_groups_named, group_id))


def roles(group_id: str, ctx: MappingContext) -> set[str]:
    """What the group's members are on GCP (`tagged`, `load_balancer`, `managed`, `other`)."""
    found = set()
    for member in members(group_id, ctx):
        kind = kind_of(member.key)
        found.add(MEMBER_ROLES.get(kind.kind if kind else "", "other"))
    return found


def load_balancers(group_id: str, ctx: MappingContext) -> list[Resource]:
    return [m for m in members(group_id, ctx) if MEMBER_ROLES.get(getattr(kind_of(m.key), "kind", "")) == "load_balancer"]
