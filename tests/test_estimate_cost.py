"""Run cost before -> after compares like with like; what it leaves out is counted and said."""

from __future__ import annotations

import json

import pytest

from planner.estimation import estimate_plan
from planner.reports import render
from planner.reports.headline import headline
from tests.estimate_fixtures import plan_item, plan_of

# The demo's shape: an RDS class the AWS catalog does not price but the target does, a VPC that is
# free by nature (priced $0 on both sides), a load balancer the target catalog lacks, and a usage-based
# queue priced nowhere.
MIXED = plan_of(
    plan_item("vm", "compute.vm", cost=(100.0, 80.0)),
    plan_item("bucket", "storage.object", cost=(50.0, 45.0)),
    plan_item("vpc", "network.vpc", cost=(0.0, 0.0)),
    plan_item("db-big", "db.sql", cost=(None, 2617.06)),
    plan_item("db-replica", "db.sql", cost=(None, 1308.5)),
    plan_item("lb", "lb", cost=(16.43, None)),
    plan_item("queue", "queue", cost=(None, None)),
)


def test_before_and_after_sum_only_items_priced_on_both_sides() -> None:
    cost = estimate_plan(MIXED).cost
    # before: vm 100 + bucket 50 + vpc 0 = 150; after: 80 + 45 + 0 = 125
    assert cost.comparable_source_monthly_usd == pytest.approx(150.0)
    assert cost.comparable_target_monthly_usd == pytest.approx(125.0)
    assert cost.comparable_items == ["vm", "bucket", "vpc"]
    # left out, each with what it costs on the side that has a price
    assert cost.priced_target_only == ["db-big", "db-replica"]
    assert cost.target_only_monthly_usd == pytest.approx(3925.56)  # 2,617.06 + 1,308.50
    assert cost.priced_source_only == ["lb"] and cost.source_only_monthly_usd == pytest.approx(16.43)
    assert cost.priced_on_neither == ["queue"]
    # the contract totals keep summing every priced item on their side: 150 + 16.43 ; 125 + 3,925.56
    assert cost.source_monthly_usd == pytest.approx(166.43)
    assert cost.target_monthly_usd == pytest.approx(4050.56)


def test_unpriced_counts_items_that_lack_a_price_not_items_that_are_free() -> None:
    cost = estimate_plan(MIXED).cost
    # the queue has no price on either side: it is unpriced on both (it used to be taken for free)
    assert cost.unpriced_source == ["db-big", "db-replica", "queue"]
    assert cost.unpriced_target == ["lb", "queue"]
    assert "vpc" not in cost.unpriced_source + cost.unpriced_target  # $0 is a price


def test_categories_use_the_like_for_like_basis_and_keep_the_rest_apart() -> None:
    categories = {line.category: line for line in estimate_plan(MIXED).cost.by_category}
    database = categories["database"]
    assert (database.source_monthly_usd, database.target_monthly_usd) == (0.0, 0.0)
    assert database.target_only_monthly_usd == pytest.approx(3925.56)
    assert categories["network"].source_only_monthly_usd == pytest.approx(16.43)
    assert sum(line.target_monthly_usd for line in categories.values()) == pytest.approx(125.0)


def test_headline_compares_like_with_like_and_says_what_is_left_out() -> None:
    figure = next(figure for figure in headline(estimate_plan(MIXED)) if figure.key == "monthly-cost")
    assert figure.value == "$150 → $125"
    assert figure.detail == (
        "like for like: 3 items priced on both sides. Left out: "
        "2 items priced only on the target (GCP): +$3,926/month (2 db.sql), no AWS list price in the catalog; "
        "1 only on the source (AWS): $16.43/month (1 lb), no GCP list price; "
        "1 on neither side (usage-based or not in the catalogs: 1 queue)"
    )


def test_json_keeps_the_contract_fields_and_adds_the_comparable_ones() -> None:
    document = json.loads(render(estimate_plan(MIXED), "json"))
    cost = document["cost"]
    assert cost["source_monthly_usd"] == 166.43 and cost["target_monthly_usd"] == 4050.56
    assert cost["comparable_source_monthly_usd"] == 150.0 and cost["comparable_target_monthly_usd"] == 125.0
    assert cost["target_only_monthly_usd"] == 3925.56 and cost["source_only_monthly_usd"] == 16.43
    assert cost["priced_target_only"] == ["db-big", "db-replica"] and cost["priced_on_neither"] == ["queue"]
    assert "priced on both sides" in cost["totals_basis"]["comparable_source_monthly_usd"]
    assert "every item with a source list price" in cost["totals_basis"]["source_monthly_usd"]


def test_nothing_left_out_says_nothing_more() -> None:
    plan = plan_of(plan_item("vm", "compute.vm", cost=(100.0, 80.0)))
    figure = headline(estimate_plan(plan))[0]
    assert figure.detail == "like for like: 1 item priced on both sides"
