"""The figures every format leads with, worded once for all of them."""

from __future__ import annotations

from dataclasses import dataclass

from planner.estimation import Estimate
from planner.estimation.assumptions import Assumption
from planner.estimation.units import format_bandwidth, format_bytes, format_hours, format_usd

WAVE_TITLES = {
    "network": "Network & identity",
    "data": "Data",
    "compute": "Compute",
    "load_balancing": "Load balancing",
    "dns": "DNS cutover",
}


@dataclass(frozen=True)
class Figure:
    key: str  # stable id, used by the HTML page and its test
    label: str
    value: str
    detail: str
    alert: bool = False


def headline(estimate: Estimate) -> list[Figure]:
    cost, effort, downtime = estimate.cost, estimate.effort, estimate.downtime
    unpriced = [f"{len(ids)} {side}" for side, ids in (("source", cost.unpriced_source), ("target", cost.unpriced_target)) if ids]
    return [
        Figure(
            "monthly-cost",
            "Run cost per month",
            f"{_dollars(cost.source_monthly_usd)} → {_dollars(cost.target_monthly_usd)}",
            f"{estimate.plan.target_provider.upper()} list prices"
            + (f"; items without a price: {', '.join(unpriced)}" if unpriced else ""),
        ),
        Figure(
            "egress",
            "One-time egress",
            _dollars(cost.egress_one_time_usd),
            f"{format_bytes(estimate.data_bytes)} out of AWS, tiered",
        ),
        Figure(
            "downtime",
            "Downtime at cutover",
            format_hours(downtime.hours),
            _downtime_detail(estimate),
        ),
        Figure(
            "calendar",
            "Calendar time",
            f"{effort.calendar_weeks_p50:.1f}–{effort.calendar_weeks_p90:.1f} weeks",
            f"team of {effort.team}; {effort.p50:,.0f}–{effort.p90:,.0f} person-hours (P50–P90)",
        ),
        _deadline_figure(estimate),
    ]


def _downtime_detail(estimate: Estimate) -> str:
    downtime = estimate.downtime
    detail = f"mostly {downtime.dominant}"
    if downtime.dominant == "DNS TTL" and downtime.dns_record:
        detail += "; lower TTLs ahead of the cutover"
    return detail


def _dollars(amount: float) -> str:
    """Whole dollars for headline figures (cents are in the detail tables)."""
    return f"${amount:,.0f}" if amount >= 100 else format_usd(amount)


def _deadline_figure(estimate: Estimate) -> Figure:
    deadline = estimate.deadline
    if deadline is None:
        return Figure("at-risk", "Data at risk", "no deadline given", "run with --deadline 30h")
    lost_items = len(deadline.items_lost)
    detail = f"by the {format_hours(deadline.deadline_hours)} cut-off"
    if lost_items:
        need = format_bandwidth(deadline.required_bps) if deadline.required_bps else "no bandwidth (no time left)"
        detail += f"; {lost_items} of {len(deadline.steps)} stores incomplete; lose nothing with {need}"
    return Figure("at-risk", "Data at risk", format_bytes(deadline.bytes_lost), detail, alert=deadline.bytes_lost > 0)


def some_ids(ids: list[str], shown: int = 4) -> str:
    """A few ids, then how many more: long lists do not belong in a summary line."""
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


def format_value(entry: Assumption) -> str:
    value = entry.value
    if isinstance(value, dict):
        if not value:
            return "(none)"
        return ", ".join(f"{key}: {_short(item)}" for key, item in value.items())
    return _short(value)


def _short(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_short(item) for item in value) + "]"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10**4:
        return f"{value:,}"
    return str(value)


def downtime_sentence(estimate: Estimate) -> str:
    downtime = estimate.downtime
    parts = ", ".join(f"{name} {format_hours(hours)}" for name, hours in downtime.components.items() if hours > 0)
    return f"{format_hours(downtime.hours)} = {parts or 'nothing to cut over'}"


def effort_sentence(estimate: Estimate) -> str:
    effort = estimate.effort
    return (
        f"{len(effort.units)} units of work from {len(effort.items)} items in {len(effort.waves)} waves; "
        f"team of {effort.team}, {estimate_hours_per_day(estimate):g} focus hours a day"
    )


def estimate_hours_per_day(estimate: Estimate) -> float:
    return next(entry.value for entry in estimate.assumptions if entry.name == "calendar.focus_hours_per_day")
