"""AMIs (compute.image) -> manual: an AMI is shared with the new account (with its snapshots) and copied there."""

from __future__ import annotations

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.aws.spec import Spec

LAUNCHERS = ("aws.ec2.instance", "aws.ec2.launch_template")


def _image_of(resource: Resource) -> list[str]:
    return [str(resource.props.get("image_id") or "")]


def map_image(resource: Resource, ctx: MappingContext) -> MappedTarget:
    index = index_of(ctx)
    users = index.in_order(r for key in LAUNCHERS for r in index.lookup(_image_of, resource.id, key))
    notes = [f"{resource.props.get('total_size_gib') or '?'} GiB, counted on its snapshot items"]
    if users:
        items = ", ".join(f"planner:ami-{ctx.item_id(u.id)}" for u in users)
        notes.append(f"launched by {', '.join(u.name for u in users)}: the plan boots them from a public base image "
                     f"until the copied AMI id is set in config ({items})")
    return manual(
        "an AMI belongs to its account and region: the new account's code cannot launch it",
        f"before the cut-off share {resource.id} (`aws ec2 modify-image-attribute --launch-permission "
        "Add=[{UserId=NEW}]`) and its snapshots (create-volume permission), then copy it in the new account "
        "(`aws ec2 copy-image`, into the target region)",
        notes,
    )


MAP: dict[str, MapFunction] = {"compute.image": map_image}
SPECS: tuple[type[Spec], ...] = ()
