"""Cost: monthly run cost before and after, by item and category; one-time internet egress.

Run costs come from the plan (the engine prices each item from dated catalogs);
this module sums them. A price of $0 is a price (a VPC is free by nature); None
means no list price was found. Before -> after compares like with like: only
items priced on BOTH sides enter the comparable totals and the categories; items
priced on one side only, or on neither, are listed apart with what they cost. Egress applies AWS's monthly tiers per source region to
all bytes that leave that region (one move = one billing month), then shares a
region's bill among its items in proportion to their bytes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from planner import registry
from planner.core.model import Plan, PlanItem
from planner.estimation.assumptions import CATEGORIES, Assumptions

# AWS bills data transfer per GB of 2^30 bytes; tier bounds are 10 TB = 10,240 GB.
BYTES_PER_GB = 1024**3
# What the target bills for the data arriving: nothing (Google Cloud "All networking pricing": ingress traffic free).
FREE_INGRESS: dict[str, str] = {
    "gcp": "ingress into Google Cloud is free: AWS's egress is the whole one-time cost",
}
EGRESS_SOURCE = "providers/aws/catalog.py egress_tiers (aws_rates.csv: Infracost golden data_transfer_test, 2024-09-25)"


@dataclass
class TierCharge:
    upto_gb: float | None  # None = no upper bound
    usd_per_gb: float
    gb: float
    usd: float


@dataclass
class RegionEgress:
    region: str
    priced_as: str  # the region whose tiers were used
    data_bytes: int
    usd: float
    tiers: list[TierCharge]
    notes: list[str] = field(default_factory=list)


# How an item's run cost was priced: the key of each comparison group.
PRICED_ON_BOTH = "both"
PRICED_SOURCE_ONLY = "source only"
PRICED_TARGET_ONLY = "target only"
PRICED_ON_NEITHER = "neither"


@dataclass
class ItemCostLine:
    item_id: str
    kind: str
    category: str
    region: str
    source_monthly_usd: float | None
    target_monthly_usd: float | None
    data_bytes: int
    egress_usd: float
    priced_on: str = PRICED_ON_BOTH  # both | source only | target only | neither
    basis: list[str] = field(default_factory=list)  # the catalog rows and figures each price comes from


@dataclass
class CategoryCost:
    """One category's like-for-like totals, and what its one-side-priced items add apart."""

    category: str
    source_monthly_usd: float  # items priced on both sides
    target_monthly_usd: float  # items priced on both sides
    source_only_monthly_usd: float = 0.0  # items with no target price
    target_only_monthly_usd: float = 0.0  # items with no source price


@dataclass
class CatalogDate:
    name: str
    source: str
    price_date: str


@dataclass
class CostEstimate:
    source_monthly_usd: float  # every item with a source price (comparable or not)
    target_monthly_usd: float  # every item with a target price (comparable or not)
    egress_one_time_usd: float
    comparable_source_monthly_usd: float  # items priced on both sides: the before of before -> after
    comparable_target_monthly_usd: float  # the same items on the target: the after
    source_only_monthly_usd: float  # items priced on the source only (left out of the comparison)
    target_only_monthly_usd: float  # items priced on the target only (left out of the comparison)
    comparable_items: list[str]
    priced_source_only: list[str]
    priced_target_only: list[str]
    priced_on_neither: list[str]
    by_category: list[CategoryCost]  # like for like, plus the one-side amounts apart
    items: list[ItemCostLine]
    egress: list[RegionEgress]
    catalogs: list[CatalogDate]
    unpriced_source: list[str]  # no source list price (priced on the target only, or on neither side)
    unpriced_target: list[str]  # no target list price (priced on the source only, or on neither side)
    notes: list[str]


