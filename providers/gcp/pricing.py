"""Target-side monthly prices for Google Cloud plan items, from the dated GCP catalog.

Each helper returns `Priced`: the monthly USD figure (None when the snapshot has
no figure for some part), the basis lines (rate, source, date) and notes that
say what was not priced and why. Nothing is estimated: a missing rate is a
stated gap, never a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from providers.common.catalog import GIB, HOURS_PER_MONTH, MachineChoice
from providers.gcp import catalog

MACHINE_CATALOG = catalog.CATALOGS[0]


@dataclass
class Priced:
    monthly_usd: float | None = 0.0
    basis: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, other: "Priced") -> "Priced":
        """Sum two figures; an unpriced part leaves the total priced for what is known (notes say so)."""
        if other.monthly_usd is not None:
            self.monthly_usd = round((self.monthly_usd or 0.0) + other.monthly_usd, 2)
        self.basis.extend(other.basis)
        self.notes.extend(other.notes)
        return self


def unpriced(reason: str) -> Priced:
    return Priced(monthly_usd=None, notes=[reason])


def machine(choice: MachineChoice, count: int = 1) -> Priced:
    """`count` machines of `choice` around the clock (hourly list price x 730 h)."""
    if choice.price_usd_per_hour is None:
        return unpriced(f"no price for {choice.machine_type} in {choice.region} in the catalog snapshot")
    monthly = round(choice.price_usd_per_hour * HOURS_PER_MONTH * count, 2)
    times = f"{count} x " if count != 1 else ""
    return Priced(
        monthly,
        [
            f"gcp {times}{choice.machine_type} in {choice.region}: ${choice.price_usd_per_hour:g}/hour x "
            f"{HOURS_PER_MONTH} h ({MACHINE_CATALOG.source}, {MACHINE_CATALOG.price_date})"
        ],
    )


def per_unit(rate: catalog.Rate | None, quantity: float, what: str, missing: str) -> Priced:
    """`quantity` units of `rate` (GB-month, hours...); `missing` is the note when the rate is absent."""
    if rate is None:
        return unpriced(missing)
    monthly = round(rate.unit_price_usd * quantity, 2)
    return Priced(monthly, [f"{what}: {quantity:g} x {rate.basis}"])


def disk(disk_type: str, size_gb: float, region: str) -> Priced:
    return per_unit(
        catalog.disk_rate(disk_type, region),
        size_gb,
        f"{disk_type} {size_gb:g} GB",
        f"no {disk_type} GB-month rate for {region} in the catalog snapshot: disk not priced",
    )


def hourly(rate: catalog.Rate | None, what: str, missing: str, count: int = 1) -> Priced:
    return per_unit(rate, HOURS_PER_MONTH * count, what, missing)


def forwarding_rules(region: str, count: int) -> Priced:
    """`count` load-balancer forwarding rules (the us-central1 figure is a stated proxy elsewhere)."""
    found, notes = catalog.forwarding_rule_rate(region)
    priced = hourly(found, f"{count} forwarding rule(s)", "no forwarding-rule rate in the catalog snapshot", count)
    priced.notes.extend(notes)
    return priced


def bytes_to_gb(size_bytes: float) -> float:
    """Bytes to the binary GB Google bills storage in (2^30 bytes)."""
    return round(size_bytes / GIB, 3)
