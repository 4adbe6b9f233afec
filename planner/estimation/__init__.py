"""Estimates from a plan: cost, effort, downtime and the deadline evacuation.

    estimate = estimate_plan(plan, bandwidth_bps=10e9, team=4, deadline_hours=30)
    planner.reports.render(estimate, "html")

Every figure comes from a transparent model (see each module's docstring) and
the named assumptions in planner/data/assumptions.yaml, which the estimate
carries so every output can list them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner import __version__
from planner.core.errors import UsageError
from planner.core.model import Plan
from planner.core.model.plan import STATUSES
from planner.estimation.assumptions import Assumption, Assumptions, default_assumptions, resolve_assumptions
from planner.estimation.cost import CostEstimate, estimate_cost, moving_items
from planner.estimation.deadline import DeadlineEstimate, estimate_deadline
from planner.estimation.dns_moves import DnsMoves, estimate_dns_moves
from planner.estimation.downtime import DowntimeEstimate, check_cutover_overrides, estimate_downtime
from planner.estimation.effort import EffortEstimate, estimate_effort
from planner.estimation.ranges import Ranges, estimate_ranges
from planner.estimation.transfer import effective_bps
from planner.estimation.units import GIB, parse_bandwidth, parse_duration_hours
from planner.planning.inventory_errors import errors_phrase, figure_names, incomplete_figures

ESTIMATE_SCHEMA = "planner.estimate/1"
DEFAULT_BANDWIDTH_BPS = 10e9
DEFAULT_TEAM = 4
# What each monthly total of the JSON document sums (a $0 price is a price; None is no price).
COST_TOTALS_BASIS = {
    "source_monthly_usd": "every item with a source list price, comparable or not",
    "target_monthly_usd": "every item with a target list price, comparable or not",
    "comparable_source_monthly_usd": "items priced on both sides (comparable_items), source prices: the 'before'",
    "comparable_target_monthly_usd": "the same items, target prices: the 'after'",
    "source_only_monthly_usd": "items priced on the source only (priced_source_only), left out of before -> after",
    "target_only_monthly_usd": "items priced on the target only (priced_target_only), left out of before -> after",
}

__all__ = [
    "Assumptions",
    "Estimate",
    "default_assumptions",
    "estimate_plan",
    "parse_bandwidth",
    "parse_duration_hours",
]


@dataclass
class PlanSummary:
    target_provider: str
    account_id: str
    regions: list[str]
    item_count: int
    status_counts: dict[str, int]
    region_map: dict[str, str] = dataclasses.field(default_factory=dict)  # source region -> target region
    region_notes: list[str] = dataclasses.field(default_factory=list)  # moves to another country or jurisdiction
    accounts: list[str] = dataclasses.field(default_factory=list)  # every account of an organization inventory


@dataclass
class Inputs:
    bandwidth_bps: float
    effective_bps: float
    team: int
    deadline_hours: float | None


@dataclass
class UnknownSizes:
    """Stores whose size the inventory could not read, and the size the estimate counted each at."""

    count: int
    kinds: dict[str, int]  # kind -> stores
    gib_each: float
    inventory_kind: str  # api | cloudformation | terraform


@dataclass
class InventoryErrorsNote:
    """The inventory's failed calls and the figures they may make low (planner/planning/inventory_errors.py)."""

    count: int = 0
    groups: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # service, region, code, count
    incomplete_figures: list[str] = dataclasses.field(default_factory=list)  # headline figure keys
    summary: str = ""  # one line, '' without errors


@dataclass
class Estimate:
    plan: PlanSummary
    inputs: Inputs
    data_bytes: int
    cost: CostEstimate
    effort: EffortEstimate
    downtime: DowntimeEstimate
    deadline: DeadlineEstimate | None
    assumptions: list[Assumption]
    unknown_sizes: UnknownSizes | None = None
    dns_moves: DnsMoves = dataclasses.field(default_factory=DnsMoves)
    ranges: Ranges | None = None
    inventory_errors: InventoryErrorsNote = dataclasses.field(default_factory=InventoryErrorsNote)

    def to_document(self) -> dict[str, Any]:
        """The JSON document: DESIGN.md's contract fields first, then every detail."""
        detail = dataclasses.asdict(self)
        cost = detail.pop("cost")
        effort = detail.pop("effort")
        return {
            "schema": ESTIMATE_SCHEMA,
            "tool": {"name": "planner", "version": __version__},
            "effort_hours": {"p50": _round(self.effort.p50), "p90": _round(self.effort.p90)},
            "downtime_hours": _round(self.downtime.hours),
            "data_bytes": self.data_bytes,
            "cost": {
                "source_monthly_usd": _round(self.cost.source_monthly_usd),
                "target_monthly_usd": _round(self.cost.target_monthly_usd),
                "egress_one_time_usd": _round(self.cost.egress_one_time_usd),
                "totals_basis": COST_TOTALS_BASIS,
                **{key: _round(value) if key.endswith("_usd") else value for key, value in cost.items()},
            },
            "effort": {key: value for key, value in effort.items() if key not in ("p50", "p90")},
            **{key: value for key, value in detail.items() if key != "assumptions"},
            "assumptions": [
                {**dataclasses.asdict(entry), "overridden": entry.overridden} for entry in self.assumptions
            ],
        }


