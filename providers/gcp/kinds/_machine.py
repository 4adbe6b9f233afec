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
from providers.gcp.kinds._shared import refs, skipped_by_core
from providers.gcp.spec import GcpSpec

# Public image family per (platform, architecture). The AMI itself does not carry over.
BOOT_IMAGES: dict[tuple[str, str], str] = {
    ("linux", "x86_64"): "debian-cloud/debian-12",
    ("linux", "arm64"): "debian-cloud/debian-12-arm64",
    ("windows", "x86_64"): "windows-cloud/windows-2022",
}
# Boot disk sizes: a default above each public image's own size (Windows Server images are 50 GB).
BOOT_DISK_GB: dict[str, int] = {"linux": 20, "windows": 50}
BOOT_DISK_TYPE = "pd-balanced"


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
            "boot_image": image, "boot_disk_gb": boot_gb, "boot_disk_type": BOOT_DISK_TYPE,
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
