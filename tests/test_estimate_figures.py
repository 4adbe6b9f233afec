"""Golden figures on a small hand-made plan (tests/golden/estimate-small-plan.json),
each checked by hand against the formulas of planner/estimation.

Run at 1 Gbit/s, team of 2, deadline 30 h, default assumptions:
effective link = min(1e9, 8 streams x 1e9) x 0.7 = 7e8 bit/s = 3.15e11 bytes/hour.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from planner.core.model import Plan
from planner.estimation import Estimate, estimate_plan

GOLDEN = Path(__file__).parent / "golden"
GIB = 1024**3


def small_plan() -> Plan:
    return Plan.load(GOLDEN / "estimate-small-plan.json")


def small_estimate(**overrides: object) -> Estimate:
    arguments: dict = {"bandwidth_bps": 1e9, "team": 2, "deadline_hours": 30.0, **overrides}
    return estimate_plan(small_plan(), **arguments)


def test_run_cost_sums_items_and_categories() -> None:
    cost = small_estimate().cost
    # contract totals, every item priced on that side:
    # source: 200 db + 280 media + 12 logs + 60 + 60 web + 1000 batch + 20 lb + 1 queue = 1633
    assert cost.source_monthly_usd == pytest.approx(1633.0)
    # target: 150 + 240 + 10 + 50 + 50 + 18 = 518 (vm-batch and queue-jobs have no target price)
    assert cost.target_monthly_usd == pytest.approx(518.0)
    # like for like: vm-batch and queue-jobs (source only) and dns-mx (neither) are left out;
    # the $0 items (vpc, subnet, dns-www, role-old) are free by nature, priced on both sides.
    # before: 1633 - 1000 - 1 = 632; after: 518
    assert cost.comparable_source_monthly_usd == pytest.approx(632.0)
    assert cost.comparable_target_monthly_usd == pytest.approx(518.0)
    assert cost.priced_source_only == ["vm-batch", "queue-jobs"]
    assert cost.source_only_monthly_usd == pytest.approx(1001.0)
    assert cost.priced_target_only == [] and cost.target_only_monthly_usd == 0.0
    assert cost.priced_on_neither == ["dns-mx"]
    assert len(cost.comparable_items) == 10  # 13 items - 3 left out
    assert cost.unpriced_target == ["vm-batch", "dns-mx", "queue-jobs"]
    assert cost.unpriced_source == ["dns-mx"]
    by_category = {
        line.category: (line.source_monthly_usd, line.target_monthly_usd, line.source_only_monthly_usd)
        for line in cost.by_category
    }
    assert by_category == {
        "compute": (120.0, 100.0, 1000.0),  # 60 + 60 ; 50 + 50 ; vm-batch apart
        "storage": (292.0, 250.0, 0.0),  # 280 + 12 ; 240 + 10
        "database": (200.0, 150.0, 0.0),
        "network": (20.0, 18.0, 0.0),  # lb-web (+ $0 vpc, subnet, dns-www)
        "other": (0.0, 0.0, 1.0),  # role-old $0 both sides; queue-jobs apart
    }
    # the categories add up to the comparable totals
    assert sum(line.source_monthly_usd for line in cost.by_category) == pytest.approx(632.0)
    assert sum(line.target_monthly_usd for line in cost.by_category) == pytest.approx(518.0)


def test_egress_applies_tiers_per_region_and_attributes_by_bytes() -> None:
    cost = small_estimate().cost
    # us-east-1: 100 GiB + 12,288 GiB = 12,388 GB; first 10,240 GB at $0.09 = 921.60,
    # next 2,148 GB at $0.085 = 182.58 -> 1,104.18, less AWS's free 100 GB of the first tier (9.00, taken off
    # the largest region once) = 1,095.18. eu-west-1: 500 GB at $0.09 = 45.00.
    by_region = {entry.region: entry.usd for entry in cost.egress}
    assert by_region == {"us-east-1": pytest.approx(1095.18), "eu-west-1": pytest.approx(45.0)}
    assert cost.egress_one_time_usd == pytest.approx(1140.18)
    share = {line.item_id: line.egress_usd for line in cost.items}
    assert share["bucket-media"] == pytest.approx(1095.18 * 12288 / 12388)  # 1,086.34
    assert share["db-main"] == pytest.approx(1095.18 * 100 / 12388)  # 8.84
    assert share["bucket-logs"] == pytest.approx(45.0)
    assert share["vm-web-1"] == 0.0


def test_effort_rates_sizes_units_and_statuses() -> None:
    effort = small_estimate().effort
    per_item = {item.item_id: (item.p50, item.p90, item.size_class) for item in effort.items}
    assert per_item["db-main"] == (8, 24, "medium")  # 100 GiB: 50 < x <= 1024
    assert per_item["bucket-media"] == (4, 12, "large")  # 12 TiB: [2, 6] x 2
    assert per_item["vm-web-1"] == (2, 5, "small")  # 2 vCPU: [4, 10] x 0.5
    assert per_item["vm-batch"] == (12, 30, "large")  # 32 vCPU, partial: [4, 10] x 2 x 1.5
    assert per_item["queue-jobs"][:2] == (5, 15)  # manual: [2, 6] x 2.5
    assert per_item["role-old"][:2] == (0, 0)  # skipped
    web = next(unit for unit in effort.units if unit.unit == "lt-web")
    assert web.item_ids == ["vm-web-1", "vm-web-2"]
    assert (web.p50, web.p90) == pytest.approx((2 * 1.15, 5 * 1.15))  # one unit + 15% for the copy
    # P50: 2 vpc + 0.5 subnet + 8 db + 4 media + 2 logs + 2.3 web + 12 batch + 4 lb + 0.1 + 0.1 dns + 5 queue
    assert effort.p50 == pytest.approx(40.0)
    # P90: 4 + 1 + 24 + 12 + 6 + 5.75 + 30 + 10 + 0.25 + 0.25 + 15
    assert effort.p90 == pytest.approx(108.25)
    reasons = {item.item_id: " ".join(item.reasons) for item in effort.items}
    assert "partial" in reasons["vm-batch"] and "x1.5" in reasons["vm-batch"]
    assert "choose a queue service" in reasons["queue-jobs"]


def test_calendar_from_waves_for_a_team_of_two() -> None:
    effort = small_estimate().effort
    elapsed = {wave.name: (wave.elapsed_hours_p50, wave.elapsed_hours_p90) for wave in effort.waves}
    # data wave, longest first on 2 people: P50 8 | 5, 4 -> 5+4=9, 2 -> 8+2=10 => 10
    assert elapsed == {
        "network": (2.0, 4.0),
        "data": (10.0, 30.0),
        "compute": (12.0, 30.0),
        "load_balancing": (4.0, 10.0),
        "dns": (pytest.approx(0.1), 0.25),
    }
    # P50 2 + 10 + 12 + 4 + 0.1 = 28.1 h / 6 h a day = 4.683 days / 5 = 0.937 weeks
    assert effort.calendar_days_p50 == pytest.approx(28.1 / 6)
    assert effort.calendar_weeks_p50 == pytest.approx(28.1 / 30)
    # P90 4 + 30 + 30 + 10 + 0.25 = 74.25 h -> 12.375 days -> 2.475 weeks
    assert effort.calendar_weeks_p90 == pytest.approx(74.25 / 30)


def test_downtime_by_store_strategy_and_dns_ttl() -> None:
    downtime = small_estimate().downtime
    stores = {store.item_id: store for store in downtime.stores}
    assert set(stores) == {"db-main", "bucket-media", "bucket-logs"}  # queue-jobs holds no bytes
    assert (stores["db-main"].strategy, stores["db-main"].chosen_by) == ("replicate", "engine")
    # replicate: 100 GiB x 0.02/day / 24 h x 1 min / 60 = 1,491,308 bytes
    assert stores["db-main"].outage_bytes == pytest.approx(100 * GIB * 0.02 / 24 / 60)
    # precopy: bulk copy 12 TiB x 8 / 7e8 / 3600 = 41.886 h; writes meanwhile 12 TiB x 0.02/24 x 41.886
    media = stores["bucket-media"]
    assert media.ahead_hours == pytest.approx(12 * 1024 * GIB * 8 / 7e8 / 3600)
    assert media.outage_bytes == pytest.approx(12 * 1024 * GIB * 0.02 / 24 * media.ahead_hours)
    assert media.outage_hours == pytest.approx(1.46204, rel=1e-5)
    assert downtime.dns_ttl_seconds == 300 and downtime.dns_record == "dns-www"  # the MX record does not change
    assert downtime.components["fixed cutover steps"] == 0.5
    assert downtime.components["per-store steps"] == 0.25  # 3 stores x 5 min
    assert downtime.hours == pytest.approx(0.5 + 0.25 + 300 / 3600 + sum(s.outage_hours for s in downtime.stores))
    assert downtime.hours == pytest.approx(2.2978, abs=1e-4)
    assert downtime.dominant == "data copied during the outage"


def test_strategy_overrides_by_id_then_kind() -> None:
    estimate = small_estimate(assumptions={"cutover.overrides": {"db-main": "offline", "storage.object": "offline"}})
    stores = {store.item_id: store for store in estimate.downtime.stores}
    assert (stores["db-main"].strategy, stores["db-main"].chosen_by) == ("offline", "override:id")
    assert (stores["bucket-logs"].strategy, stores["bucket-logs"].chosen_by) == ("offline", "override:kind")
    # everything offline: all 12,388 + 500 GiB cross the 7e8 bit/s link during the outage
    total = (100 + 12288 + 500) * GIB
    assert estimate.downtime.components["data copied during the outage"] == pytest.approx(total * 8 / 7e8 / 3600)


def test_deadline_partial_evacuation() -> None:
    deadline = small_estimate().deadline
    assert deadline is not None
    # rank 1 for all three, smallest first: db-main 100 GiB, bucket-logs 500 GiB, bucket-media 12 TiB
    assert [step.item_id for step in deadline.steps] == ["db-main", "bucket-logs", "bucket-media"]
    assert deadline.outcome == "partial"
    assert deadline.items_out == ["db-main", "bucket-logs"] and deadline.items_lost == ["bucket-media"]
    # 29 h of copying (1 h setup) x 3.15e11 bytes/h = 9.135e12 bytes out
    assert deadline.bytes_out == pytest.approx(9.135e12)
    assert deadline.bytes_lost == pytest.approx((100 + 500 + 12288) * GIB - 9.135e12)
    # to lose nothing: 12,888 GiB x 8 bits / (29 h x 3600 s) / 0.7 efficiency = 1.5149 Gbit/s
    assert deadline.required_bps == pytest.approx(12888 * GIB * 8 / (29 * 3600) / 0.7)
    assert deadline.required_streams == 2


def test_contract_fields_match_the_golden_file() -> None:
    document = small_estimate().to_document()
    contract = {
        "effort_hours": document["effort_hours"],
        "downtime_hours": document["downtime_hours"],
        "data_bytes": document["data_bytes"],
        "cost": {key: document["cost"][key] for key in ("source_monthly_usd", "target_monthly_usd", "egress_one_time_usd")},
    }
    golden_path = GOLDEN / "estimate-small-contract.json"
    if os.environ.get("PLANNER_UPDATE_GOLDEN"):
        golden_path.write_text(json.dumps(contract, indent=2, sort_keys=True) + "\n")
    assert contract == json.loads(golden_path.read_text())


def test_lowering_ttls_ahead_caps_the_dns_wait() -> None:
    # the changing A record has TTL 300 s; lowered to 60 s the DNS part drops from 5 min to 1 min
    estimate = small_estimate(assumptions={"dns.lower_ttls_ahead": True, "dns.lowered_ttl_seconds": 60})
    assert estimate.downtime.dns_record_ttl_seconds == 300
    assert estimate.downtime.components["DNS TTL"] == pytest.approx(60 / 3600)
    assert estimate.downtime.hours == pytest.approx(small_estimate().downtime.hours - 240 / 3600)
