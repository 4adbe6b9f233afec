"""The figures every format leads with, worded once for all of them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from planner.estimation import Estimate
from planner.estimation.assumptions import Assumption
from planner.estimation.deadline import DeadlineEstimate
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
    spread: str = ""  # "P10–P90 1.5 h – 5.2 h", when the estimate has ranges
    drivers: str = ""  # "link.stream_max_bps, downtime.write_fraction_per_day, link.streams"


def headline(estimate: Estimate) -> list[Figure]:
    return [_with_inventory_errors(_with_range(figure, estimate), estimate) for figure in _figures(estimate)]


def _with_inventory_errors(figure: Figure, estimate: Estimate) -> Figure:
    """A figure the inventory's errors can make low says so in its detail."""
    errors = estimate.inventory_errors
    if figure.key not in errors.incomplete_figures:
        return figure
    noun = "error" if errors.count == 1 else "errors"
    detail = f"{figure.detail}. May be low: the inventory had {errors.count:,} {noun}"
    return dataclasses.replace(figure, detail=detail)


# Headline figure key -> how its values read (the range's ends are worded like the figure itself).
FIGURE_FORMATS = {
    "monthly-cost": lambda value: _dollars(value),
    "egress": lambda value: _dollars(value),
    "downtime": format_hours,
    "calendar": lambda value: f"{value:.1f} weeks",
    "at-risk": lambda value: format_bytes(int(value)),
}


def _with_range(figure: Figure, estimate: Estimate) -> Figure:
    ranges = estimate.ranges
    found = ranges.figures.get(figure.key) if ranges else None
    if found is None:
        return figure
    show = FIGURE_FORMATS[figure.key]
    if found.p10 == found.p90:
        spread = f"P10–P90 {show(found.p10)}, which no ranged assumption moves"
    else:
        spread = f"P10–P90 {show(found.p10)} – {show(found.p90)}"
    drivers = ", ".join(driver.assumption for driver in found.drivers)
    return Figure(figure.key, figure.label, figure.value, figure.detail, figure.alert, spread, drivers)


def ranges_note(estimate: Estimate) -> str:
    ranges = estimate.ranges
    if ranges is None:
        return ""
    return (f"Ranges: {ranges.samples} draws (seed {ranges.seed}) of {len(ranges.ranged)} ranged assumptions, "
            f"triangular around each default; {len(ranges.fixed)} assumptions are fixed (choices and published "
            "figures, each says why in the assumptions file). Monthly cost and egress rest on list prices: no ranged "
            "assumption moves them.")


def _figures(estimate: Estimate) -> list[Figure]:
    cost, effort, downtime = estimate.cost, estimate.effort, estimate.downtime
    return [
        Figure(
            "monthly-cost",
            "Run cost per month",
            f"{_dollars(cost.comparable_source_monthly_usd)} → {_dollars(cost.comparable_target_monthly_usd)}",
            _cost_detail(estimate),
        ),
        Figure("egress", "One-time egress", _dollars(cost.egress_one_time_usd), _egress_detail(estimate)),
        Figure("downtime", "Downtime at cutover", format_hours(downtime.hours), _downtime_detail(estimate)),
        Figure(
            "calendar",
            "Calendar time",
            f"{effort.calendar_weeks_p50:.1f}–{effort.calendar_weeks_p90:.1f} weeks",
            f"P50–P90 for a team of {effort.team}: {effort.p50:,.0f}–{effort.p90:,.0f} person-hours in "
            f"{len(effort.waves)} waves, {_assumption(estimate, 'calendar.focus_hours_per_day'):g} focus hours a day, "
            f"{_assumption(estimate, 'calendar.days_per_week'):g} days a week",
        ),
        _deadline_figure(estimate),
    ]


def source_title(estimate: Estimate) -> str:
    """The account, or the organization ('organization of 123456789012, 3 accounts')."""
    accounts = estimate.plan.accounts
    if len(accounts) > 1:
        return f"organization of {estimate.plan.account_id}, {len(accounts)} accounts"
    return estimate.plan.account_id


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


LARGEST_NAMED = 2  # kinds named next to each left-out group, largest first


