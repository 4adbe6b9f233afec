"""Markdown: short enough for a pull-request comment (GitHub's limit is 65,536 characters;
this aims at a few thousand): headline, cost by category, top items, the assumption
overrides, then the rest folded in a <details> block.
"""

from __future__ import annotations

import re

from planner.estimation import Estimate
from planner.estimation.assumptions import Assumption
from planner.estimation.cost import ItemCostLine
from planner.estimation.units import format_bandwidth, format_bytes, format_hours, format_usd
from planner.reports.headline import (
    WAVE_TITLES,
    downtime_sentence,
    headline,
    lost_stores,
    source_title,
)

TOP_ITEMS = 5
ASSUMPTIONS_FILE = "planner/data/assumptions.yaml"
CATALOG_DESCRIPTION = re.compile(r" \([^)]*\)")


def render_markdown(estimate: Estimate) -> str:
    lines = [
        f"### Migration estimate: AWS {source_title(estimate)} → {estimate.plan.target_provider.upper()}",
        "",
        "| Figure | Value | What it means |",
        "|---|---|---|",
        *[f"| {figure.label} | **{_cell(figure.value)}** | {_cell(figure.detail)} |" for figure in headline(estimate)],
        "",
        *_inventory_errors(estimate),
        *_ranges(estimate),
        *_regions(estimate),
        *_cost(estimate),
        *_top_items(estimate),
        *_overrides(estimate),
        "<details><summary>Downtime, waves, egress, deadline, price dates</summary>",
        "",
        f"**Downtime** {downtime_sentence(estimate)}.",
        "",
        *_waves(estimate),
        *_egress(estimate),
        *_deadline(estimate),
        "</details>",
    ]
    return "\n".join(lines) + "\n"


def top_items(estimate: Estimate, count: int) -> list[ItemCostLine]:
    """The items that weigh most: monthly cost on either side, or their share of the egress bill."""
    def weight(line: ItemCostLine) -> float:
        return max(line.source_monthly_usd or 0.0, line.target_monthly_usd or 0.0) + line.egress_usd

    return sorted((line for line in estimate.cost.items if weight(line) > 0), key=weight, reverse=True)[:count]


def _inventory_errors(estimate: Estimate) -> list[str]:
    summary = estimate.inventory_errors.summary
    return [f"> **Incomplete inventory**: {summary}.", ""] if summary else []


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _usd(amount: float | None) -> str:
    return "–" if amount is None else format_usd(amount)


def _ranges(estimate: Estimate) -> list[str]:
    """P10-P90 of each figure and the assumptions that move it most, one line each."""
    figures = [figure for figure in headline(estimate) if figure.spread]
    if not figures:
        return []
    lines = [f"**Ranges**, P10–P90 ({estimate.ranges.samples} seeded draws over the assumptions' ranges):"
             if estimate.ranges else ""]
    for figure in figures:
        moved = f"; moved most by {', '.join(f'`{name}`' for name in figure.drivers.split(', '))}" if figure.drivers else ""
        label = f"{figure.label} (P50)" if figure.key == "calendar" else figure.label
        lines.append(f"- {label}: {figure.spread.removeprefix('P10–P90 ')}{moved}")
    return [*lines, ""]


def _regions(estimate: Estimate) -> list[str]:
    """Where each source region goes, and every move to another country or jurisdiction (data residency)."""
    moves = ", ".join(f"{source} → {target}" for source, target in estimate.plan.region_map.items() if source != "global")
    lines = [f"**Regions** {moves}." if moves else ""]
    lines += [f"- **Data residency:** {_cell(note.removeprefix('data residency: '))}" for note in estimate.plan.region_notes]
    return [*[line for line in lines if line], ""] if moves or estimate.plan.region_notes else []


def _cost(estimate: Estimate) -> list[str]:
    cost, target = estimate.cost, estimate.plan.target_provider.upper()
    rows = [
        f"| {line.category} | {format_usd(line.source_monthly_usd)} | {format_usd(line.target_monthly_usd)} |"
        for line in cost.by_category
        if line.source_monthly_usd or line.target_monthly_usd
    ]
    total = (
        f"| **like for like** | **{format_usd(cost.comparable_source_monthly_usd)}** "
        f"| **{format_usd(cost.comparable_target_monthly_usd)}** |"
    )
    lines = [
        "**Monthly run cost by category** (items priced on both sides; what is left out is named in the headline)",
        "",
        f"| Category | AWS today | {target} after |",
        "|---|---:|---:|",
        *rows,
        total,
        "",
    ]
    return lines


