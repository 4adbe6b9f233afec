"""Catalog records shared by the targets: dated unit rates and catalog references.

Every price a plan uses comes from a CSV shipped in `providers/<p>/data` with its
source and date (see SOURCES.md there); a figure the snapshot lacks is never
invented, the caller writes a stated fallback into the plan item's notes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from planner.model.plan import CatalogRef

HOURS_PER_MONTH = 730  # the convention of the AWS and Google pricing calculators (8,760 h / 12)
GIB = 1024**3

__all__ = ["GIB", "HOURS_PER_MONTH", "CatalogRef", "MachineChoice", "Rate", "read_csv", "rates_from_rows"]


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

    @property
    def monthly_usd(self) -> float | None:
        return None if self.price_usd_per_hour is None else round(self.price_usd_per_hour * HOURS_PER_MONTH, 2)
