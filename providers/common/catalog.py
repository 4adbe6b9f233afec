"""Catalog records shared by the targets: dated unit rates and catalog references.

Every price a plan uses comes from a CSV shipped in `providers/<p>/data` with its
source and date (see SOURCES.md there); a figure the snapshot lacks is never
invented, the caller writes a stated fallback into the plan item's notes.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any, Protocol

from planner.core.model.plan import CatalogRef

HOURS_PER_MONTH = 730  # the convention of the AWS and Google pricing calculators (8,760 h / 12)
GIB = 1024**3

__all__ = [
    "GIB",
    "HOURS_PER_MONTH",
    "CatalogRef",
    "MachineChoice",
    "Rate",
    "RateBook",
    "ZoneBook",
    "read_csv",
    "rates_from_rows",
    "vm_shape",
]


def read_csv(package: str, filename: str) -> list[dict[str, str]]:
    """The rows of a CSV shipped inside `package` (read through importlib.resources)."""
    text = resources.files(package).joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@dataclass(frozen=True)
class Rate:
    """One unit price: `unit_price_usd` per `unit` (GB-month, hour, GB...) in `region`."""

    provider: str
    service: str
    item: str
    tier: str
    region: str
    unit: str
    unit_price_usd: float
    source_ref: str
    source_date: str

    @property
    def basis(self) -> str:
        """How the figure was priced, for an item's cost basis."""
        tier = f" [{self.tier}]" if self.tier else ""
        return (
            f"{self.provider} {self.item}{tier} in {self.region}: ${self.unit_price_usd:g}/{self.unit} "
            f"({self.source_ref}, {self.source_date})"
        )


def rates_from_rows(rows: list[dict[str, str]]) -> tuple[Rate, ...]:
    return tuple(
        Rate(
            provider=row["provider"],
            service=row["service"],
            item=row["item"],
            tier=row["tier"],
            region=row["region"],
            unit=row["unit"],
            unit_price_usd=float(row["unit_price_usd"]),
            source_ref=row["source_ref"],
            source_date=row["source_date"],
        )
        for row in rows
    )


RateKey = tuple[str, str, str, str]  # (service, item, region, tier)


@dataclass(frozen=True)
class RateBook:
    """The unit rates of one target's rates CSV, found exactly or through a stated proxy region.

    `proxy_note` is the note for a rate borrowed from `proxy_region`, formatted
    with `{item}` and `{region}`.
    """

    package: str
    filename: str
    provider_label: str  # "AWS", "GCP": how the notes name the catalog
    proxy_region: str
    proxy_note: str

    @cached_property
    def all(self) -> tuple[Rate, ...]:
        return rates_from_rows(read_csv(self.package, self.filename))

    @cached_property
    def _index(self) -> dict[RateKey, Rate]:
        return {(r.service, r.item, r.region, r.tier): r for r in self.all}

    def of_service(self, service: str) -> list[Rate]:
        """Every rate of a service ('EBS', 'Cloud SQL', ...)."""
        return [found for found in self.all if found.service == service]

    def get(self, service: str, item: str, region: str, tier: str | None = None) -> Rate | None:
        """The rate of `item` in `region` (and `tier`, for tiered items) exactly as the snapshot has it, or None."""
        return self._index.get((service, item, region, tier or ""))

    def or_proxy(self, service: str, item: str, region: str, tier: str | None = None) -> tuple[Rate | None, list[str]]:
        """The rate in `region`, else the proxy region's rate (the note says so), else None (noted)."""
        found = self.get(service, item, region, tier)
        if found is not None:
            return found, []
        proxy = self.get(service, item, self.proxy_region, tier)
        if proxy is None:
            return None, [f"no {self.provider_label} rate for {item!r} in the catalog snapshot: not priced"]
        return proxy, [self.proxy_note.format(item=item, region=region)]

    def tiers(
        self, service: str, item: str, region: str, bounds: tuple[tuple[str, float], ...]
    ) -> list[tuple[float, float]]:
        """[(up to GB per month, USD per GB)] of a tiered item; `bounds` names each tier and its top.

        Tiers the snapshot lacks for the region are left out.
        """
        tiers: list[tuple[float, float]] = []
        for tier, upto in bounds:
            found = self.get(service, item, region, tier)
            if found is not None:
                tiers.append((upto, found.unit_price_usd))
        return tiers


