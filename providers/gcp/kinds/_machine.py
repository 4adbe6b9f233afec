"""What instances and instance templates share: the machine shape spec, the right-sized machine type, the boot disk."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from planner.core.contract import MappingContext
from planner.core.model.inventory import Resource
from providers.aws import catalog as aws_catalog
from providers.common.catalog import MachineChoice
from providers.gcp import catalog
from providers.gcp.kinds._shared import number, refs, region_of, skipped_by_core
from providers.gcp.spec import GcpSpec

# Public image family per (platform, architecture). The AMI itself does not carry over.
BOOT_IMAGES: dict[tuple[str, str], str] = {
    ("linux", "x86_64"): "debian-cloud/debian-12",
    ("linux", "arm64"): "debian-cloud/debian-12-arm64",
    ("windows", "x86_64"): "windows-cloud/windows-2022",
}
# Boot disk sizes: a default above each public image's own size (Windows Server images are 50 GB).
BOOT_DISK_GB: dict[str, int] = {"linux": 20, "windows": 50}
BOOT_DISK_TYPE = "pd-balanced"  # machine series that take Persistent Disk
HYPERDISK_BOOT_DISK_TYPE = "hyperdisk-balanced"
# Machine series that take no Persistent Disk, boot or data, only Hyperdisk: Compute Engine "About Hyperdisk"
# (machine series support table) and each series' page (C4, C4A, C4D, N4, N4A, N4D, H3, H4D, X4, M4, A4, A4X, G4:
# "doesn't support Persistent Disk"); Z3 and C4N/M4N with them as the brief's table asks (Hyperdisk Balanced is
# offered on every one of these series and is the Hyperdisk type a boot disk can be: "About Hyperdisk Balanced").
HYPERDISK_ONLY_SERIES = frozenset({"c4", "c4a", "c4d", "c4n", "n4", "n4a", "n4d", "h3", "h4d", "x4", "m4", "m4n",
                                   "a4", "a4x", "g4", "z3"})
HYPERDISK_BALANCED_MAX_IOPS = 160_000  # per volume ("About Hyperdisk Balanced": size and performance limits)


class AcceleratorSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str  # nvidia-tesla-t4
    count: int


class MachineShape(GcpSpec):
    machine_type: str
    vcpu: float
    memory_gb: float
    boot_image: str  # image family, "project/family"
    boot_disk_gb: int
    boot_disk_type: str = "pd-balanced"
    accelerator: AcceleratorSpec | None = None  # GPUs the machine type does not bundle
    network: str | None = None
    subnetwork: str | None = None
    network_tags: list[str] = Field(default_factory=list)  # firewall target tags


def machine_series(machine_type: str) -> str:
    return machine_type.split("-", 1)[0].lower()


def hyperdisk_only(machine_type: str) -> bool:
    return machine_series(machine_type) in HYPERDISK_ONLY_SERIES


def boot_disk_type(machine_type: str) -> str:
    """The boot disk type the machine's series takes (Hyperdisk Balanced where it takes no Persistent Disk)."""
    return HYPERDISK_BOOT_DISK_TYPE if hyperdisk_only(machine_type) else BOOT_DISK_TYPE


def machine_for(
    region: str, vcpu: float, memory_gib: float, *, gpu_count: int, gpu_model: str | None, arch: str, burstable: bool
) -> tuple[Any, list[str], bool]:
    """The right-sized machine, notes, and whether it differs in kind from the source (another GPU)."""
    choice, notes, differs = _machine_for_shape(region, vcpu, memory_gib, gpu_count, gpu_model, arch, burstable)
    return choice, list(notes), differs


@lru_cache(maxsize=4096)  # VMs share a few shapes; the catalog search is the costly part of mapping one
def _machine_for_shape(
    region: str, vcpu: float, memory_gib: float, gpu_count: int, gpu_model: str | None, arch: str, burstable: bool
) -> tuple[Any, tuple[str, ...], bool]:
    gpu_class, gpu_note = catalog.gpu_class_for_aws_model(gpu_model) if gpu_count else (None, "")
    choice = catalog.cheapest_machine_type(
        region, vcpu, memory_gib, gpu_count=gpu_count, gpu_class=gpu_class, arch=arch, burstable=burstable
    )
    notes = ([f"GPU: {gpu_note}"] if gpu_note else []) + list(choice.notes)
    return choice, tuple(notes), bool(gpu_note) and not gpu_note.startswith("same GPU")


def instance_shape(props: dict[str, Any]) -> dict[str, Any] | None:
    """The neutral machine shape of an EC2 instance: its recorded vCPU/memory, else its type's."""
    if props.get("vcpu"):
        return {"vcpu": number(props["vcpu"]), "memory_gib": number(props.get("memory_mib")) / 1024,
                "gpu_count": int(number(props.get("gpu_count"))), "gpu_model": props.get("gpu_model"),
                "arch": props.get("architecture") or "x86_64", "burstable": bool(props.get("burstable"))}
    return shape_from_type(props.get("instance_type"))


def machine_type_of_instance(instance: Resource, ctx: MappingContext) -> str | None:
    """The machine type the instance is right-sized to (None when no machine fits)."""
    shape = instance_shape(instance.props)
    if shape is None:
        return None
    choice, _, _ = machine_for(region_of(instance, ctx), **shape)
    return choice.machine_type if choice.found else None


def shape_from_type(instance_type: str | None) -> dict[str, Any] | None:
    known = aws_catalog.instance_types().get(instance_type or "")
    if known is None:
        return None
    return {"vcpu": known.vcpu, "memory_gib": known.memory_gib, "gpu_count": known.gpu_count,
            "gpu_model": known.gpu_model, "arch": known.arch, "burstable": known.burstable}


def machine_fields(
    choice: MachineChoice, image: str, boot_gb: int, network: str | None, subnetwork: str | None, tags: list[str]
) -> dict[str, Any]:
    """The fields an instance and an instance template share (`specs.MachineShape`)."""
    accelerator = (AcceleratorSpec(type=choice.accelerator_type, count=choice.accelerator_count)
                   if choice.accelerator_type else None)
    return {"machine_type": choice.machine_type, "vcpu": choice.vcpu, "memory_gb": choice.memory_gb,
            "boot_image": image, "boot_disk_gb": boot_gb, "boot_disk_type": boot_disk_type(choice.machine_type),
            "accelerator": accelerator, "network": network, "subnetwork": subnetwork, "network_tags": tags}


def security_group_tags(resource: Resource, ctx: MappingContext) -> list[str]:
    """Firewall target tags of the resource's security groups."""
    return _network_tags(refs(resource, ctx, "aws.ec2.security_group"), ctx)


def _network_tags(groups: Iterable[Resource], ctx: MappingContext) -> list[str]:
    return [ctx.target_name(group) for group in groups if not skipped_by_core(group.id, ctx)]


def boot(platform: str | None, arch: str) -> tuple[str, int, list[str]]:
    platform = "windows" if (platform or "").lower() == "windows" else "linux"
    image = BOOT_IMAGES.get((platform, arch), BOOT_IMAGES[("linux", "x86_64")])
    note = (f"boot disk from the public image family {image}: the AMI does not carry over; rebuild the "
            "server (configuration management) or import the image (Migrate to Virtual Machines)")
    return image, BOOT_DISK_GB[platform], [note]
