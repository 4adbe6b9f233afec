"""Ranges around the headline figures (a seeded Monte Carlo over the assumptions' ranges, planner/estimation/
ranges.py), the tornado of drivers, the DNS steps that must start before a deadline, and stores of unknown size."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from estimate_fixtures import plan_item, plan_of

from planner.cli import app
from planner.estimation import estimate_plan
from planner.estimation.assumptions import default_assumptions, type_problem
from planner.reports import render

TIB = 1024**4
GIB = 1024**3


def _plan() -> object:
    return plan_of(
        plan_item("db", "db.sql", data_bytes=2 * TIB, facts={"engine": "mysql"}),
        plan_item("media", "storage.object", data_bytes=40 * TIB),
        plan_item("web", "compute.vm", cost=(100.0, 80.0)),
        plan_item("zone", "dns.zone", facts={"private_zone": False}),
        plan_item("shop", "dns.domain", status="manual"),
    )


def test_every_assumption_has_a_range_or_says_why_not() -> None:
    for entry in default_assumptions().entries():
        assert entry.ranged or entry.fixed, entry.name
        if entry.scale is not None:
            low, high = entry.scale
            assert 0 < low <= 1 <= high, entry.name
        elif entry.ranged:
            assert entry.low <= entry.default <= entry.high, entry.name
            assert type_problem(entry.type, entry.low) is None and type_problem(entry.type, entry.high) is None, entry.name


def test_ranges_are_deterministic_and_ordered() -> None:
    first = estimate_plan(_plan(), deadline_hours=30, ranges=True)
    second = estimate_plan(_plan(), deadline_hours=30, ranges=True)
    assert first.ranges == second.ranges and first.ranges is not None
    for found in first.ranges.figures.values():
        assert found.p10 <= found.p90
        swings = [driver.swing for driver in found.drivers]
        assert swings == sorted(swings, reverse=True) and len(swings) <= 3


def test_list_prices_do_not_move_and_the_link_moves_the_outage() -> None:
    ranges = estimate_plan(_plan(), deadline_hours=30, ranges=True).ranges
    assert ranges is not None
    cost = ranges.figures["monthly-cost"]
    assert cost.p10 == cost.p90 == cost.value == 80.0 and cost.drivers == []
    downtime = ranges.figures["downtime"]
    assert downtime.p10 < downtime.p90  # the offline MySQL copy moves with the link
    assert "link.stream_max_bps" in [driver.assumption for driver in downtime.drivers] or \
        "link.efficiency" in [driver.assumption for driver in downtime.drivers]
    calendar = ranges.figures["calendar"]
    assert "effort.hours_by_kind" in [driver.assumption for driver in calendar.drivers] or \
        "effort.default_hours" in [driver.assumption for driver in calendar.drivers]


def test_without_a_deadline_there_is_no_data_at_risk_range() -> None:
    ranges = estimate_plan(_plan(), ranges=True).ranges
    assert ranges is not None and "at-risk" not in ranges.figures


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "table"])
def test_every_format_carries_the_ranges(fmt: str) -> None:
    text = render(estimate_plan(_plan(), deadline_hours=30, ranges=True), fmt)
    if fmt == "json":
        document = json.loads(text)
        assert set(document["ranges"]["figures"]) == {"monthly-cost", "egress", "downtime", "calendar", "at-risk"}
        assert document["ranges"]["seed"] == 20261203
    else:
        assert "P10" in text or "10th" in text
    if fmt == "html":
        assert 'id="chart-tornado-downtime"' in text and "moved most by" in text
    if fmt == "markdown":
        assert "**Ranges**" in text and "`link." in text


def test_no_ranges_when_asked_not_to(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "plan.json"
    path.write_text(_plan().model_dump_json(by_alias=True))  # type: ignore[attr-defined]
    result = CliRunner().invoke(app, ["estimate", str(path), "--format", "json", "--no-ranges"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["ranges"] is None


def test_dns_steps_before_the_deadline() -> None:
    estimate = estimate_plan(_plan(), deadline_hours=30)
    moves = estimate.dns_moves
    assert moves.zones == ["zone"] and moves.domains == ["shop"]
    assert moves.delegation_hours == 48 and moves.transfer_days == (5, 7)
    assert moves.lead_hours == 7 * 24 and moves.short_by_hours == 7 * 24 - 30
    text = render(estimate, "markdown")
    assert "1 domain registered with Route 53 Domains must transfer to another registrar (5–7 days)" in text
    assert "1 public zone changes its name servers at the parent" in text


def test_a_private_zone_moves_no_delegation() -> None:
    plan = plan_of(plan_item("inner", "dns.zone", facts={"private_zone": True}))
    assert estimate_plan(plan).dns_moves.zones == []


def test_stores_of_unknown_size_are_named_and_counted_at_the_assumed_size() -> None:
    plan = plan_of(plan_item("logs", "storage.object", facts={"size_unknown": True}),
                   plan_item("known", "storage.object", data_bytes=10 * GIB))
    left_out = estimate_plan(plan)
    assert left_out.data_bytes == 10 * GIB and left_out.unknown_sizes is not None
    assert "Size unknown: 1 store (1 storage.object)" in render(left_out, "markdown")
    counted = estimate_plan(plan, {"data.unknown_store_gib": 50})
    assert counted.data_bytes == 60 * GIB
    assert "counted at 50 GiB each (assumption data.unknown_store_gib)" in render(counted, "markdown")
