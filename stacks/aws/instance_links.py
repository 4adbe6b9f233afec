"""What the compute group attaches its instances to once they are built: target groups, classic ELBs, Elastic IPs.

Those items belong to earlier groups (edge, network) and are built before the
instances; each link is one resource of the compute component, in the region
of the item that holds the link.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.address import ElasticIpSpec
from providers.aws.kinds.backend import TargetGroupSpec
from providers.aws.kinds.lb import ClassicLoadBalancerSpec
from stacks.aws.base import AwsGroup
from stacks.common.registry import BUILDABLE_STATUSES

InstanceLinker = Callable[[AwsGroup, PlanItem, Any], None]


def attach_instances(group: AwsGroup) -> None:
    """Target-group attachments, classic-ELB attachments and Elastic IP associations."""
    for other in group.args.plan.items:
        if other.status not in BUILDABLE_STATUSES or not other.target or not group.registry.built(other.id):
            continue
        linker = INSTANCE_LINKERS.get(str(other.target.get("type")))
        if linker is not None:
            linker(group, other, group.spec_of(other))


def _built_instances(group: AwsGroup, item: PlanItem, item_ids: list[str]) -> list[str]:
    """The instances among `item_ids` the stack built; manual ones are listed to attach by hand."""
    return [item_id for item_id in group.buildable_refs(item, item_ids, "instance") if group.registry.built(item_id)]


def _link_target_group(group: AwsGroup, item: PlanItem, spec: TargetGroupSpec) -> None:
    for instance_item in _built_instances(group, item, spec.target_items):
        aws.lb.TargetGroupAttachment(
            f"{item.id}-{instance_item}",
            target_group_arn=group.ref(item, item.id, "arn"),
            target_id=group.ref(item, instance_item),
            opts=group.opts(spec),
        )


def _link_classic(group: AwsGroup, item: PlanItem, spec: ClassicLoadBalancerSpec) -> None:
    for instance_item in _built_instances(group, item, spec.instance_items):
        aws.elb.Attachment(
            f"{item.id}-{instance_item}", elb=group.ref(item, item.id), instance=group.ref(item, instance_item), opts=group.opts(spec)
        )


def _link_eip(group: AwsGroup, item: PlanItem, spec: ElasticIpSpec) -> None:
    for instance_item in _built_instances(group, item, [spec.instance_item] if spec.instance_item else []):
        aws.ec2.EipAssociation(
            f"{item.id}-association",
            allocation_id=group.ref(item, item.id, "allocation_id"),
            instance_id=group.ref(item, instance_item),
            opts=group.opts(spec),
        )


# Spec type of an item built before the instances -> how its instances are attached to it.
INSTANCE_LINKERS: dict[str, InstanceLinker] = {
    "aws.lb.target_group": _link_target_group,
    "aws.elb.load_balancer": _link_classic,
    "aws.ec2.eip": _link_eip,
}
