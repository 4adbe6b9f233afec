"""Markdown: concise enough for a pull-request comment, details folded away."""

from __future__ import annotations

from planner.estimation import Estimate
from planner.estimation.units import format_bandwidth, format_bytes, format_hours, format_usd
from planner.reports.headline import WAVE_TITLES, downtime_sentence, format_value, headline, some_ids


def render_markdown(estimate: Estimate) -> str:
    lines = [
        f"### Migration estimate: AWS {estimate.plan.account_id} → {estimate.plan.target_provider.upper()}",
        "",
        "| | |",
        "|---|---|",
        *[f"| {figure.label} | **{_cell(figure.value)}** ({_cell(figure.detail)}) |" for figure in headline(estimate)],
        "",
        f"**Downtime** {downtime_sentence(estimate)}.",
        "",
        *_waves(estimate),
        *_cost(estimate),
        *_deadline(estimate),
        *_assumptions(estimate),
    ]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _waves(estimate: Estimate) -> list[str]:
    rows = [
        f"| {WAVE_TITLES[wave.name]} | {len(wave.item_ids)} | {wave.person_hours_p50:,.1f} – {wave.person_hours_p90:,.1f} "
        f"| {wave.start_day_p50:.1f} – {wave.end_day_p50:.1f} |"
        for wave in estimate.effort.waves
    ]
    header = ["| Wave | Items | Person-hours P50 – P90 | Working days (P50) |", "|---|---:|---:|---:|"]
    return ["**Waves**", "", *header, *rows, ""] if rows else []


def _cost(estimate: Estimate) -> list[str]:
    cost = estimate.cost
    rows = [
        f"| {line.category} | {format_usd(line.source_monthly_usd)} | {format_usd(line.target_monthly_usd)} |"
        for line in cost.by_category
        if line.source_monthly_usd or line.target_monthly_usd
    ]
    egress = "; ".join(f"{entry.region} {format_bytes(entry.data_bytes)} {format_usd(entry.usd)}" for entry in cost.egress)
    dates = "; ".join(f"{catalog.name} ({catalog.price_date})" for catalog in cost.catalogs)
    lines = ["**Monthly cost by category**", "", "| Category | Source | Target |", "|---|---:|---:|", *rows, ""]
    if egress:
        lines += [f"**Egress** {egress}.", ""]
    lines += [f"Price dates: {dates}.", ""]
    lines += [f"> {note}" for note in cost.notes] + ([""] if cost.notes else [])
    return lines


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
        line += f"; at risk: {some_ids(deadline.items_lost, 8)}; to lose nothing: {need}"
    return [line + ".", ""]


def _assumptions(estimate: Estimate) -> list[str]:
    changed = sum(entry.overridden for entry in estimate.assumptions)
    inputs = estimate.inputs
    rows = [
        f"| `{entry.name}`{' *' if entry.overridden else ''} | {_cell(format_value(entry))} | {entry.unit} |"
        for entry in estimate.assumptions
    ]
    return [
        f"<details><summary>Assumptions ({len(rows)}, {changed} overridden; "
        f"bandwidth {format_bandwidth(inputs.bandwidth_bps)}, team {inputs.team})</summary>",
        "",
        "| Name | Value | Unit |",
        "|---|---|---|",
        *rows,
        "",
        "</details>",
    ]
