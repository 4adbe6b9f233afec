"""`compute.group` -> a regional managed instance group with an autoscaler: the auto scaling group's sizes,
its template and the ports its target groups serve; priced per instance."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, number, port_name, refs, region_of
from providers.gcp.kinds.instance_template import template_spec_of
from providers.gcp.spec import GcpSpec

TEMPLATE_TYPES = ("aws.ec2.launch_template", "aws.autoscaling.launch_configuration")


class NamedPortSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    port: int


class InstanceGroupSpec(GcpSpec):
    type: Literal["gcp.compute.region_instance_group_manager"] = "gcp.compute.region_instance_group_manager"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('instance_template',)
    region: str
    instance_template: str | None  # plan item id of the compute.template item
    base_instance_name: str
    target_size: int
    min_replicas: int
    max_replicas: int
    named_ports: list[NamedPortSpec] = Field(default_factory=list)


def _template_resource_of_group(group: Resource, ctx: MappingContext) -> Resource | None:
    """The group's launch template, else its launch configuration (both map to an instance template)."""
    for prop in ("launch_template_id", "launch_configuration_arn"):
        found = ctx.resource(str(group.props[prop])) if group.props.get(prop) else None
        if found is not None:
            return found
    return next(iter(refs(group, ctx, *TEMPLATE_TYPES)), None)


def map_group(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    template = _template_resource_of_group(resource, ctx)
    if template is None:
        return manual("the group has no inventoried launch template or launch configuration",
                       f"write an instance template for {props.get('instance_type') or 'its instance type'} "
                       "and a regional managed instance group")
    template_spec, choice, template_notes = template_spec_of(template, ctx)
    target_groups = refs(resource, ctx, "aws.elbv2.target_group")
    ports = sorted({int(number(tg.props.get("port"))) for tg in target_groups if tg.props.get("port")})
    desired = int(number(props.get("desired_capacity"), 1))
    spec = InstanceGroupSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), region=region_of(resource, ctx),
        instance_template=ctx.item_id(template.id), base_instance_name=ctx.target_name(resource)[:54],
        target_size=desired, min_replicas=int(number(props.get("min_size"), desired)),
        max_replicas=max(1, int(number(props.get("max_size"), desired))),
        named_ports=[NamedPortSpec(name=port_name(port), port=port) for port in ports],
    )
    notes = ["regional managed instance group spread over the region's zones; autoscaler on CPU utilisation "
             "(AWS scaling policies are not inventoried: re-create targets by hand)"]
    priced = (pricing.machine(choice, desired) if choice is not None and choice.found
              else pricing.unpriced("the template's machine type is unknown: group not priced"))
    if template_spec is not None and priced.monthly_usd is not None:
        # each instance of the group boots from its own disk, as a standalone VM does (map_vm)
        priced.add(pricing.disk(template_spec.boot_disk_type, template_spec.boot_disk_gb * desired, spec.region))
    if template_spec is None:
        notes.extend(template_notes)
    return done("mapped" if template_spec else "partial", spec, notes, priced)


MAP: dict[str, MapFunction] = {"compute.group": map_group}
SPECS: tuple[type[GcpSpec], ...] = (InstanceGroupSpec,)
