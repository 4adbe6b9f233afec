"""The evacuation schedule against a deadline, with its edge cases.

Link for all tests: 1 Gbit/s nominal x 0.7 efficiency = 7e8 bit/s = 3.15e11 bytes per hour;
copying starts after the default 1 h setup delay.
"""

from __future__ import annotations

import pytest

from planner.core.model import Plan
from planner.estimation import estimate_plan
from tests.estimate_fixtures import plan_item, plan_of

BYTES_PER_HOUR = 7e8 / 8 * 3600  # 3.15e11


def _plan(*items: tuple[str, str, int]) -> Plan:
    return plan_of(*(plan_item(item_id, kind, data_bytes=size) for item_id, kind, size in items))


STORES = _plan(
    ("cache", "cache", int(1 * BYTES_PER_HOUR)),  # rank 4
    ("volume", "storage.block", int(2 * BYTES_PER_HOUR)),  # rank 2
    ("media", "storage.object", int(3 * BYTES_PER_HOUR)),  # rank 1
    ("db", "db.sql", int(1 * BYTES_PER_HOUR)),  # rank 1, smaller than media
)


def _deadline(plan: Plan, hours: float):
    deadline = estimate_plan(plan, bandwidth_bps=1e9, deadline_hours=hours).deadline
    assert deadline is not None
    return deadline


def test_priority_then_size_order_and_the_curve() -> None:
    deadline = _deadline(STORES, 100)
    assert [step.item_id for step in deadline.steps] == ["db", "media", "volume", "cache"]
    # 1 h setup, then db 1 h, media 3 h, volume 2 h, cache 1 h
    assert [round(step.end_hours, 6) for step in deadline.steps] == [2, 5, 7, 8]
    assert deadline.curve[0] == (0.0, 0.0) and deadline.curve[1] == (1.0, 0.0)
    assert deadline.curve[-1] == (pytest.approx(8.0), deadline.total_bytes)
    assert deadline.total_bytes == pytest.approx(7 * BYTES_PER_HOUR, abs=8)


def test_everything_fits() -> None:
    deadline = _deadline(STORES, 100)
    assert deadline.outcome == "everything fits"
    assert deadline.items_lost == [] and deadline.bytes_lost == pytest.approx(0)
    # 7 h of data in 99 h of copy window: 7 x 3.15e11 x 8 / (99 x 3600) / 0.7
    assert deadline.required_bps == pytest.approx(7 * BYTES_PER_HOUR * 8 / (99 * 3600) / 0.7, rel=1e-6)


def test_partial_counts_bytes_of_the_store_in_flight() -> None:
    # cut-off at 6 h: db 1 -> 2 h, media 2 -> 5 h; volume (2 h) would end at 7 h, so it waits;
    # cache (1 h) is out 5 -> 6 h; volume then copies from 6 h: nothing of it is out.
    deadline = _deadline(STORES, 6)
    assert deadline.outcome == "partial"
    assert [step.item_id for step in deadline.steps] == ["db", "media", "cache", "volume"]
    assert deadline.items_out == ["db", "media", "cache"]
    assert deadline.items_lost == ["volume"]
    assert deadline.bytes_out == pytest.approx(5 * BYTES_PER_HOUR, rel=1e-9)  # 5 h of copying
    assert deadline.bytes_lost == pytest.approx(2 * BYTES_PER_HOUR, rel=1e-9)
    # lose nothing: 7 h of data in a 5 h window at 1 Gbit/s -> 1.4 Gbit/s
    assert deadline.required_bps == pytest.approx(1.4e9, rel=1e-6)


def test_a_store_too_big_for_the_deadline_does_not_hold_the_small_ones_hostage() -> None:
    # media (rank 1) needs 40 h: it cannot be out by 30 h whatever the order, so the rank-2 volume
    # (0.5 h) and the rank-4 cache (0.25 h) go first: 1 -> 1.5 -> 1.75 h; media copies 1.75 -> 30 h,
    # 28.25 h of its 40 h out; the 11.75 h left is all that is lost, in one store.
    plan = _plan(
        ("media", "storage.object", int(40 * BYTES_PER_HOUR)),
        ("volume", "storage.block", int(0.5 * BYTES_PER_HOUR)),
        ("cache", "cache", int(0.25 * BYTES_PER_HOUR)),
    )
    deadline = _deadline(plan, 30)
    assert [step.item_id for step in deadline.steps] == ["volume", "cache", "media"]
    assert deadline.items_lost == ["media"]
    assert deadline.bytes_lost == pytest.approx(11.75 * BYTES_PER_HOUR, rel=1e-6)
    assert deadline.steps[-1].bytes_out == pytest.approx(28.25 * BYTES_PER_HOUR, rel=1e-6)


def test_nothing_fits_when_the_cutoff_comes_before_the_first_store_is_out() -> None:
    deadline = _deadline(STORES, 1.5)  # db would finish at 2 h
    assert deadline.outcome == "nothing fits"
    assert deadline.items_out == []
    assert deadline.bytes_out == pytest.approx(0.5 * BYTES_PER_HOUR, rel=1e-9)


def test_no_time_left_after_setup_means_no_bandwidth_is_enough() -> None:
    deadline = _deadline(STORES, 0.5)
    assert deadline.outcome == "nothing fits"
    assert deadline.bytes_out == 0
    assert deadline.required_bps is None and deadline.required_streams is None


def test_no_data() -> None:
    deadline = _deadline(_plan(("vpc", "network.vpc", 0)), 30)
    assert deadline.outcome == "no data"
    assert deadline.steps == [] and deadline.total_bytes == 0 and deadline.bytes_lost == 0
    assert deadline.required_bps == 0.0


def test_no_deadline_no_schedule() -> None:
    assert estimate_plan(STORES).deadline is None
