"""AWS internet egress: monthly tiers, cumulative per source region."""

from __future__ import annotations

import math

import pytest

from planner.core.model import Plan
from planner.estimation.assumptions import default_assumptions, resolve_assumptions
from planner.estimation.cost import BYTES_PER_GB, estimate_cost, tiered_charge
from tests.estimate_fixtures import plan_item, plan_of

US_EAST_1 = [(10240.0, 0.09), (51200.0, 0.085), (153600.0, 0.07)]
AF_SOUTH_1 = [(10240.0, 0.154), (51200.0, 0.147), (153600.0, 0.126), (math.inf, 0.112)]


def test_inside_the_first_tier() -> None:
    usd, charges, extrapolated = tiered_charge(1000.0, US_EAST_1)
    assert usd == pytest.approx(90.0)  # 1,000 GB x $0.09
    assert len(charges) == 1 and not extrapolated


def test_crossing_three_tiers() -> None:
    # 60,000 GB: 10,240 x 0.09 + 40,960 x 0.085 + 8,800 x 0.07 = 921.60 + 3,481.60 + 616.00
    usd, charges, extrapolated = tiered_charge(60000.0, US_EAST_1)
    assert [round(charge.gb) for charge in charges] == [10240, 40960, 8800]
    assert usd == pytest.approx(5019.20)
    assert not extrapolated


def test_open_ended_last_tier() -> None:
    # 200,000 GB in af-south-1: 10,240 x 0.154 + 40,960 x 0.147 + 102,400 x 0.126 + 46,400 x 0.112
    usd, charges, extrapolated = tiered_charge(200000.0, AF_SOUTH_1)
    assert usd == pytest.approx(1576.96 + 6021.12 + 12902.4 + 5196.8)
    assert charges[-1].upto_gb is None and not extrapolated


def test_beyond_the_last_known_tier_uses_its_rate_and_says_so() -> None:
    # us-east-1 has no 'over 150 TB' row in the snapshot: 160,000 GB prices the last 6,400 GB at $0.07
    usd, charges, extrapolated = tiered_charge(160000.0, US_EAST_1)
    assert extrapolated
    assert usd == pytest.approx(921.6 + 3481.6 + 102400 * 0.07 + 6400 * 0.07)


def test_zero_bytes_cost_nothing() -> None:
    assert tiered_charge(0.0, US_EAST_1)[0] == 0.0


def _plan(*items: tuple[str, str, int]) -> Plan:
    return plan_of(
        *(plan_item(item_id, "storage.object", data_bytes=size, region=region, source_key="aws.s3.bucket")
          for item_id, region, size in items)
    )


def test_tiers_are_cumulative_within_a_region_not_per_resource() -> None:
    # two 8,000 GB buckets in us-east-1 = 16,000 GB: 10,240 x 0.09 + 5,760 x 0.085 = 1,411.20, less the free
    # 100 GB of the first tier (9.00) = 1,402.20, shared half and half; priced separately: 2 x 720 = 1,440.
    plan = _plan(("a", "us-east-1", 8000 * BYTES_PER_GB), ("b", "us-east-1", 8000 * BYTES_PER_GB))
    cost = estimate_cost(plan, default_assumptions())
    assert cost.egress_one_time_usd == pytest.approx(1402.20)
    assert [line.egress_usd for line in cost.items] == [pytest.approx(701.10), pytest.approx(701.10)]


def test_unknown_region_falls_back_with_a_note() -> None:
    plan = _plan(("a", "global", 200 * BYTES_PER_GB))
    cost = estimate_cost(plan, default_assumptions())
    assert cost.egress[0].priced_as == "us-east-1"
    assert cost.egress_one_time_usd == pytest.approx(9.0)  # 200 GB at $0.09, the first 100 free
    assert any("no egress tiers for 'global'" in note for note in cost.notes)


def test_the_free_100_gb_come_off_once_from_the_largest_region() -> None:
    plan = _plan(("a", "us-east-1", 50 * BYTES_PER_GB), ("b", "eu-west-1", 500 * BYTES_PER_GB))
    cost = estimate_cost(plan, default_assumptions())
    by_region = {entry.region: entry.usd for entry in cost.egress}
    assert by_region == {"us-east-1": pytest.approx(4.5), "eu-west-1": pytest.approx(400 * 0.09)}
    assert any("eu-west-1: the first 100 GB are free" in note for note in cost.notes)
    none_free = estimate_cost(plan, resolve_assumptions({"egress.free_gb_per_month": 0}))
    assert none_free.egress_one_time_usd == pytest.approx(550 * 0.09)


def test_the_exit_credit_is_off_by_default_and_pays_the_egress_back_when_on() -> None:
    plan = _plan(("a", "us-east-1", 8000 * BYTES_PER_GB))
    assert estimate_cost(plan, default_assumptions()).egress_one_time_usd > 0
    credited = estimate_cost(plan, resolve_assumptions({"egress.exit_credit": True}))
    assert credited.egress_one_time_usd == 0.0
    assert any("exit programme" in note and "60 days" in note for note in credited.notes)


def test_ingress_into_google_cloud_is_said_to_be_free() -> None:
    cost = estimate_cost(_plan(("a", "us-east-1", 1)), default_assumptions())
    assert any("ingress into Google Cloud is free" in note for note in cost.notes)
