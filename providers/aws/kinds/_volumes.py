"""EBS volume sizes and their prices, shared by the volumes (disk) and the groups whose members launch them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from providers.aws import catalog
from providers.aws.kinds._pricing import Priced
from providers.aws.kinds._shared import optional_int

# gp3 includes 3,000 IOPS and 125 MiB/s; only the excess is billed (AWS EBS pricing page).
GP3_FREE_IOPS = 3000
GP3_FREE_THROUGHPUT_MIBPS = 125
PROVISIONED_IOPS_ITEMS = {
    "io1": "EBS io1 provisioned IOPS",
    "io2": "EBS io2 provisioned IOPS (first tier)",
    "gp3": "EBS gp3 provisioned IOPS (above free baseline)",
}


@dataclass(frozen=True)
class VolumeSize:
    """What an EBS volume is billed on: size, type, provisioned IOPS and throughput."""

    size_gib: int
    volume_type: str
    iops: int | None
    throughput_mibps: int | None


def volume_size(props: dict[str, Any]) -> VolumeSize:
    volume_type = str(props.get("volume_type") or "gp3")
    return VolumeSize(
        size_gib=optional_int(props.get("size_gib")) or 1,
        volume_type=volume_type,
        iops=optional_int(props.get("iops")) if volume_type in ("io1", "io2", "gp3") else None,
        throughput_mibps=optional_int(props.get("throughput_mibps")) if volume_type == "gp3" else None,
    )


def price_volume(priced: Priced, size: VolumeSize, region: str, what: str = "EBS", count: int = 1) -> None:
    """`count` volumes of this size: storage, then provisioned IOPS and throughput."""
    priced.add_rate(*catalog.ebs_rate(size.volume_type, region), quantity=size.size_gib * count,
                    what=f"{what} {size.volume_type}")
    _price_provisioned(priced, size, region, count)


def _price_provisioned(priced: Priced, spec: VolumeSize, region: str, count: int = 1) -> None:
    """Provisioned IOPS and throughput above the free baseline, for `count` volumes of this size."""
    item = PROVISIONED_IOPS_ITEMS.get(spec.volume_type)
    free = GP3_FREE_IOPS if spec.volume_type == "gp3" else 0
    if item and spec.iops and spec.iops > free:
        priced.add_rate(*catalog.rate_or_proxy("EBS", item, region), quantity=(spec.iops - free) * count,
                        what="provisioned IOPS")
    if spec.volume_type == "gp3" and spec.throughput_mibps and spec.throughput_mibps > GP3_FREE_THROUGHPUT_MIBPS:
        priced.add_rate(
            *catalog.rate_or_proxy("EBS", "EBS gp3 provisioned throughput (above free baseline)", region),
            quantity=(spec.throughput_mibps - GP3_FREE_THROUGHPUT_MIBPS) * count,
            what="provisioned throughput",
        )
