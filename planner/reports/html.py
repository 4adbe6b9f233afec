"""HTML: one self-contained page for executives (no scripts, no external files).

Headline figures first, then charts (inline SVG from matplotlib), then the
assumptions. matplotlib is imported here only, through planner.reports.charts.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import jinja2

from planner import __version__
from planner.estimation import Estimate
from planner.estimation.units import format_bandwidth, format_bytes, format_hours, format_usd
from planner.reports.headline import (
    FIGURE_FORMATS,
    WAVE_TITLES,
    cost_left_out,
    downtime_sentence,
    effort_sentence,
    format_value,
    headline,
    lost_stores,
    ranges_note,
    source_title,
)
from planner.reports.markdown import top_items


def render_html(estimate: Estimate) -> str:
    from planner.reports import charts

    template_text = resources.files("planner.reports").joinpath("summary.html.j2").read_text(encoding="utf-8")
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(usd=format_usd, size=format_bytes, hours=format_hours, bandwidth=format_bandwidth)
    template = environment.from_string(template_text)
    return template.render(
        estimate=estimate,
        source_title=source_title(estimate),
        version=__version__,
        figures=headline(estimate),
        downtime_sentence=downtime_sentence(estimate),
        effort_sentence=effort_sentence(estimate),
        wave_titles=WAVE_TITLES,
        lost_stores=lost_stores,
        cost_left_out=cost_left_out(estimate),
        assumptions=[(entry, format_value(entry)) for entry in estimate.assumptions],
        cost_chart=charts.cost_by_category(estimate),
        wave_chart=charts.wave_timeline(estimate),
        evacuation_chart=charts.evacuation_curve(estimate) if estimate.deadline else None,
        tornado_charts=_tornado_charts(estimate, charts),
        footnotes=footnotes(estimate),
        traced_items=traced_items(estimate),
        ranges_note=ranges_note(estimate),
    )


TORNADO_FIGURES = {"downtime": "Downtime", "calendar": "Calendar time", "at-risk": "Data at risk"}


def _tornado_charts(estimate: Estimate, charts: Any) -> list[tuple[str, str, str]]:
    drawn = ((key, title, charts.tornado(estimate, key, title, FIGURE_FORMATS[key])) for key, title in TORNADO_FIGURES.items())
    return [(key, title, chart) for key, title, chart in drawn if chart]


TRACED_ITEMS = 12  # the largest items, with the catalog rows their prices come from

# Headline figure -> the assumptions it rests on (by name prefix), for its footnote; the cost figures rest on the
# catalog rows each item's price came from, listed under the footnotes.
FIGURE_ASSUMPTIONS: dict[str, tuple[str, ...]] = {
    "monthly-cost": ("cost.category_by_kind",),
    "egress": ("egress.", "data.unknown_store_gib"),
    "downtime": ("downtime.", "dns.alias_ttl", "dns.lower", "dns.changing", "cutover.", "link.", "data.unknown_store_gib"),
    "calendar": ("effort.", "calendar.", "waves."),
    "at-risk": ("link.", "deadline.", "data.unknown_store_gib", "dns.parent_ns", "dns.registrar"),
}
FIGURE_BASES: dict[str, str] = {
    "monthly-cost": "the sum of each like-for-like item's monthly list price on each side; the largest items and the "
                    "catalog rows of their prices are below, every catalog with its date under Price catalogs",
    "egress": "AWS's internet egress tiers of each source region (the egress table above, from the AWS catalog), "
              "less the monthly free allowance",
    "downtime": "the cutover steps, the per-store copies (the store table above) and the DNS wait",
    "calendar": "person-hours per item by kind and size, P50, at the team's focus hours",
    "at-risk": "the evacuation order and the link against the cut-off (the evacuation chart)",
}


def footnotes(estimate: Estimate) -> list[tuple[str, str, list[str]]]:
    """(figure key, how it is made, the assumptions it uses) for each headline figure."""
    names = [entry.name for entry in estimate.assumptions]
    return [(key, FIGURE_BASES[key], [name for name in names if name.startswith(prefixes)])
            for key, prefixes in FIGURE_ASSUMPTIONS.items()]


def traced_items(estimate: Estimate) -> list[Any]:
    return top_items(estimate, TRACED_ITEMS)