@dataclass(frozen=True)
class ZoneBook:
    """The zones of each region from a `region,zone` CSV, with a stated assumption for the others.

    `assumed_zone` is formatted with `{region}` and `{letter}` (a, b, c);
    `assumed_note` with `{region}`.
    """

    package: str
    filename: str
    assumed_zone: str
    assumed_note: str

    @cached_property
    def by_region(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for row in read_csv(self.package, self.filename):
            found.setdefault(row["region"], []).append(row["zone"])
        return {region: tuple(sorted(zones)) for region, zones in found.items()}

    def of(self, region: str) -> tuple[tuple[str, ...], str]:
        """The zones of a region and a note ('' when listed; the a/b/c assumption otherwise)."""
        listed = self.by_region.get(region)
        if listed:
            return listed, ""
        assumed = tuple(self.assumed_zone.format(region=region, letter=letter) for letter in "abc")
        return assumed, self.assumed_note.format(region=region)


def vm_shape(vm: Mapping[str, Any]) -> dict[str, Any]:
    """A source VM's neutral facts as the keyword arguments every catalog's cheapest-type search takes."""
    return {
        "vcpu": float(vm.get("vcpu") or 0),
        "memory_gib": float(vm.get("memory_gib") or 0),
        "gpu_count": int(vm.get("gpu_count") or 0),
        "arch": str(vm.get("arch") or "x86_64"),
        "burstable": bool(vm.get("burstable")),
    }


class CatalogMachine(Protocol):
    """A machine type of a target's catalog, as right-sizing reads it (AWS instance type, GCP machine type)."""

    name: str
    memory_gb: float
    gpu_count: float
    gpu_type: str | None
    arch: str
    shared_cpu: bool

    @property
    def burst_vcpu(self) -> float: ...


@dataclass
class MachineChoice:
    """The machine type right-sizing picked for a source, priced in `region`.

    `price_usd_per_hour` is None when the catalog has no price for the type there
    (the notes say why and what was used instead). `accelerator_type` /
    `accelerator_count` are GPUs attached to the machine rather than bundled in
    the type (GCP N1 + NVIDIA T4, say); their price is not in the catalog.
    """

    machine_type: str
    vcpu: float
    memory_gb: float
    price_usd_per_hour: float | None
    region: str
    notes: list[str]
    gpu_count: float = 0
    gpu_type: str | None = None
    accelerator_type: str | None = None
    accelerator_count: int = 0
    arch: str = "x86_64"
    shared_cpu: bool = False
    found: bool = True  # False: nothing in the catalog satisfies the request (see notes)

    @classmethod
    def of(cls, machine: CatalogMachine, region: str, price_usd_per_hour: float | None, notes: list[str]) -> MachineChoice:
        """The choice of one catalog machine type, priced in `region`."""
        return cls(
            machine_type=machine.name,
            vcpu=machine.burst_vcpu,
            memory_gb=machine.memory_gb,
            price_usd_per_hour=price_usd_per_hour,
            region=region,
            notes=notes,
            gpu_count=machine.gpu_count,
            gpu_type=machine.gpu_type,
            arch=machine.arch,
            shared_cpu=machine.shared_cpu,
        )

    @classmethod
    def not_found(cls, region: str, vcpu: float, memory_gib: float, notes: list[str]) -> MachineChoice:
        """No type in the catalog satisfies the request; `notes` say why."""
        return cls(
            machine_type="", vcpu=vcpu, memory_gb=memory_gib, price_usd_per_hour=None, region=region, notes=notes, found=False
        )

    @property
    def monthly_usd(self) -> float | None:
        return None if self.price_usd_per_hour is None else round(self.price_usd_per_hour * HOURS_PER_MONTH, 2)