def _largest_kinds(estimate: Estimate, item_ids: list[str], weight: str) -> str:
    """'2 cdn, 1 queue': the kinds of the items, by their summed `weight` (a cost field, or bytes), largest first."""
    wanted = set(item_ids)
    totals: dict[str, list[float]] = {}
    for line in estimate.cost.items:
        if line.item_id in wanted:
            entry = totals.setdefault(line.kind, [0, 0.0])
            entry[0] += 1
            entry[1] += float(getattr(line, weight) or 0.0)
    ranked = sorted(totals.items(), key=lambda pair: (-pair[1][1], -pair[1][0], pair[0]))[:LARGEST_NAMED]
    more = " ..." if len(totals) > LARGEST_NAMED else ""
    return ", ".join(f"{int(count)} {kind}" for kind, (count, _) in ranked) + more


def cost_left_out(estimate: Estimate) -> list[str]:
    """What the like-for-like totals leave out, one phrase per group, each naming its largest kinds."""
    cost, target = estimate.cost, estimate.plan.target_provider.upper()
    phrases = []
    if cost.priced_target_only:
        phrases.append(
            f"{_count(len(cost.priced_target_only), 'item')} priced only on the target ({target}): "
            f"+{_dollars(cost.target_only_monthly_usd)}/month "
            f"({_largest_kinds(estimate, cost.priced_target_only, 'target_monthly_usd')}), no AWS list price in the catalog"
        )
    if cost.priced_source_only:
        phrases.append(
            f"{len(cost.priced_source_only)} only on the source (AWS): {_dollars(cost.source_only_monthly_usd)}/month "
            f"({_largest_kinds(estimate, cost.priced_source_only, 'source_monthly_usd')}), no {target} list price"
        )
    if cost.priced_on_neither:
        phrases.append(f"{len(cost.priced_on_neither)} on neither side (usage-based or not in the catalogs: "
                       f"{_largest_kinds(estimate, cost.priced_on_neither, 'data_bytes')})")
    return phrases


def _cost_detail(estimate: Estimate) -> str:
    cost = estimate.cost
    detail = f"like for like: {_count(len(cost.comparable_items), 'item')} priced on both sides"
    left_out = cost_left_out(estimate)
    return detail + (f". Left out: {'; '.join(left_out)}" if left_out else "")


def _egress_detail(estimate: Estimate) -> str:
    detail = f"{format_bytes(estimate.data_bytes)} leaving AWS once, at AWS's internet egress tiers"
    if estimate.plan.target_provider == "aws":
        detail += "; an upper bound, copies between AWS accounts are billed at lower transfer rates"
    unknown = unknown_sizes_phrase(estimate)
    return detail + (f". {unknown}" if unknown else "")


def unknown_sizes_phrase(estimate: Estimate) -> str:
    """What the data figures could not know: '12 stores of unknown size (8 storage.object, ...) ...'."""
    unknown = estimate.unknown_sizes
    if unknown is None:
        return ""
    kinds = ", ".join(f"{count} {kind}" for kind, count in list(unknown.kinds.items())[:LARGEST_NAMED])
    more = " ..." if len(unknown.kinds) > LARGEST_NAMED else ""
    source = {"cloudformation": "CloudFormation templates", "terraform": "Terraform state"}.get(
        unknown.inventory_kind, "the scan")
    counted = "left out" if unknown.gib_each == 0 else f"counted at {unknown.gib_each:g} GiB each"
    return (f"Size unknown: {_count(unknown.count, 'store')} ({kinds}{more}) whose size {source} do not give, "
            f"{counted} (assumption data.unknown_store_gib)")