def tiered_charge(gigabytes: float, tiers: list[tuple[float, float]]) -> tuple[float, list[TierCharge], bool]:
    """Price `gigabytes` sent in one month through cumulative tiers [(upto_gb, usd_per_gb)].

    Returns (usd, per-tier charges, extrapolated): beyond the last bound the last
    rate applies and `extrapolated` is True (the snapshot lacks that tier).
    """
    charges: list[TierCharge] = []
    lower = 0.0
    remaining = gigabytes
    for upto, price in tiers:
        if remaining <= 0:
            break
        width = upto - lower if math.isfinite(upto) else remaining
        in_tier = min(remaining, width)
        charges.append(TierCharge(upto if math.isfinite(upto) else None, price, in_tier, in_tier * price))
        remaining -= in_tier
        lower = upto
    extrapolated = remaining > 0 and bool(tiers)
    if extrapolated:
        price = tiers[-1][1]
        charges.append(TierCharge(None, price, remaining, remaining * price))
    return sum(charge.usd for charge in charges), charges, extrapolated


def _egress_tiers(region: str) -> list[tuple[float, float]]:
    return registry.source_catalog().egress_tiers(region)  # type: ignore[no-any-return]


def _region_egress(region: str, data_bytes: int, fallback_region: str, free_bytes: float = 0.0) -> RegionEgress:
    """The region's one-time egress bill; `free_bytes` of it fall in AWS's free monthly allowance."""
    notes: list[str] = []
    tiers = _egress_tiers(region)
    priced_as = region
    if not tiers:
        priced_as = fallback_region
        tiers = _egress_tiers(fallback_region)
        notes.append(f"no egress tiers for {region!r} in the catalog: priced with {fallback_region} tiers")
    usd, charges, extrapolated = tiered_charge(data_bytes / BYTES_PER_GB, tiers)
    free = min(float(data_bytes), free_bytes, tiers[0][0] * BYTES_PER_GB) if tiers else 0.0
    if free:  # AWS's pricing carves the free GB out of the first tier ("up to 100 GB / month: $0.00")
        usd = max(0.0, usd - free / BYTES_PER_GB * tiers[0][1])
        notes.append(f"{region}: the first {free / BYTES_PER_GB:,.0f} GB are free (AWS's monthly allowance)")
    if extrapolated:
        notes.append(
            f"{priced_as}: beyond {tiers[-1][0]:,.0f} GB/month the catalog has no tier; the last rate "
            f"(${tiers[-1][1]:g}/GB) is applied"
        )
    return RegionEgress(region, priced_as, data_bytes, usd, charges, notes)


def _credited(entry: RegionEgress) -> RegionEgress:
    """The bill AWS's exit credit pays back (egress.exit_credit): nothing, once approved."""
    note = (f"{entry.region}: ${entry.usd:,.2f} of egress credited by AWS's exit programme (egress.exit_credit: "
            "needs the account team's approval and a move within 60 days)")
    return RegionEgress(entry.region, entry.priced_as, entry.data_bytes, 0.0, entry.tiers, [*entry.notes, note])


def moving_items(plan: Plan) -> list[PlanItem]:
    """Items whose bytes leave the source: data-carrying and not skipped."""
    return [item for item in plan.items if item.data_bytes > 0 and item.status != "skipped"]


