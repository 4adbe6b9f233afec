"""`compute.template` -> a Compute Engine instance template: the machine, boot image and network of an EC2 launch
template or an Auto Scaling launch configuration."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp.kinds._machine import (
    MachineShape,
    boot,
    machine_fields,
    machine_for,
    security_group_tags,
    shape_from_type,
)
from providers.gcp.kinds._shared import done, free, placement, refs, region_of
from providers.gcp.spec import GcpSpec

LAUNCH_CONFIGURATION = "aws.autoscaling.launch_configuration"


class InstanceTemplateSpec(MachineShape):
    type: Literal["gcp.compute.instance_template"] = "gcp.compute.instance_template"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network', 'subnetwork')
    region: str


def _template_of_group(group: Resource) -> list[Any]:
    """The launch template or launch configuration a group launches from."""
    return [group.props.get("launch_template_id"), group.props.get("launch_configuration_arn")]


def _user_data_note(resource: Resource) -> str:
    if resource.key == LAUNCH_CONFIGURATION:
        had = "has" if resource.props.get("has_user_data") else "has no"
        return (f"the launch configuration {had} user data (never inventoried): add the startup script "
                "(metadata startup-script) by hand if it had one")
    return "user data is not inventoried: add the startup script (metadata startup-script) by hand"


def template_spec_of(resource: Resource, ctx: MappingContext) -> tuple[InstanceTemplateSpec | None, Any, list[str]]:
    shape = shape_from_type(resource.props.get("instance_type"))
    if shape is None:
        return None, None, [f"no vCPU/memory known for instance type {resource.props.get('instance_type')!r}"]
    region = region_of(resource, ctx)
    choice, notes, _ = machine_for(region, **shape)
    if not choice.found:
        return None, choice, notes
    image, boot_gb, boot_notes = boot(None, choice.arch)
    groups = index_of(ctx).lookup(_template_of_group, resource.id, "aws.autoscaling.group")
    network, subnetwork = placement(groups[0], ctx) if groups else (None, None)
    if network is None:
        network, _ = placement(next(iter(refs(resource, ctx, "aws.ec2.security_group")), resource), ctx)
    spec = InstanceTemplateSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), region=region,
        **machine_fields(choice, image, boot_gb, network, subnetwork, security_group_tags(resource, ctx)),
    )
    notes = [f"{resource.props.get('instance_type')} -> {choice.machine_type}", *notes, *boot_notes,
             _user_data_note(resource)]
    return spec, choice, notes


def map_template(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec, _, notes = template_spec_of(resource, ctx)
    if spec is None:
        return manual("no Compute Engine machine type matches: " + "; ".join(notes),
                       "choose a machine type by hand and write the instance template")
    return done("mapped", spec, notes, free("instance template (its instances are priced on the group item)"))


MAP: dict[str, MapFunction] = {"compute.template": map_template}
SPECS: tuple[type[GcpSpec], ...] = (InstanceTemplateSpec,)
