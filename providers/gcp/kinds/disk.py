"""`storage.block` -> a Persistent Disk (or Hyperdisk Extreme) of the EBS volume's performance class."""

from __future__ import annotations

import math
from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, skipped
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._machine import HYPERDISK_BALANCED_MAX_IOPS, hyperdisk_only, machine_type_of_instance
from providers.gcp.kinds._shared import done, number, region_of, zone_of
from providers.gcp.spec import GcpSpec

# EBS volume type -> Persistent Disk type of the same performance class.
DISK_TYPES: dict[str, str] = {
    "gp2": "pd-balanced",
    "gp3": "pd-balanced",
    "io1": "pd-ssd",
    "io2": "pd-ssd",
    "st1": "pd-standard",
    "sc1": "pd-standard",
    "standard": "pd-standard",
}
# io1/io2 volumes provisioned above this many IOPS (the io1 and non-Block-Express io2 ceiling in
# AWS's "Amazon EBS volume types" page) become Hyperdisk Extreme with the same provisioned IOPS.
HYPERDISK_ABOVE_IOPS = 64_000


class DiskSpec(GcpSpec):
    type: Literal["gcp.compute.disk"] = "gcp.compute.disk"
    zone: str
    size_gb: int
    disk_type: str  # pd-balanced | pd-ssd | pd-standard | hyperdisk-extreme
    provisioned_iops: int | None = None
    provisioned_throughput: int | None = None


def _launched_by_group(instance_id: str, ctx: MappingContext) -> bool:
    instance = ctx.resource(instance_id)
    return instance is not None and bool(instance.props.get("autoscaling_group"))


def _hyperdisk_machine(attached: list[str], ctx: MappingContext) -> str | None:
    """The machine type of an attached instance whose series takes Hyperdisk only, if any."""
    for instance_id in attached:
        instance = ctx.resource(instance_id)
        machine = machine_type_of_instance(instance, ctx) if instance is not None else None
        if machine and hyperdisk_only(machine):
            return machine
    return None


def map_disk(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    attached = list(props.get("attached_instance_ids") or [])
    if attached and all(_launched_by_group(i, ctx) for i in attached):
        return skipped("volume of an instance launched by an auto scaling group: the managed instance group's "
                        "template creates its disks")
    volume_type = str(props.get("volume_type") or "gp3")
    iops = int(number(props.get("iops"))) or None
    disk_type = DISK_TYPES.get(volume_type, "pd-balanced")
    notes = [f"EBS {volume_type} -> {disk_type}"]
    if volume_type in ("io1", "io2") and iops and iops > HYPERDISK_ABOVE_IOPS:
        disk_type = "hyperdisk-extreme"
        notes = [f"EBS {volume_type} with {iops} IOPS -> hyperdisk-extreme with the same provisioned IOPS "
                 "(attach only to machine series that support Hyperdisk Extreme)"]
    machine = _hyperdisk_machine(attached, ctx)
    if machine and disk_type != "hyperdisk-extreme":
        disk_type = "hyperdisk-balanced"
        iops = min(iops, HYPERDISK_BALANCED_MAX_IOPS) if iops and volume_type in ("io1", "io2") else None
        notes = [f"EBS {volume_type} -> hyperdisk-balanced: its instance's {machine} takes Hyperdisk only"
                 + (f" ({iops} provisioned IOPS)" if iops else "")]
    region = region_of(resource, ctx)
    size = max(1, int(math.ceil(number(props.get("size_gib"), 10))))
    spec = DiskSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), zone=zone_of(region, resource, ctx),
                    size_gb=size, disk_type=disk_type,
                    provisioned_iops=iops if disk_type.startswith("hyperdisk") else None)
    if not props.get("attached_instance_ids"):
        notes.append("the volume is not attached: the disk is created unattached")
    if props.get("encrypted"):
        notes.append("encrypted with KMS at the source: Google encrypts every disk by default (CMEK is optional)")
    priced = pricing.disk(disk_type, size, region)
    if disk_type.startswith("hyperdisk"):
        priced.notes.append("provisioned IOPS and throughput are not in the catalog snapshot: capacity priced only")
    return done("mapped", spec, notes, priced)


MAP: dict[str, MapFunction] = {"storage.block": map_disk}
SPECS: tuple[type[GcpSpec], ...] = (DiskSpec,)
