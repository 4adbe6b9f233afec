"""The scan's request budget (token buckets per API and region, shared by every thread), the limits table it reads,
and the benchmark's throttling front for moto that answers as AWS does."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import boto3
import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.retries.standard import ThrottledRetryableChecker
from werkzeug.serving import make_server

from bench.throttle import ThrottlingMiddleware
from providers.aws.inventory import ScanOptions, scan_account
from providers.aws.inventory.budget import RateBudget, ScanStopped, TokenBucket
from providers.aws.inventory.limits import DEFAULT_LIMIT, LIMITS, bucket_key, floor_seconds, limit_for
from providers.aws.inventory.operations import ALLOWED_OPERATIONS


class FrozenClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_gives_its_burst_then_one_token_per_refill_interval() -> None:
    bucket = TokenBucket(rate_per_s=20.0, burst=100, tokens=100.0, updated=0.0)
    delays = [bucket.reserve(0.0) for _ in range(102)]
    assert delays[:100] == [0.0] * 100
    assert delays[100:] == [pytest.approx(0.05), pytest.approx(0.10)]
    assert bucket.reserve(10.0) == 0.0  # ten seconds later it is full again (capped at the burst)
    assert bucket.tokens == pytest.approx(99.0)


def test_every_thread_of_a_scan_draws_from_the_same_bucket() -> None:
    clock = FrozenClock()
    budget = RateBudget(clock=clock, sleep=lambda seconds: None)
    delays: list[float] = []
    lock = threading.Lock()

    def send(count: int) -> None:
        for _ in range(count):
            delay = budget.wait_turn("ec2", "DescribeVolumes", "us-east-1")
            with lock:
                delays.append(delay)

    threads = [threading.Thread(target=send, args=(30,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 240 requests against one bucket of 100 refilled at 20/s, planned at 90% of that (HEADROOM): the last one is
    # told to wait (240 - 90) / 18 s.
    assert sorted(delays)[-1] == pytest.approx((240 - 90) / 18)
    assert sum(delay == 0 for delay in delays) == 90
    assert budget.sent[("ec2", "*", "us-east-1")] == 240


def test_buckets_are_per_region_except_for_global_apis() -> None:
    assert bucket_key("ec2", "DescribeInstances", "us-east-1")[0] != bucket_key("ec2", "DescribeInstances", "eu-west-1")[0]
    assert bucket_key("route53", "ListHostedZones", "us-east-1")[0] == bucket_key("route53", "GetHostedZone", "eu-west-1")[0]
    assert bucket_key("monitoring", "GetMetricData", "us-east-1")[0] == ("monitoring", "GetMetricData", "us-east-1")
    assert bucket_key("monitoring", "PutDashboard", "us-east-1")[1] is DEFAULT_LIMIT


def test_a_stopped_scan_wakes_the_requests_waiting_for_their_turn() -> None:
    budget = RateBudget(clock=FrozenClock())
    for _ in range(4):
        budget.wait_turn("route53", "ListHostedZones", "us-east-1")
    stopped: list[BaseException] = []

    def wait() -> None:
        try:
            budget.wait_turn("route53", "ListHostedZones", "us-east-1")  # the clock never moves: it would wait forever
        except ScanStopped as exc:
            stopped.append(exc)

    waiter = threading.Thread(target=wait)
    waiter.start()
    budget.stop.set()
    waiter.join(timeout=30)
    assert not waiter.is_alive() and len(stopped) == 1


def test_every_row_of_the_limits_table_names_its_source_and_date() -> None:
    for limit in (*LIMITS, DEFAULT_LIMIT):
        assert limit.rate_per_s > 0 and limit.burst >= 1 and limit.checked
        if limit.published:
            assert limit.source.startswith("https://docs.aws.amazon.com/"), limit
        else:
            assert "publishes no" in limit.source, limit
    keys = [(limit.api, limit.operation) for limit in LIMITS]
    assert len(keys) == len(set(keys))


def test_every_api_the_inventory_calls_has_a_limit() -> None:
    session = botocore.session.get_session()
    for service, operations in ALLOWED_OPERATIONS.items():
        signing_name = session.get_service_model(service).signing_name
        for operation in operations:
            assert limit_for(signing_name, operation).rate_per_s > 0


def test_the_floor_is_the_busiest_bucket_over_its_refill_rate() -> None:
    seconds, key = floor_seconds({("ec2", "*", "us-east-1"): 200, ("ec2", "*", "eu-west-1"): 100, ("route53", "*", "*"): 30})
    assert (seconds, key) == (10.0, ("ec2", "*", "us-east-1"))


@contextmanager
def throttled_moto(**kwargs: object) -> Iterator[tuple[str, ThrottlingMiddleware]]:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app

    logging.getLogger("werkzeug").setLevel(logging.CRITICAL)
    middleware = ThrottlingMiddleware(DomainDispatcherApplication(create_backend_app), **kwargs)  # type: ignore[arg-type]
    server = make_server("127.0.0.1", 0, middleware, threaded=True, request_handler=MotoRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", middleware
    finally:
        server.shutdown()
        thread.join(timeout=10)


CALLS = [  # (boto3 service, method, params, the code AWS answers with)
    ("ec2", "describe_vpcs", {}, "RequestLimitExceeded"),
    ("s3", "list_buckets", {}, "SlowDown"),
    ("sqs", "list_queues", {}, "ThrottlingException"),
    ("iam", "list_roles", {}, "Throttling"),
    ("sns", "list_topics", {}, "Throttling"),
    ("route53", "list_hosted_zones", {}, "Throttling"),
    ("lambda", "list_functions", {}, "TooManyRequestsException"),
    ("cloudwatch", "describe_alarms", {}, "ThrottlingException"),
    ("dynamodb", "list_tables", {}, "ThrottlingException"),
]


@pytest.mark.parametrize(("service", "method", "params", "code"), CALLS, ids=[call[0] for call in CALLS])
def test_the_throttling_front_answers_in_each_protocols_own_shape(fake_aws_credentials: None, service: str, method: str,
                                                                  params: dict[str, object], code: str) -> None:
    with throttled_moto(clock=FrozenClock(), start_full=False) as (url, middleware):
        client = boto3.client(service, region_name="us-east-1", endpoint_url=url,
                              config=Config(retries={"mode": "standard", "max_attempts": 2}))
        with pytest.raises(ClientError) as raised:
            getattr(client, method)(**params)
    assert raised.value.response["Error"]["Code"] == code
    assert code in ThrottledRetryableChecker._THROTTLED_ERROR_CODES  # noqa: SLF001 - botocore retries it as throttling
    assert sum(middleware.throttled.values()) >= 2  # botocore asked again, as it does AWS


def test_a_scan_keeps_to_the_documented_rates_and_loses_nothing(fake_aws_credentials: None) -> None:
    """Route 53 allows 5 requests a second per account: a scan of 4 zones sends more than that, and still no
    request is throttled, because the scan's budget holds it to the rate the front enforces."""
    with throttled_moto(enabled=False) as (url, middleware):
        route53 = boto3.client("route53", region_name="us-east-1", endpoint_url=url)
        for index in range(4):
            route53.create_hosted_zone(Name=f"zone{index}.example.com", CallerReference=f"zone-{index}")
        boto3.client("sqs", region_name="us-east-1", endpoint_url=url).create_queue(QueueName="jobs")
        options = ScanOptions(regions=["us-east-1"], services=["route53", "sqs"], endpoint_url=url, concurrency=8)
        unthrottled = scan_account(options)
        middleware.reset()
        middleware.enabled = True
        throttled = scan_account(options)
    assert middleware.passed[("route53", "*", "*")] > 5
    assert sum(middleware.throttled.values()) == 0
    assert throttled.errors == []
    assert sorted(resource.id for resource in throttled.resources) == sorted(resource.id for resource in unthrottled.resources)
    assert throttled.stats.budget_wait_seconds > 0


def test_route53_zone_tags_come_ten_zones_a_call(moto_server: str) -> None:
    route53 = boto3.client("route53", region_name="us-east-1", endpoint_url=moto_server)
    zone_ids = [route53.create_hosted_zone(Name=f"z{index}.example.com", CallerReference=f"z{index}")["HostedZone"]["Id"]
                for index in range(12)]
    route53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zone_ids[11].rsplit("/", 1)[-1],
                                     AddTags=[{"Key": "team", "Value": "dns"}])
    inventory = scan_account(ScanOptions(regions=["us-east-1"], services=["route53"], endpoint_url=moto_server))
    zones = {resource.name: resource for resource in inventory.resources if resource.key == "aws.route53.zone"}
    assert len(zones) == 12 and zones["z11.example.com"].tags == {"team": "dns"} and zones["z0.example.com"].tags == {}
    assert inventory.stats.calls_by_operation["route53:ListTagsForResources"] == 2
    assert "route53:ListTagsForResource" not in inventory.stats.calls_by_operation
