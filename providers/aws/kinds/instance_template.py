"""Instance templates (compute.template) -> EC2 launch templates, with the image to copy and no user data."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._image import ImageChoice, image_choice
from providers.aws.kinds._shared import SECURITY_GROUP, common_fields, linked, own_item_id, result
from providers.aws.spec import Spec


class LaunchTemplateSpec(Spec):
    type: Literal["aws.ec2.launch_template"] = "aws.ec2.launch_template"
    instance_type: str | None = None
    image: ImageChoice
    security_group_items: list[str] = Field(default_factory=list)
    key_pair_item: str | None = None


def map_template(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    image, image_note = image_choice(props, own_item_id(resource, ctx))
    spec = LaunchTemplateSpec(
        **common_fields(resource, ctx),
        instance_type=props.get("instance_type"),
        image=image,
        security_group_items=linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
    )
    return result("partial", spec, None, [image_note, "user data is not inventoried: add it to the template"])


MAP: dict[str, MapFunction] = {"compute.template": map_template}
SPECS: tuple[type[Spec], ...] = (LaunchTemplateSpec,)
