"""`storage.file` -> a Filestore instance: EFS becomes provisioned Regional-tier capacity."""

from __future__ import annotations

import math
from typing import ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, number, placement, region_of
from providers.gcp.spec import GcpSpec

# Filestore Regional tier: 100 GiB to 100 TiB (docs "Service tiers: Regional", retrieved copy). EFS is
# regional (multi-AZ), so the regional tier is the like-for-like target.
FILESTORE_TIER = "REGIONAL"
FILESTORE_RANGE_GIB = (100, 102_400)


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
    low, high = FILESTORE_RANGE_GIB
    network, _ = placement(resource, ctx)
    spec = FilestoreSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), location=region_of(resource, ctx),
                         tier=FILESTORE_TIER, capacity_gb=min(max(used_gib, low), high), network=network)
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
