"""The headline's wording: each figure says what drives it and what to do about it."""

from __future__ import annotations

import pytest

from planner.estimation import estimate_plan
from planner.reports.headline import headline
from tests.estimate_fixtures import plan_item, plan_of

GIB = 1024**3
BYTES_PER_HOUR = 7e8 / 8 * 3600  # 1 Gbit/s nominal x 0.7 efficiency


def _figure(plan, key: str, **arguments):
    return next(figure for figure in headline(estimate_plan(plan, bandwidth_bps=1e9, **arguments)) if figure.key == key)


def test_a_long_dns_ttl_is_worded_as_the_action_that_removes_it() -> None:
    plan = plan_of(
        plan_item("db", "db.sql", data_bytes=10 * GIB, facts={"engine": "postgres"}),
        {**plan_item("legacy", "dns.record", facts={"record_type": "CNAME", "ttl": 86400,
                                                     "values": ["legacy-1.us-east-1.elb.amazonaws.com"]}),
         "source": {"key": "aws.route53.record_set", "id": "r1", "region": "global", "name": "legacy.example.com. CNAME"}},
    )
    estimate = estimate_plan(plan, bandwidth_bps=1e9)
    # 30 min fixed + 5 min for the one store + replication lag (10 GiB x 0.02/24 h x 1 min, ~0.1 s) + 24 h TTL
    assert estimate.downtime.hours == pytest.approx(24 + 35 / 60, abs=1e-3)
    # lowered to 60 s ahead: 35 min + 1 min
    assert estimate.downtime.hours_with_lowered_ttl == pytest.approx(36 / 60, abs=1e-3)
    assert estimate.downtime.dns_record_name == "legacy.example.com"
    figure = _figure(plan, "downtime")
    assert figure.value == "24.6 h"
    assert figure.detail == (
        "24.0 h of it is waiting out the 86,400 s TTL of legacy.example.com: lower that TTL to 60 s "
        "at least 24.0 h before the cutover and downtime drops to 36 min"
    )


def test_data_at_risk_names_the_store_and_how_much_of_it_is_lost() -> None:
    # media (40 h of copying) cannot be out by 30 h; the db (1 h) leaves first, then media from 2 h:
    # 28 h of it out, 12 h of it (12 x 3.15e11 bytes = 3.4 TiB) lost
    plan = plan_of(
        plan_item("media", "storage.object", data_bytes=int(40 * BYTES_PER_HOUR)),
        plan_item("db", "db.sql", data_bytes=int(1 * BYTES_PER_HOUR)),
    )
    figure = _figure(plan, "at-risk", deadline_hours=30.0)
    assert figure.value == "3.4 TiB" and figure.alert
    assert figure.detail.startswith("not out of AWS by the 30.0 h cut-off: ")
    assert "the last 3.4 TiB of media (11.5 TiB in all); the other store is out; to lose nothing: " in figure.detail


def test_several_stores_lost_are_counted_biggest_loss_first() -> None:
    plan = plan_of(*(plan_item(f"volume-{n}", "storage.block", data_bytes=int(n * BYTES_PER_HOUR)) for n in (1, 2, 3)))
    # 1 h setup, then 1 h for volume-1; volume-2 and volume-3 cannot be out by 2.5 h
    figure = _figure(plan, "at-risk", deadline_hours=2.5)
    assert "2 of 3 stores not fully out: volume-3 (" in figure.detail and "), volume-2 (" in figure.detail


def test_everything_out_means_nothing_at_risk() -> None:
    plan = plan_of(plan_item("db", "db.sql", data_bytes=GIB))
    figure = _figure(plan, "at-risk", deadline_hours=30.0)
    assert (figure.value, figure.alert) == ("none", False)
    assert figure.detail == "all 1.0 GiB out of AWS by the 30.0 h cut-off"


def test_egress_to_aws_is_called_an_upper_bound() -> None:
    plan = plan_of(plan_item("bucket", "storage.object", data_bytes=GIB), target="aws")
    assert "an upper bound" in _figure(plan, "egress").detail
    assert "an upper bound" not in _figure(plan_of(plan_item("bucket", "storage.object", data_bytes=GIB)), "egress").detail


@pytest.mark.parametrize(("values", "depends_on", "waited"), [
    (["198.51.100.24"], [], False),  # an address outside AWS: the record keeps working
    (["10 mx1.mail.example."], [], False),  # mail hosted elsewhere
    (["d111111abcdef8.cloudfront.net."], [], True),  # a CloudFront host name goes with the account
    (["203.0.113.9"], ["vm"], True),  # the address of an inventoried instance the target replaces
])
def test_only_records_whose_value_the_move_replaces_wait_out_their_ttl(values: list[str], depends_on: list[str],
                                                                       waited: bool) -> None:
    record = {**plan_item("legacy", "dns.record", facts={"record_type": "A", "ttl": 86400, "values": values}),
              "depends_on": depends_on}
    plan = plan_of(plan_item("vm", "compute.vm"), record)
    downtime = estimate_plan(plan, bandwidth_bps=1e9).downtime
    assert (downtime.dns_record == "legacy") is waited
    assert downtime.components["DNS TTL"] == (24.0 if waited else 0.0)


def test_a_tiny_store_takes_a_short_cutover_step() -> None:
    """A registry of a few images is not five minutes of outage (downtime.small_store_bytes / _minutes)."""
    plan = plan_of(plan_item("registry", "container.registry", data_bytes=10 * 1024),
                   plan_item("db", "db.sql", data_bytes=10 * GIB, facts={"engine": "postgres"}))
    downtime = estimate_plan(plan, bandwidth_bps=1e9).downtime
    assert downtime.components["per-store steps"] == pytest.approx((0.5 + 5.0) / 60)
