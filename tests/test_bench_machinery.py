"""The benchmark machinery works on tiny sizes: the middleware, seeding, the baseline, rows, children.

No wall-time assertions: these check that the instruments measure what they claim.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import boto3
import pytest

from bench.baseline import list_account
from bench.footprint import BENCH_CREDENTIALS, seed_footprint
from bench.moto_server import BenchServer, RemoteControl, start_in_process
from bench.process import run_measured
from bench.report import Row, Target, format_table, ratio_of
from bench.synthetic import generate_inventory
from planner.core.model.inventory import Inventory


class RecordingSleep:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


@pytest.fixture
def server(sleep: RecordingSleep) -> Iterator[BenchServer]:
    running = start_in_process(latency_s=0.05, sleep=sleep)
    yield running
    running.stop()


def _sqs(endpoint_url: str):  # noqa: ANN202 - boto3 clients have no static type
    return boto3.session.Session(region_name="eu-west-1", **BENCH_CREDENTIALS).client("sqs", endpoint_url=endpoint_url)


def test_middleware_counts_each_request_and_adds_the_latency(server: BenchServer, sleep: RecordingSleep) -> None:
    sqs = _sqs(server.endpoint_url)
    sqs.create_queue(QueueName="one")
    sqs.list_queues()
    sqs.list_queues()
    stats = RemoteControl(server.endpoint_url).stats()  # control calls are neither counted nor delayed
    assert stats["requests"] == 3
    assert stats["by_service"] == {"sqs/eu-west-1": 3}
    assert sleep.calls == [0.05, 0.05, 0.05]


def test_latency_and_counters_are_set_over_http(server: BenchServer, sleep: RecordingSleep) -> None:
    control = RemoteControl(server.endpoint_url)
    control.set_latency_ms(0)
    _sqs(server.endpoint_url).list_queues()
    assert sleep.calls == []
    assert control.stats()["requests"] == 1
    control.reset()
    assert control.stats()["requests"] == 0
    control.set_latency_ms(120)
    _sqs(server.endpoint_url).list_queues()
    assert sleep.calls == [0.12]


def test_baseline_lists_what_the_footprint_seeded(server: BenchServer) -> None:
    RemoteControl(server.endpoint_url).set_latency_ms(0)
    # The server may be shared with other bench tests of this worker: count what this seeding added.
    before = list_account(server.endpoint_url, ["us-west-2"], BENCH_CREDENTIALS)
    seeded = seed_footprint(server.endpoint_url, 20, regions=("us-west-2",)).seeded
    server.middleware.reset()
    after = list_account(server.endpoint_url, ["us-west-2"], BENCH_CREDENTIALS)
    counts = {type_key: count - before.get(type_key, 0) for type_key, count in after.items()}
    for seeded_row, listed_type in {
        "instances": "aws.ec2.instance",
        "volumes": "aws.ec2.volume",
        "queues": "aws.sqs.queue",
        "topics": "aws.sns.topic",
        "tables": "aws.dynamodb.table",
        "functions": "aws.lambda.function",
        "buckets": "aws.s3.bucket",
        "listeners": "aws.elbv2.listener",
        "db_instances": "aws.rds.instance",
    }.items():
        assert counts[listed_type] == seeded[seeded_row], listed_type
    assert counts["aws.route53.record_set"] >= seeded["records"]  # plus the zone's own SOA and NS
    assert server.middleware.requests > 0


def test_rows_judge_targets_on_value_or_ratio() -> None:
    on_ratio = Row("inventory", "wall", 2.0, "s", Target(0.4, "ratio"), ratio_of(2.0, 10.0), 10.0)
    on_value = Row("planning", "build", 12.0, "s", Target(10.0, strict=True))
    at_limit = Row("planning", "scaling", 11.0, "x", Target(11.0))
    not_run = Row("preview", "demo", None, note="generate failed")
    assert (on_ratio.status, on_value.status, at_limit.status, not_run.status) == ("pass", "miss", "pass", "error")
    table = format_table([on_ratio, on_value, at_limit, not_run])
    assert "| wall " in table and "0.20x" in table and "<= 0.4x" in table and "< 10 s" in table
    assert ratio_of(1.0, 0.0) is None


def test_child_measurement_reports_the_childs_peak_memory() -> None:
    measured = run_measured([sys.executable, "-c", "block = bytearray(64 * 1024 * 1024); print('{\"ok\": 1}')"])
    assert measured.returncode == 0
    assert measured.max_rss_bytes >= 64 * 1024 * 1024
    assert measured.last_json() == {"ok": 1}


def test_synthetic_inventory_is_valid_and_self_contained() -> None:
    document = generate_inventory(300)
    inventory = Inventory.model_validate(document)
    ids = {resource.id for resource in inventory.resources}
    assert len(ids) == len(inventory.resources)
    assert 280 <= len(ids) <= 340
    assert all(ref in ids for resource in inventory.resources for ref in resource.refs)
    assert generate_inventory(300) == document  # deterministic


def test_child_peak_memory_is_not_the_parents() -> None:
    parent_ballast = bytearray(300 * 1024 * 1024)  # Linux would carry this peak into a child spawned directly
    measured = run_measured([sys.executable, "-c", "pass"])
    assert measured.max_rss_bytes < 100 * 1024 * 1024
    assert len(parent_ballast) > 0


def test_a_job_over_its_time_limit_is_stopped_and_flagged() -> None:
    measured = run_measured([sys.executable, "-c", "import time; time.sleep(60)"], timeout_s=1)
    assert measured.timed_out
    assert measured.returncode != 0