def _round(value: float) -> float:
    return round(value, 4)


def estimate_plan(
    plan: Plan,
    assumptions: Assumptions | Mapping[str, Any] | Path | None = None,
    bandwidth_bps: float = DEFAULT_BANDWIDTH_BPS,
    team: int = DEFAULT_TEAM,
    deadline_hours: float | None = None,
    *,
    ranges: bool = False,
) -> Estimate:
    """Estimate cost, effort, downtime (and the deadline evacuation, given one) of a plan.

    `assumptions`: None for the defaults, a mapping or a YAML/JSON file of overrides. `ranges`: also the P10-P90
    of each headline figure and its largest drivers (planner/estimation/ranges.py).
    """
    if bandwidth_bps <= 0:
        raise UsageError("bandwidth must be more than zero")
    if team < 1:
        raise UsageError("team must be at least 1 person")
    if deadline_hours is not None and deadline_hours <= 0:
        raise UsageError("deadline must be more than zero")
    resolved = resolve_assumptions(assumptions)
    check_cutover_overrides(plan, resolved)
    plan, unknown = _with_assumed_sizes(plan, float(resolved["data.unknown_store_gib"]))
    link_bps = effective_bps(bandwidth_bps, resolved)
    statuses = {status: sum(item.status == status for item in plan.items) for status in STATUSES}
    point = Estimate(
        plan=PlanSummary(
            target_provider=plan.target.provider,
            account_id=plan.inventory.account_id,
            regions=list(plan.inventory.regions),
            item_count=len(plan.items),
            status_counts=statuses,
            region_map=dict(plan.target.region_map),
            region_notes=list(plan.target.region_notes),
            accounts=list(plan.inventory.accounts),
        ),
        inputs=Inputs(bandwidth_bps, link_bps, team, deadline_hours),
        data_bytes=sum(item.data_bytes for item in moving_items(plan)),
        cost=estimate_cost(plan, resolved),
        effort=estimate_effort(plan, resolved, team),
        downtime=estimate_downtime(plan, resolved, link_bps),
        deadline=estimate_deadline(plan, resolved, deadline_hours, link_bps) if deadline_hours else None,
        assumptions=resolved.entries(),
        unknown_sizes=unknown,
        dns_moves=estimate_dns_moves(plan, resolved, deadline_hours),
        inventory_errors=inventory_errors_note(plan, with_deadline=deadline_hours is not None),
    )
    if not ranges:
        return point

    def rerun(varied: Assumptions) -> Estimate:
        """The figures that ranged assumptions move (effort, downtime, the deadline); the monthly and egress costs
        rest on list prices and on no ranged assumption, so they are the point estimate's."""
        link = effective_bps(bandwidth_bps, varied)
        return dataclasses.replace(
            point, effort=estimate_effort(plan, varied, team), downtime=estimate_downtime(plan, varied, link),
            deadline=estimate_deadline(plan, varied, deadline_hours, link) if deadline_hours else None)

    point.ranges = estimate_ranges(point, resolved, rerun, len(plan.items))
    return point


def inventory_errors_note(plan: Plan, *, with_deadline: bool) -> InventoryErrorsNote:
    """The inventory's errors and the figures they may make low (the data at risk only when there is a deadline)."""
    errors = plan.inventory.errors
    figures = [key for key in incomplete_figures(errors) if with_deadline or key != "at-risk"]
    return InventoryErrorsNote(errors.count, [group.model_dump() for group in errors.groups], figures,
                               errors_phrase(errors, figure_names(figures)))


def _with_assumed_sizes(plan: Plan, gib_each: float) -> tuple[Plan, UnknownSizes | None]:
    """The plan with each store of unknown size counted at `gib_each` GiB (data.unknown_store_gib)."""
    unknown = [item for item in plan.items if item.facts.get("size_unknown") and item.status != "skipped"]
    if not unknown:
        return plan, None
    assumed = int(gib_each * GIB)
    ids = {item.id for item in unknown}
    items = [item.model_copy(update={"data_bytes": assumed}) if item.id in ids else item for item in plan.items]
    kinds: dict[str, int] = {}
    for item in unknown:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    summary = UnknownSizes(len(unknown), dict(sorted(kinds.items(), key=lambda pair: (-pair[1], pair[0]))), gib_each,
                           plan.inventory.kind)
    return plan.model_copy(update={"items": items}), summary