def _downtime_detail(estimate: Estimate) -> str:
    downtime = estimate.downtime
    if downtime.hours == 0:
        return "nothing to cut over"
    dns_wait = downtime.components.get("DNS TTL", 0.0)
    if downtime.dominant == "DNS TTL" and downtime.dns_record and downtime.hours_with_lowered_ttl < downtime.hours:
        lowered = _assumption(estimate, "dns.lowered_ttl_seconds")
        return (
            f"{format_hours(dns_wait)} of it is waiting out the {downtime.dns_record_ttl_seconds:,.0f} s TTL of "
            f"{downtime.dns_record_name or downtime.dns_record}: lower that TTL to {lowered:g} s at least "
            f"{format_hours(dns_wait)} before the cutover and downtime drops to {format_hours(downtime.hours_with_lowered_ttl)}"
        )
    return f"mostly {downtime.dominant} ({format_hours(downtime.components[downtime.dominant])})"


def _assumption(estimate: Estimate, name: str) -> Any:
    return next(entry.value for entry in estimate.assumptions if entry.name == name)


def _dollars(amount: float) -> str:
    """Whole dollars for headline figures (cents are in the detail tables)."""
    return f"${amount:,.0f}" if amount >= 100 else format_usd(amount)


def _deadline_figure(estimate: Estimate) -> Figure:
    deadline = estimate.deadline
    dns = dns_moves_sentence(estimate)
    late = estimate.dns_moves.short_by_hours > 0
    if deadline is None:
        return Figure("at-risk", "Data at risk", "no deadline given", "run with --deadline 30h" + (f". {dns}" if dns else ""))
    cutoff = format_hours(deadline.deadline_hours)
    if not deadline.items_lost:
        detail = f"all {format_bytes(deadline.total_bytes)} out of AWS by the {cutoff} cut-off"
        return Figure("at-risk", "Data at risk", "none", detail + (f". {dns}" if dns else ""), alert=late)
    need = format_bandwidth(deadline.required_bps) if deadline.required_bps else "no bandwidth (no time left)"
    detail = f"not out of AWS by the {cutoff} cut-off: {lost_stores(deadline)}; to lose nothing: {need}"
    return Figure("at-risk", "Data at risk", format_bytes(deadline.bytes_lost), detail + (f". {dns}" if dns else ""),
                  alert=True)


def dns_moves_sentence(estimate: Estimate) -> str:
    """The DNS steps to start before the deadline: the delegation of the public zones, registrar transfers."""
    moves = estimate.dns_moves
    parts = []
    if moves.zones:
        verb = "changes its" if len(moves.zones) == 1 else "change their"
        parts.append(f"{_count(len(moves.zones), 'public zone')} {verb} name servers at the parent: resolvers follow "
                     f"within its NS TTL ({format_hours(moves.delegation_hours)}), while the Route 53 zone must still answer")
    if moves.domains:
        usual, longest = moves.transfer_days
        parts.append(f"{_count(len(moves.domains), 'domain')} registered with Route 53 Domains must transfer to another "
                     f"registrar ({usual:g}–{longest:g} days)")
    if not parts:
        return ""
    start = f"start at least {format_hours(moves.lead_hours)} before the account closes"
    if moves.short_by_hours > 0:
        start += f": the deadline is {format_hours(moves.short_by_hours)} too short, start these first"
    return "DNS: " + "; ".join(parts) + "; " + start


def lost_stores(deadline: DeadlineEstimate, shown: int = 3) -> str:
    """Which stores the lost bytes belong to, biggest loss first, worded for a reader in a hurry."""
    lost = sorted((step for step in deadline.steps if not step.complete), key=lambda step: step.bytes_out - step.data_bytes)
    if len(lost) == 1:
        step = lost[0]
        others = {0: "", 1: "; the other store is out"}.get(len(deadline.steps) - 1, f"; the other {len(deadline.steps) - 1} stores are out")
        if step.bytes_out > 0:
            return f"the last {format_bytes(step.data_bytes - step.bytes_out)} of {step.item_id} ({format_bytes(step.data_bytes)} in all)" + others
        return f"{step.item_id} ({format_bytes(step.data_bytes)})" + others
    named = ", ".join(f"{step.item_id} ({format_bytes(step.data_bytes - step.bytes_out)})" for step in lost[:shown])
    more = f" and {len(lost) - shown} more" if len(lost) > shown else ""
    return f"{len(lost)} of {len(deadline.steps)} stores not fully out: {named}{more}"


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
    return float(_assumption(estimate, "calendar.focus_hours_per_day"))
