"""`storage.file` -> a Filestore instance: EFS becomes provisioned Regional-tier capacity."""

from __future__ import annotations

import math
from typing import ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, number, placement, region_of
from providers.gcp.spec import GcpSpec

# EFS is regional (multi-AZ), so the Regional tier is the like-for-like target.
FILESTORE_TIER = "REGIONAL"
# Tier -> its capacity bands (lowest GiB, highest GiB, step GiB), from pulumi-gcp 10.2.0 filestore.Instance
# `file_shares.capacity_gb`: REGIONAL 1024-10239 GiB in 1 GiB steps and 10240-102400 GiB in 2560 GiB steps (100 GiB
# minimum only "in supported regions", which the docstring does not list: 1024 is the minimum valid everywhere).
FILESTORE_CAPACITY_GIB: dict[str, tuple[tuple[int, int, int], ...]] = {
    "BASIC_HDD": ((1024, 65_433, 1),),
    "BASIC_SSD": ((2560, 65_433, 1),),
    "HIGH_SCALE_SSD": ((10_240, 102_400, 2560),),
    "ZONAL": ((100, 10_239, 1), (10_240, 102_400, 2560)),
    "ENTERPRISE": ((1024, 10_240, 256),),
    "REGIONAL": ((1024, 10_239, 1), (10_240, 102_400, 2560)),
}


def capacity_for(tier: str, used_gib: int) -> int:
    """The smallest capacity the tier accepts that holds `used_gib` (its largest when nothing holds it)."""
    for low, high, step in FILESTORE_CAPACITY_GIB[tier]:
        wanted = low + max(0, math.ceil((used_gib - low) / step)) * step
        if wanted <= high:
            return wanted
    return FILESTORE_CAPACITY_GIB[tier][-1][1]


class FilestoreSpec(GcpSpec):
    type: Literal["gcp.filestore.instance"] = "gcp.filestore.instance"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    location: str  # a zone for BASIC_* tiers, a region for REGIONAL
    tier: str
    capacity_gb: int
    share_name: str = "share1"
    network: str | None = None


def map_filestore(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    used_gib = math.ceil(number(props.get("size_bytes")) / 1024**3)
    low, high = FILESTORE_CAPACITY_GIB[FILESTORE_TIER][0][0], FILESTORE_CAPACITY_GIB[FILESTORE_TIER][-1][1]
    network, _ = placement(resource, ctx)
    spec = FilestoreSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), location=region_of(resource, ctx),
                         tier=FILESTORE_TIER, capacity_gb=capacity_for(FILESTORE_TIER, used_gib), network=network)
    notes = [f"EFS ({props.get('performance_mode')}, {props.get('throughput_mode')}) -> Filestore {FILESTORE_TIER} "
             f"{spec.capacity_gb} GiB: Filestore capacity is provisioned (minimum {low} GiB), not elastic",
             "copy the data with rsync or Storage Transfer Service; mount with NFS from the clients"]
    status = "mapped"
    if used_gib > high:
        status = "partial"
        notes.append(f"{used_gib} GiB exceeds the tier's {high} GiB: split the data over several instances")
    return done(status, spec, notes, pricing.unpriced("no Filestore rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"storage.file": map_filestore}
SPECS: tuple[type[GcpSpec], ...] = (FilestoreSpec,)
