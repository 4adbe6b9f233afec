"""Render an estimate: `render(estimate, "table" | "json" | "markdown" | "html") -> str`."""

from __future__ import annotations

from collections.abc import Callable

from planner.core.errors import UsageError
from planner.core.fileio import dump_json
from planner.estimation import Estimate

FORMATS = ("table", "json", "markdown", "html")


def _json(estimate: Estimate) -> str:
    return dump_json(estimate.to_document())


def _table(estimate: Estimate) -> str:
    from planner.reports.table import render_table

    return render_table(estimate)


def _markdown(estimate: Estimate) -> str:
    from planner.reports.markdown import render_markdown

    return render_markdown(estimate)


def _html(estimate: Estimate) -> str:
    from planner.reports.html import render_html

    return render_html(estimate)


RENDERERS: dict[str, Callable[[Estimate], str]] = {"table": _table, "json": _json, "markdown": _markdown, "html": _html}


def render(estimate: Estimate, fmt: str) -> str:
    if fmt not in RENDERERS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](estimate)
