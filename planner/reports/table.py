"""Terminal tables (rich): headline, cost, egress, waves, cutover, deadline, assumptions."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from planner.estimation import Estimate
from planner.estimation.units import format_bandwidth, format_bytes, format_hours, format_usd
from planner.reports.headline import (
    WAVE_TITLES,
    cost_left_out,
    downtime_sentence,
    effort_sentence,
    format_value,
    headline,
    source_title,
)
from planner.reports.markdown import top_items

TOP_ITEMS = 10


def renderables(estimate: Estimate) -> Group:
    parts: list[RenderableType] = [
        _headline(estimate),
        _cost(estimate),
        _egress(estimate),
        _waves(estimate),
        _cutover(estimate),
    ]
    if estimate.deadline is not None:
        parts.append(_deadline(estimate))
    parts += [_assumptions(estimate), _catalogs(estimate)]
    return Group(*parts)


def render_table(estimate: Estimate, width: int = 120) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False).print(renderables(estimate))
    return buffer.getvalue()


def _headline(estimate: Estimate) -> Table:
    table = Table(title=f"Estimate: AWS {source_title(estimate)} → {estimate.plan.target_provider.upper()}")
    table.add_column("Figure")
    table.add_column("Value", style="bold")
    table.add_column("Detail")
    for figure in headline(estimate):
        spread = f"\n{figure.spread}" + (f"; moved most by {figure.drivers}" if figure.drivers else "") if figure.spread else ""
        table.add_row(figure.label, Text(figure.value, style="bold red" if figure.alert else "bold"), figure.detail + spread)
    table.caption = f"Downtime {downtime_sentence(estimate)}. Effort: {effort_sentence(estimate)}."
    if estimate.inventory_errors.summary:
        table.caption += f"\nIncomplete inventory: {estimate.inventory_errors.summary}."
    return table


def _cost(estimate: Estimate) -> Table:
    cost = estimate.cost
    table = Table(title="Monthly run cost (USD, list prices); categories and total: items priced on both sides")
    for name, justify in (("Category / item", "left"), ("Source", "right"), ("Target", "right"), ("Egress once", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for line in cost.by_category:
        table.add_row(line.category, format_usd(line.source_monthly_usd), format_usd(line.target_monthly_usd), "")
    table.add_row("like for like", format_usd(cost.comparable_source_monthly_usd), format_usd(cost.comparable_target_monthly_usd), "", style="bold")
    table.add_section()
    for line in top_items(estimate, TOP_ITEMS):
        table.add_row(
            f"  {line.item_id} ({line.kind})",
            _usd_or_dash(line.source_monthly_usd),
            _usd_or_dash(line.target_monthly_usd),
            format_usd(line.egress_usd) if line.egress_usd else "",
        )
    table.add_section()
    table.add_row(
        "every priced item, each side", format_usd(cost.source_monthly_usd), format_usd(cost.target_monthly_usd), format_usd(cost.egress_one_time_usd)
    )
    left_out = cost_left_out(estimate)
    if left_out:
        table.caption = "Left out of like for like: " + "; ".join(left_out) + ". - = no list price."
    return table


def _usd_or_dash(amount: float | None) -> str:
    return "-" if amount is None else format_usd(amount)


def _egress(estimate: Estimate) -> Table:
    table = Table(title="One-time internet egress out of AWS (monthly tiers per source region)")
    for name in ("Region", "Data", "Tier up to GB", "USD/GB", "GB", "USD"):
        table.add_column(name, justify="left" if name == "Region" else "right")
    for entry in estimate.cost.egress:
        for tier in entry.tiers:
            upto = f"{tier.upto_gb:,.0f}" if tier.upto_gb else "no limit"
            table.add_row(entry.region, format_bytes(entry.data_bytes), upto, f"{tier.usd_per_gb:g}", f"{tier.gb:,.1f}", format_usd(tier.usd))
    if estimate.cost.notes:
        table.caption = "; ".join(estimate.cost.notes)
    return table


def _waves(estimate: Estimate) -> Table:
    effort = estimate.effort
    table = Table(title=f"Waves (team of {effort.team}; parallel within a wave, one wave after another)")
    for name in ("Wave", "Items", "Units", "Person-h P50", "Person-h P90", "Days P50", "Days P90"):
        table.add_column(name, justify="left" if name == "Wave" else "right")
    for wave in effort.waves:
        table.add_row(
            WAVE_TITLES[wave.name],
            str(len(wave.item_ids)),
            str(wave.unit_count),
            f"{wave.person_hours_p50:,.1f}",
            f"{wave.person_hours_p90:,.1f}",
            f"{wave.start_day_p50:.1f}–{wave.end_day_p50:.1f}",
            f"{wave.start_day_p90:.1f}–{wave.end_day_p90:.1f}",
        )
    reasons = [f"{item.item_id}: {'; '.join(item.reasons)}" for item in effort.items if item.reasons]
    if reasons:
        table.caption = "\n".join(reasons)
    return table


def _cutover(estimate: Estimate) -> Table:
    downtime = estimate.downtime
    table = Table(title=f"Cutover per stateful store (link {format_bandwidth(downtime.effective_bps)} effective)")
    for name in ("Store", "Strategy", "Chosen by", "Data", "Ahead of outage", "Moves in outage", "Outage time"):
        table.add_column(name, justify="left" if name in ("Store", "Strategy", "Chosen by") else "right")
    for store in downtime.stores:
        table.add_row(
            f"{store.item_id} ({store.engine or store.kind})",
            store.strategy,
            store.chosen_by,
            format_bytes(store.data_bytes),
            format_hours(store.ahead_hours) if store.ahead_hours else "-",
            format_bytes(store.outage_bytes),
            format_hours(store.outage_hours),
        )
    ttl = f"largest changing DNS TTL {downtime.dns_ttl_seconds:g} s ({downtime.dns_record})" if downtime.dns_record else "no DNS record changes"
    table.caption = f"{ttl}; dominated by {downtime.dominant}"
    return table


def _deadline(estimate: Estimate) -> Table:
    deadline = estimate.deadline
    assert deadline is not None
    table = Table(title=f"Evacuation before the {format_hours(deadline.deadline_hours)} cut-off: {deadline.outcome}")
    for name in ("#", "Store", "Rank", "Data", "Starts", "Done", "Out by cut-off"):
        table.add_column(name, justify="left" if name == "Store" else "right")
    for number, step in enumerate(deadline.steps, start=1):
        done = Text("all", style="green") if step.complete else Text(format_bytes(step.bytes_out), style="red")
        table.add_row(str(number), step.item_id, str(step.priority), format_bytes(step.data_bytes), f"{step.start_hours:.1f} h", f"{step.end_hours:.1f} h", done)
    need = format_bandwidth(deadline.required_bps) if deadline.required_bps is not None else "impossible: no time left after the start delay"
    table.caption = (
        f"out {format_bytes(deadline.bytes_out)}, lost {format_bytes(deadline.bytes_lost)} "
        f"({len(deadline.items_lost)} stores); bandwidth to lose nothing: {need}"
    )
    return table


def _assumptions(estimate: Estimate) -> Table:
    inputs = estimate.inputs
    table = Table(
        title=f"Assumptions (bandwidth {format_bandwidth(inputs.bandwidth_bps)}, team {inputs.team}; * = overridden)"
    )
    table.add_column("Name")
    table.add_column("Value", overflow="fold", max_width=50)
    table.add_column("Unit")
    table.add_column("Why", overflow="fold")
    for entry in estimate.assumptions:
        table.add_row(entry.name + (" *" if entry.overridden else ""), format_value(entry), entry.unit, entry.rationale)
    return table


def _catalogs(estimate: Estimate) -> Table:
    table = Table(title="Price catalogs")
    table.add_column("Catalog")
    table.add_column("Price date")
    table.add_column("Source", overflow="fold")
    for catalog in estimate.cost.catalogs:
        table.add_row(catalog.name, catalog.price_date, catalog.source)
    return table
