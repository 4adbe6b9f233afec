"""Which Auto Scaling group launched a resource: its instances, and the volumes attached only to them.

A target rebuilds a group's members from the group's template (a managed instance
group on GCP, a new Auto Scaling group on AWS), so a member is no item of its own
there: its run cost belongs on the group's item, on both sides of before -> after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from planner.core.index import InventoryIndex
from planner.core.model.inventory import Resource

AUTOSCALING_GROUP = "aws.autoscaling.group"
INSTANCE = "aws.ec2.instance"
VOLUME = "aws.ec2.volume"
# A terminated instance has left its group (AWS keeps it listed for about an hour).
GONE_STATES = frozenset({"terminated", "shutting-down"})

Lookup = Callable[[str], Resource | None]


def launched_by(instance: Resource, group: Resource) -> bool:
    """Whether `instance` is a live member of `group` (its `autoscaling_group` names the group, same region)."""
    name = instance.props.get("autoscaling_group")
    return (
        instance.key == INSTANCE
        and bool(name)
        and name in (group.id, group.name)
        and instance.region == group.region
        and instance.props.get("state") not in GONE_STATES
    )


def attached_instances(volume: Resource, lookup: Lookup) -> list[Resource | None]:
    """The instances a volume is attached to (None for one that is not inventoried)."""
    return [lookup(instance_id) for instance_id in _attached_instance_ids(volume)]


def volume_of_group(volume: Resource, group: Resource, lookup: Lookup) -> bool:
    """Whether every instance `volume` is attached to is a member of `group` (a member's boot or data volume)."""
    attached = attached_instances(volume, lookup) if volume.key == VOLUME else []
    return bool(attached) and all(instance is not None and launched_by(instance, group) for instance in attached)


def launching_group(resource: Resource, groups: Iterable[Resource], lookup: Lookup) -> Resource | None:
    """The inventoried group whose template launches `resource` (a member instance or its volume), if any."""
    for group in groups:
        if launched_by(resource, group) or volume_of_group(resource, group, lookup):
            return group
    return None


# -- the same questions through an inventory index (one pass per plan, not one scan per resource) --------


def _group_names(group: Resource) -> list[str]:
    return [group.id, group.name]


def _attached_instance_ids(volume: Resource) -> list[str]:
    """The prop as a list of ids; a prop of another type (a hand-made or damaged inventory) names none."""
    ids = volume.props.get("attached_instance_ids")
    return [entry for entry in ids if isinstance(entry, str)] if isinstance(ids, list) else []


def _autoscaling_group_name(instance: Resource) -> list[str]:
    name = instance.props.get("autoscaling_group")
    return [name] if name else []


def _candidate_group_name(resource: Resource, lookup: Lookup) -> str | None:
    """The group `resource` could belong to: its own `autoscaling_group`, or its first attached instance's."""
    owner = resource
    if resource.key == VOLUME:
        attached = attached_instances(resource, lookup)
        owner = attached[0] if attached and attached[0] is not None else resource
    name = owner.props.get("autoscaling_group") if owner.key == INSTANCE else None
    return name if isinstance(name, str) and name else None


def launching_group_indexed(resource: Resource, index: InventoryIndex, lookup: Lookup) -> Resource | None:
    """`launching_group` over every inventoried group, looking only at the groups named by the resource."""
    name = _candidate_group_name(resource, lookup)
    if not name:
        return None
    return launching_group(resource, index.lookup(_group_names, name, AUTOSCALING_GROUP), lookup)


def member_volumes(group: Resource, index: InventoryIndex, lookup: Lookup) -> list[Resource]:
    """The inventoried volumes of `group`'s members (`volume_of_group`), in inventory order."""
    instances = [instance for name in {group.id, group.name}
                 for instance in index.lookup(_autoscaling_group_name, name, INSTANCE)]
    candidates = [volume for instance in instances for volume in index.lookup(_attached_instance_ids, instance.id, VOLUME)]
    return [volume for volume in index.in_order(candidates) if volume_of_group(volume, group, lookup)]
