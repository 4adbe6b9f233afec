"""Charts for the HTML summary, drawn with matplotlib as inline SVG.

Imported only by the HTML renderer: matplotlib is slow to load and the CLI
must start fast.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from planner.estimation import Estimate  # noqa: E402
from planner.estimation.units import format_bytes, format_hours  # noqa: E402
from planner.reports.headline import WAVE_TITLES  # noqa: E402

SOURCE_COLOR = "#9aa5b1"
TARGET_COLOR = "#2f6fdf"
P90_COLOR = "#b9cdf4"
LOST_COLOR = "#d64545"
STYLE = {
    "svg.fonttype": "none",  # text stays text: crisp, searchable, small
    "svg.hashsalt": "planner",  # stable element ids from run to run
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#c5ccd3",
    "axes.labelcolor": "#333",
    "xtick.color": "#555",
    "ytick.color": "#555",
}


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def cost_by_category(estimate: Estimate) -> str:
    rows = [line for line in estimate.cost.by_category if line.source_monthly_usd or line.target_monthly_usd]
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(5.0, 0.5 * max(len(rows), 1) + 1.0))
        positions = range(len(rows))
        axes.barh([p + 0.2 for p in positions], [r.source_monthly_usd for r in rows], 0.4, color=SOURCE_COLOR, label="AWS today")
        axes.barh([p - 0.2 for p in positions], [r.target_monthly_usd for r in rows], 0.4, color=TARGET_COLOR, label=f"{estimate.plan.target_provider.upper()} after")
        axes.set_yticks(list(positions), [r.category for r in rows])
        axes.invert_yaxis()
        axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"${value:,.0f}"))
        axes.set_xlabel("USD per month")
        _legend_on_top(axes)
        return _svg(figure)


def _legend_on_top(axes: plt.Axes) -> None:
    axes.legend(frameon=False, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, borderaxespad=0.2)


def wave_timeline(estimate: Estimate) -> str:
    waves = estimate.effort.waves
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(5.0, 0.5 * max(len(waves), 1) + 1.0))
        for row, wave in enumerate(waves):
            axes.barh(row - 0.17, wave.end_day_p50 - wave.start_day_p50, left=wave.start_day_p50, height=0.32, color=TARGET_COLOR, label="P50" if row == 0 else None)
            axes.barh(row + 0.17, wave.end_day_p90 - wave.start_day_p90, left=wave.start_day_p90, height=0.32, color=P90_COLOR, label="P90" if row == 0 else None)
        axes.set_yticks(range(len(waves)), [f"{WAVE_TITLES[w.name]} ({len(w.item_ids)})" for w in waves])
        axes.invert_yaxis()
        axes.set_xlabel(f"working days, team of {estimate.effort.team}")
        if waves:
            _legend_on_top(axes)
        return _svg(figure)


def evacuation_curve(estimate: Estimate) -> str:
    deadline = estimate.deadline
    assert deadline is not None
    unit = 1024**4 if deadline.total_bytes >= 1024**4 else 1024**3
    unit_name = "TiB" if unit == 1024**4 else "GiB"
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(13.0, 3.6))
        hours = [point[0] for point in deadline.curve]
        out = [point[1] / unit for point in deadline.curve]
        before = [(h, b) for h, b in zip(hours, out) if h <= deadline.deadline_hours]
        after = [(h, b) for h, b in zip(hours, out) if h >= deadline.deadline_hours]
        if after and before and before[-1][0] < deadline.deadline_hours:
            cut = (deadline.deadline_hours, deadline.bytes_out / unit)
            before.append(cut)
            after.insert(0, cut)
        axes.plot(*zip(*before), color=TARGET_COLOR, linewidth=2.2, marker="o", markersize=3, label="data out of AWS")
        if after:
            axes.plot(*zip(*after), color=TARGET_COLOR, linewidth=1.5, linestyle="--", alpha=0.6, label="after the cut-off (lost)")
        axes.axvline(deadline.deadline_hours, color=LOST_COLOR, linestyle="--", linewidth=1.5, label=f"cut-off ({format_hours(deadline.deadline_hours)})")
        axes.axhline(deadline.total_bytes / unit, color="#888", linestyle=":", linewidth=1, label=f"all data ({format_bytes(deadline.total_bytes)})")
        if deadline.bytes_lost > 0:
            axes.fill_between(
                [deadline.deadline_hours, max(hours[-1], deadline.deadline_hours)],
                deadline.bytes_out / unit,
                deadline.total_bytes / unit,
                color=LOST_COLOR,
                alpha=0.12,
                label=f"at risk ({format_bytes(deadline.bytes_lost)})",
            )
        axes.set_xlim(0, max(hours[-1], deadline.deadline_hours) * 1.05)
        axes.set_ylim(0, max(deadline.total_bytes / unit, 1e-9) * 1.1)
        axes.set_xlabel("hours from now")
        axes.set_ylabel(unit_name)
        axes.legend(frameon=False, loc="lower right", fontsize=9)
        return _svg(figure)


def tornado(estimate: Estimate, figure_key: str, label: str, show: Callable[[float], str]) -> str | None:
    """The figure at each driver's low and high end around its value (planner/estimation/ranges.py), or None."""
    ranges = estimate.ranges
    found = ranges.figures.get(figure_key) if ranges else None
    if found is None or not found.drivers:
        return None
    drivers = list(reversed(found.drivers))  # the largest swing on top
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(5.0, 0.45 * len(drivers) + 1.0))
        for position, driver in enumerate(drivers):
            low, high = sorted((driver.figure_at_low, driver.figure_at_high))
            axes.barh(position, high - low, left=low, height=0.5, color=TARGET_COLOR)
        axes.axvline(found.value, color=LOST_COLOR, linewidth=1.2, label=f"estimate {show(found.value)}")
        axes.set_yticks(range(len(drivers)), [driver.assumption for driver in drivers])
        axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: show(value)))
        axes.set_xlabel(f"{label} with each assumption at its low and its high")
        _legend_on_top(axes)
        return _svg(figure)
