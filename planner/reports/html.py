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
        ranges_note=ranges_note(estimate),
    )


TORNADO_FIGURES = {"downtime": "Downtime", "calendar": "Calendar time", "at-risk": "Data at risk"}


def _tornado_charts(estimate: Estimate, charts: Any) -> list[tuple[str, str, str]]:
    drawn = ((key, title, charts.tornado(estimate, key, title, FIGURE_FORMATS[key])) for key, title in TORNADO_FIGURES.items())
    return [(key, title, chart) for key, title, chart in drawn if chart]
