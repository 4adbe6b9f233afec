"""`compute.vm` -> a Compute Engine instance: the EC2 instance right-sized to the cheapest machine type of the
dated catalog, in its network, with its disks and external address; priced with its boot disk."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import catalog, pricing
from providers.gcp.kinds._machine import (
    BOOT_DISK_TYPE,
    MachineShape,
    boot,
    instance_shape,
    machine_fields,
    machine_for,
    security_group_tags,
)
from providers.gcp.kinds._shared import done, item_ids, item_of, placement, refs, region_of, zone_of
from providers.gcp.spec import GcpSpec


class InstanceSpec(MachineShape):
    type: Literal["gcp.compute.instance"] = "gcp.compute.instance"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network', 'subnetwork', 'disks', 'external_address')
    region: str
    zone: str
    disks: list[str] = Field(default_factory=list)  # plan item ids of storage.block items to attach
    external_address: str | None = None  # plan item id of a network.ip item
    ephemeral_public_ip: bool = False


def _instances_of_address(address: Resource) -> list[Any]:
    return [address.props.get("instance_id"), *address.refs]


def elastic_ip_of(instance: Resource, ctx: MappingContext) -> Resource | None:
    """The Elastic IP the VM takes as its external address: the first associated with it."""
    return next(iter(index_of(ctx).lookup(_instances_of_address, instance.id, "aws.ec2.elastic_ip")), None)


def _id_and_name(resource: Resource) -> list[str]:
    return [resource.id, resource.name]


def map_vm(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    asg = props.get("autoscaling_group")
    if asg:
        group = next(iter(index_of(ctx).lookup(_id_and_name, asg, "aws.autoscaling.group")), None)
        owner = item_of(group.id, ctx) if group else None
        return skipped(f"launched by auto scaling group {asg}: the managed instance group "
                        f"{owner or '(not inventoried)'} creates its instances")
    shape = instance_shape(props)
    if shape is None:
        return manual(f"no vCPU/memory known for instance type {props.get('instance_type')!r}",
                       "pick a Compute Engine machine type by hand")
    region = region_of(resource, ctx)
    choice, notes, gpu_differs = machine_for(region, **shape)
    if not choice.found:
        return manual("no Compute Engine machine type matches: " + "; ".join(notes),
                       "choose a machine type (or another region) by hand and add the instance to the stack")
    image, boot_gb, boot_notes = boot(props.get("platform"), choice.arch)
    network, subnetwork = placement(resource, ctx)
    eip = elastic_ip_of(resource, ctx)
    ephemeral_ip = bool(props.get("public_ip")) and eip is None
    spec = InstanceSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, zone=zone_of(region, resource, ctx),
        **machine_fields(choice, image, boot_gb, network, subnetwork, security_group_tags(resource, ctx)),
        disks=item_ids(refs(resource, ctx, "aws.ec2.volume"), ctx),
        external_address=item_of(eip.id if eip else None, ctx), ephemeral_public_ip=ephemeral_ip,
    )
    notes = [f"{props.get('instance_type')} ({shape['vcpu']:g} vCPU, {shape['memory_gib']:g} GiB) -> "
             f"{choice.machine_type} ({choice.vcpu:g} vCPU, {choice.memory_gb:g} GB)", *notes, *boot_notes]
    if spec.disks:
        notes.append("the EBS volumes (root volume included) are copied to the attached Persistent Disks")
    if props.get("state") == "stopped":
        notes.append("the source instance is stopped: the price assumes it runs around the clock")
    priced = pricing.machine(choice).add(pricing.disk(spec.boot_disk_type, boot_gb, region))
    if spec.boot_disk_type != BOOT_DISK_TYPE:
        notes.append(f"{choice.machine_type} takes Hyperdisk only: {spec.boot_disk_type} boot disk (its baseline "
                     "3,000 IOPS and 140 MiB/s are included; more is billed)")
    if ephemeral_ip:
        priced.add(pricing.hourly(catalog.external_ip_rate(region), "external IPv4 in use",
                                  f"no external IPv4 rate for {region} in the catalog snapshot"))
    return done("partial" if gpu_differs else "mapped", spec, notes, priced)


MAP: dict[str, MapFunction] = {"compute.vm": map_vm}
SPECS: tuple[type[GcpSpec], ...] = (InstanceSpec,)
