"""Waves from the dependency graph, and calendar time for a team."""

from __future__ import annotations

import pytest

from planner.core.model import Plan
from planner.estimation import estimate_plan
from planner.estimation.assumptions import default_assumptions
from planner.estimation.effort import assign_waves, makespan
from tests.estimate_fixtures import plan_item, plan_of


def _plan(*items: tuple[str, str, list[str]]) -> Plan:
    return plan_of(*(plan_item(item_id, kind, depends_on=deps) for item_id, kind, deps in items))


KNOWN_GRAPH = _plan(
    ("vpc", "network.vpc", []),
    ("subnet", "network.subnet", ["vpc"]),
    ("db", "db.sql", ["subnet"]),
    ("vm", "compute.vm", ["subnet", "db"]),
    ("lb", "lb", ["vm"]),
    ("www", "dns.record", ["lb"]),
    ("zone", "dns.zone", []),
    # a firewall that names the load balancer's group: network by kind, pushed to load balancing
    ("sg-late", "network.firewall", ["lb"]),
    # a queue the database depends on... in a cycle with it
    ("q1", "queue", ["q2"]),
    ("q2", "queue", ["q1"]),
    ("odd", "something.new", []),
)


def test_waves_follow_kind_order_and_dependencies() -> None:
    waves = assign_waves(KNOWN_GRAPH, default_assumptions())
    assert waves == {
        "vpc": "network",
        "subnet": "network",
        "db": "data",
        "vm": "compute",
        "lb": "load_balancing",
        "www": "dns",
        "zone": "dns",
        "sg-late": "load_balancing",
        "q1": "data",
        "q2": "data",
        "odd": "compute",  # waves.default_wave
    }


def test_estimate_lists_waves_in_order_and_runs_them_one_after_another() -> None:
    effort = estimate_plan(KNOWN_GRAPH, team=3).effort
    assert [wave.name for wave in effort.waves] == ["network", "data", "compute", "load_balancing", "dns"]
    for earlier, later in zip(effort.waves, effort.waves[1:]):
        assert later.start_day_p50 == pytest.approx(earlier.end_day_p50)
    assert effort.calendar_days_p50 == pytest.approx(sum(w.elapsed_hours_p50 for w in effort.waves) / 6)


def test_makespan_is_bounded_by_team_size() -> None:
    assert makespan([4, 4, 4, 4], 1) == 16
    assert makespan([4, 4, 4, 4], 2) == 8
    assert makespan([4, 4, 4, 4], 10) == 4  # more people than jobs: the longest job
    assert makespan([7, 5, 4, 3, 1], 2) == 10  # longest first: 7+3 | 5+4+1
    assert makespan([], 3) == 0


def test_a_bigger_team_never_takes_longer() -> None:
    days = [estimate_plan(KNOWN_GRAPH, team=team).effort.calendar_days_p90 for team in (1, 2, 4, 8)]
    assert days == sorted(days, reverse=True)
    assert days[0] > days[-1]