def _top_items(estimate: Estimate) -> list[str]:
    top = top_items(estimate, TOP_ITEMS)
    if not top:
        return []
    rows = [
        f"| {line.item_id} | {line.kind} | {_usd(line.source_monthly_usd)} | {_usd(line.target_monthly_usd)} "
        f"| {format_usd(line.egress_usd) if line.egress_usd else ''} |"
        for line in top
    ]
    header = ["| Item | Kind | Today /month | After /month | Egress once |", "|---|---|---:|---:|---:|"]
    return [f"**Top {len(top)} items** (– = no list price)", "", *header, *rows, ""]


def _overrides(estimate: Estimate) -> list[str]:
    changed = [entry for entry in estimate.assumptions if entry.overridden]
    inputs = estimate.inputs
    summary = (
        f"**Assumptions**: {len(changed)} of {len(estimate.assumptions)} overridden; bandwidth "
        f"{format_bandwidth(inputs.bandwidth_bps)}, team {inputs.team}. The full list with units and reasons: "
        f"`{ASSUMPTIONS_FILE}` and the HTML summary (`--format html`)."
    )
    overrides = [f"- `{entry.name}` *: {_cell(_changed_value(entry))}" for entry in changed]
    return [summary, "", *overrides, *([""] if overrides else [])]


def _changed_value(entry: Assumption) -> str:
    """The override, and what it replaced; for a map only the keys that differ."""
    if isinstance(entry.value, dict) and isinstance(entry.default, dict):
        keys = [key for key, value in entry.value.items() if entry.default.get(key) != value]
        return ", ".join(f"{key}: {entry.value[key]} (default {entry.default.get(key, 'none')})" for key in keys)
    return f"{entry.value} (default {entry.default})"


def _waves(estimate: Estimate) -> list[str]:
    rows = [
        f"| {WAVE_TITLES[wave.name]} | {len(wave.item_ids)} | {wave.person_hours_p50:,.1f} – {wave.person_hours_p90:,.1f} "
        f"| {wave.start_day_p50:.1f} – {wave.end_day_p50:.1f} |"
        for wave in estimate.effort.waves
    ]
    header = ["| Wave | Items | Person-hours P50 – P90 | Working days (P50) |", "|---|---:|---:|---:|"]
    return ["**Waves**", "", *header, *rows, ""] if rows else []


def _catalog_files(name: str) -> str:
    """The catalog's file names without their descriptions (the HTML summary carries those)."""
    return CATALOG_DESCRIPTION.sub("", name)


def _egress(estimate: Estimate) -> list[str]:
    cost = estimate.cost
    egress = "; ".join(f"{entry.region} {format_bytes(entry.data_bytes)} {format_usd(entry.usd)}" for entry in cost.egress)
    dates = "; ".join(f"{_catalog_files(catalog.name)} ({catalog.price_date})" for catalog in cost.catalogs)
    lines = [f"**Egress** {egress}.", ""] if egress else []
    lines += [f"Price dates: {dates}.", ""]
    return lines + [f"> {note}" for note in cost.notes] + ([""] if cost.notes else [])


def _deadline(estimate: Estimate) -> list[str]:
    deadline = estimate.deadline
    if deadline is None:
        return []
    line = (
        f"**Deadline {format_hours(deadline.deadline_hours)}** ({deadline.outcome}): "
        f"{format_bytes(deadline.bytes_out)} of {format_bytes(deadline.total_bytes)} out, "
        f"{len(deadline.items_out)} of {len(deadline.steps)} stores complete"
    )
    if deadline.items_lost:
        need = format_bandwidth(deadline.required_bps) if deadline.required_bps else "impossible (no time left)"
        line += f"; at risk: {lost_stores(deadline)}; to lose nothing: {need}"
    return [line + ".", ""]
