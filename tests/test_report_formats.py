"""The four renderings of an estimate, on the hand-made plan and on a real plan from the engine."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from planner.core.model import Plan
from planner.core.model.inventory import Inventory
from planner.estimation import estimate_plan
from planner.reports import FORMATS, render

HERE = Path(__file__).parent
SMALL = HERE / "golden" / "estimate-small-plan.json"
INVENTORY = HERE / "fixtures" / "synthetic_inventory.json"


def _small(**arguments: object):
    return estimate_plan(Plan.load(SMALL), bandwidth_bps=1e9, team=2, **arguments)


def test_markdown_is_concise_and_complete() -> None:
    text = render(_small(deadline_hours=30.0), "markdown")
    # like for like: 632 today (1,633 less vm-batch 1,000 and queue-jobs 1, no target price) -> 518
    assert "| Run cost per month | **$632 → $518** | like for like: 10 items priced on both sides." in text
    assert "2 only on the source (AWS): $1,001/month (1 compute.vm, 1 queue), no GCP list price; 1 on neither side" in text
    assert "| **like for like** | **$632.00** | **$518.00** |" in text
    assert "| One-time egress | **$1,140** |" in text
    assert "| Downtime at cutover | **2.3 h** | mostly data copied during the outage (1.5 h) |" in text
    assert "| Calendar time | **0.9–2.5 weeks** |" in text
    # 12,888 GiB in all, 9.135e12 bytes out in 29 h: 4.3 TiB left, all of it in bucket-media
    assert "| Data at risk | **4.3 TiB** | not out of AWS by the 30.0 h cut-off: the last 4.3 TiB of bucket-media" in text
    assert "| bucket-media | storage.object | $280.00 | $240.00 | $1,086.34 |" in text  # the top item
    assert "0 of 38 overridden" in text and "`link.efficiency`" not in text  # overrides only
    assert text.index("<details>") > text.index("**Top 5 items**")
    assert "2024-09-25" in text and "2026-07-30" in text  # catalog price dates, inside the details
    assert len(text) < 4000


@pytest.mark.parametrize("target", ["aws", "gcp"])
def test_markdown_of_a_real_plan_fits_a_pull_request_comment(target: str) -> None:
    from planner.planning.engine import build_plan

    estimate = estimate_plan(build_plan(Inventory.load(INVENTORY), target), {"link.streams": 4}, deadline_hours=30.0)
    text = render(estimate, "markdown")
    # GitHub's limit is 65,536; a comment people read is much shorter (the headline names what it leaves out)
    assert len(text) < 4500
    assert "- `link.streams` *: 4 (default 8)" in text
    assert text.rstrip().endswith("</details>")


def test_table_names_every_section() -> None:
    text = render(_small(deadline_hours=30.0), "table")
    for title in ("Run cost per month", "One-time internet egress", "Waves", "Cutover per stateful store", "Evacuation before", "Assumptions", "Price catalogs"):
        assert title in text
    assert "1,086.34" in text  # bucket-media's share of the us-east-1 egress bill


def test_assumption_overrides_are_marked_in_every_format() -> None:
    estimate = estimate_plan(Plan.load(SMALL), {"link.streams": 2})
    assert "`link.streams` *" in render(estimate, "markdown")
    assert "link.streams *" in render(estimate, "table")
    assert 'class="overridden"' in render(estimate, "html")
    entries = {entry["name"]: entry for entry in json.loads(render(estimate, "json"))["assumptions"]}
    assert entries["link.streams"]["overridden"] is True and entries["link.efficiency"]["overridden"] is False


def test_html_is_self_contained_with_three_inline_svg_charts() -> None:
    html = render(_small(deadline_hours=30.0), "html")
    assert html.count("<svg") == 3
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "the page must work offline"
    assert "<script" not in html
    headline = html.index('id="figure-monthly-cost"')
    assert headline < html.index('id="chart-cost"') < html.index("<h2>Assumptions</h2>")


def test_html_without_deadline_says_how_to_get_one() -> None:
    html = render(_small(), "html")
    assert html.count("<svg") == 2
    assert "--deadline 30h" in html


def test_unknown_format_is_a_usage_error() -> None:
    from planner.core.errors import UsageError

    with pytest.raises(UsageError):
        render(_small(), "pdf")


@pytest.mark.parametrize("target", ["aws", "gcp"])
def test_every_format_on_a_real_plan_from_the_engine(target: str) -> None:
    from planner.planning.engine import build_plan

    plan = build_plan(Inventory.load(INVENTORY), target)
    estimate = estimate_plan(plan, deadline_hours=30.0)
    assert estimate.data_bytes > 0 and estimate.effort.p90 >= estimate.effort.p50 > 0
    assert estimate.cost.source_monthly_usd > 0 and estimate.cost.egress_one_time_usd > 0
    assert estimate.downtime.stores and estimate.downtime.hours > 0
    assert [wave.name for wave in estimate.effort.waves][0] == "network"
    for fmt in FORMATS:
        assert render(estimate, fmt)
    document = json.loads(render(estimate, "json"))
    for field in ("effort_hours", "downtime_hours", "data_bytes", "cost"):
        assert field in document


def test_a_move_to_another_country_is_a_line_of_every_summary() -> None:
    """The synthetic inventory has eu-west-1 (Ireland): on Google Cloud it lands in another EU country, said once."""
    from planner.planning.engine import build_plan

    estimate = estimate_plan(build_plan(Inventory.load(INVENTORY), "gcp"))
    assert estimate.plan.region_map["eu-west-1"].startswith("europe-")
    markdown, html = render(estimate, "markdown"), render(estimate, "html")
    assert "eu-west-1 → europe-" in markdown and "**Data residency:**" in markdown and "within the EU" in markdown
    assert 'id="region-note-1"' in html and "within the EU" in html
    rebuilt = estimate_plan(build_plan(Inventory.load(INVENTORY), "aws"))
    assert rebuilt.plan.region_notes == [] and "Data residency" not in render(rebuilt, "markdown")