def estimate_cost(plan: Plan, assumptions: Assumptions) -> CostEstimate:
    category_of: dict[str, str] = assumptions["cost.category_by_kind"]
    bytes_by_region: dict[str, int] = defaultdict(int)
    moving = moving_items(plan)
    for item in moving:
        bytes_by_region[item.source.region] += item.data_bytes
    largest = max(bytes_by_region, key=lambda region: (bytes_by_region[region], region), default=None)
    free_bytes = float(assumptions["egress.free_gb_per_month"]) * BYTES_PER_GB
    egress = [
        _region_egress(region, total, assumptions["egress.fallback_region"], free_bytes if region == largest else 0.0)
        for region, total in sorted(bytes_by_region.items())
    ]
    if assumptions["egress.exit_credit"]:
        egress = [_credited(entry) for entry in egress]
    region_bill = {entry.region: entry for entry in egress}
    lines: list[ItemCostLine] = []
    moving_ids = {item.id for item in moving}
    for item in plan.items:
        bill = region_bill.get(item.source.region)
        share = bill.usd * item.data_bytes / bill.data_bytes if bill and item.id in moving_ids else 0.0
        lines.append(
            ItemCostLine(
                item_id=item.id,
                kind=item.kind,
                category=category_of.get(item.kind, "other"),
                region=item.source.region,
                source_monthly_usd=item.cost.source_monthly_usd,
                target_monthly_usd=item.cost.target_monthly_usd,
                data_bytes=item.data_bytes if item.id in moving_ids else 0,
                egress_usd=share,
                priced_on=priced_on(item.cost.source_monthly_usd, item.cost.target_monthly_usd),
                basis=list(item.cost.basis),
            )
        )
    notes: list[str] = [note for entry in egress for note in entry.notes]
    if plan.target.provider in FREE_INGRESS:
        notes.append(FREE_INGRESS[plan.target.provider])
    if plan.target.provider == "aws":
        notes.append(
            "target is AWS: the move is priced as internet egress, an upper bound "
            "(copies between AWS accounts are billed at inter- or intra-region rates)"
        )
    catalogs = [CatalogDate(ref.name, ref.source, ref.price_date) for ref in plan.target.catalogs]
    if not any("data transfer" in catalog.name.lower() for catalog in catalogs):
        catalogs.append(CatalogDate("AWS internet egress tiers", EGRESS_SOURCE, "2024-09-25"))
    return CostEstimate(
        source_monthly_usd=sum(line.source_monthly_usd or 0.0 for line in lines),
        target_monthly_usd=sum(line.target_monthly_usd or 0.0 for line in lines),
        egress_one_time_usd=sum(entry.usd for entry in egress),
        comparable_source_monthly_usd=_sum(lines, PRICED_ON_BOTH, "source_monthly_usd"),
        comparable_target_monthly_usd=_sum(lines, PRICED_ON_BOTH, "target_monthly_usd"),
        source_only_monthly_usd=_sum(lines, PRICED_SOURCE_ONLY, "source_monthly_usd"),
        target_only_monthly_usd=_sum(lines, PRICED_TARGET_ONLY, "target_monthly_usd"),
        comparable_items=_ids(lines, PRICED_ON_BOTH),
        priced_source_only=_ids(lines, PRICED_SOURCE_ONLY),
        priced_target_only=_ids(lines, PRICED_TARGET_ONLY),
        priced_on_neither=_ids(lines, PRICED_ON_NEITHER),
        by_category=_by_category(lines),
        items=lines,
        egress=egress,
        catalogs=catalogs,
        unpriced_source=[line.item_id for line in lines if line.source_monthly_usd is None],
        unpriced_target=[line.item_id for line in lines if line.target_monthly_usd is None],
        notes=notes,
    )


def priced_on(source_usd: float | None, target_usd: float | None) -> str:
    """Which sides have a list price. $0 is a price: free by nature is priced, not unpriced."""
    return {
        (True, True): PRICED_ON_BOTH,
        (True, False): PRICED_SOURCE_ONLY,
        (False, True): PRICED_TARGET_ONLY,
        (False, False): PRICED_ON_NEITHER,
    }[(source_usd is not None, target_usd is not None)]


def _ids(lines: list[ItemCostLine], basis: str) -> list[str]:
    return [line.item_id for line in lines if line.priced_on == basis]


def _sum(lines: list[ItemCostLine], basis: str, side: str) -> float:
    return sum(getattr(line, side) or 0.0 for line in lines if line.priced_on == basis)


def _by_category(lines: list[ItemCostLine]) -> list[CategoryCost]:
    totals = {category: CategoryCost(category, 0.0, 0.0) for category in CATEGORIES}
    for line in lines:
        entry = totals[line.category]
        if line.priced_on == PRICED_ON_BOTH:
            entry.source_monthly_usd += line.source_monthly_usd or 0.0
            entry.target_monthly_usd += line.target_monthly_usd or 0.0
        elif line.priced_on == PRICED_SOURCE_ONLY:
            entry.source_only_monthly_usd += line.source_monthly_usd or 0.0
        elif line.priced_on == PRICED_TARGET_ONLY:
            entry.target_only_monthly_usd += line.target_monthly_usd or 0.0
    return list(totals.values())
