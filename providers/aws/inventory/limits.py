"""How fast AWS lets one account read each API: token buckets (a burst, refilled at a rate), with their sources.

AWS throttles per account, per API and, for regional services, per region: a bucket holds `burst` tokens, each
request takes one, and `rate_per_s` tokens come back every second. A scan that sends faster than the refill rate
is answered with throttling errors and waits out retries; one that sends at the rate is never throttled. The scan's
request budget (providers/aws/inventory/budget.py) and the benchmark's throttling front for moto
(bench/throttle.py) both read this table, so the benchmark throttles at the figures the scan plans for.

An API is named as the request's SigV4 credential scope names it (the signing name: `monitoring` for CloudWatch,
`elasticloadbalancing` for both load balancer APIs, `tagging` for the Resource Groups Tagging API), because that is
what both the client and a server see. A row with an operation applies to that operation alone; a row without one
to every operation of the API that has no row of its own.

Where AWS publishes no figure, the row says so and holds a conservative default (`DEFAULT_LIMIT` for any API not
listed): lower than what the API is seen to take in practice, so that the budget errs on the side of not being
throttled. Figures were read on CHECKED from the pages named in `source`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Scope = Literal["region", "account"]  # one bucket per region, or one for the whole account (global APIs)
CHECKED = "2026-12-03"
ANY_OPERATION = "*"
ANY_REGION = "*"
LimitKey = tuple[str, str, str]  # (signing name, operation or "*", region or "*")


@dataclass(frozen=True)
class ApiLimit:
    api: str  # the SigV4 signing name
    rate_per_s: float  # tokens refilled per second
    burst: int  # bucket size
    scope: Scope = "region"
    operation: str = ANY_OPERATION
    source: str = ""  # the page the figure is from, or why it is a default
    published: bool = True  # False: AWS publishes no figure; this is the conservative default named in `source`
    checked: str = CHECKED


NO_FIGURE = "AWS publishes no request rate for this API; conservative default"
DEFAULT_LIMIT = ApiLimit("*", 50.0, 50, source=f"{NO_FIGURE} for any API not listed", published=False)

LIMITS: tuple[ApiLimit, ...] = (
    ApiLimit("ec2", 20.0, 100, source="https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html "
             "(non-mutating Describe* actions: bucket 100, refill 20/s, per account and region)"),
    ApiLimit("route53", 5.0, 5, scope="account",
             source="https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html "
                    "(all requests: five per second per AWS account)"),
    ApiLimit("route53domains", 5.0, 5, scope="account", published=False,
             source=f"{NO_FIGURE}: Route 53's own five per second per account"),
    ApiLimit("iam", 15.0, 15, scope="account", published=False,
             source=f"{NO_FIGURE}: 15/s, the low end of the 15-40/s IAM is seen to take (issue 15)"),
    ApiLimit("cloudfront", 10.0, 10, scope="account", published=False, source=f"{NO_FIGURE} (a global API)"),
    ApiLimit("organizations", 10.0, 10, scope="account", published=False, source=f"{NO_FIGURE} (a global API)"),
    ApiLimit("lambda", 15.0, 15, source="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html "
             "(control plane API requests other than invocation, GetFunction and GetPolicy: 15 per second per region)"),
    ApiLimit("monitoring", 50.0, 50, operation="GetMetricData",
             source="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html "
                    "(GetMetricData: 50 TPS per region)"),
    ApiLimit("monitoring", 9.0, 9, operation="DescribeAlarms",
             source="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html "
                    "(DescribeAlarms: 9 TPS per region)"),
    ApiLimit("monitoring", 25.0, 25, operation="ListMetrics",
             source="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html "
                    "(ListMetrics: 25 TPS per region)"),
    ApiLimit("s3", 100.0, 100, published=False,
             source=f"{NO_FIGURE} for bucket configuration reads (GetBucketVersioning, ...); S3 documents only "
                    "5,500 GET/HEAD per second per prefix for objects "
                    "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html); 100/s per "
                    "region"),
)

_BY_KEY: dict[tuple[str, str], ApiLimit] = {(limit.api, limit.operation): limit for limit in LIMITS}


def limit_for(api: str, operation: str) -> ApiLimit:
    """The row for `operation` of `api`: its own, else the API's, else the default."""
    return _BY_KEY.get((api, operation)) or _BY_KEY.get((api, ANY_OPERATION)) or DEFAULT_LIMIT


def bucket_key(api: str, operation: str, region: str) -> tuple[LimitKey, ApiLimit]:
    """The bucket one request draws from: per operation only where the operation has its own row, per region
    unless the API is global."""
    limit = limit_for(api, operation)
    key = (api, limit.operation, ANY_REGION if limit.scope == "account" else region)
    return key, limit


def floor_seconds(requests_by_key: dict[LimitKey, int]) -> tuple[float, LimitKey | None]:
    """The least time a scan that sent these requests can take if it is never throttled: the largest, over the
    buckets, of requests / refill rate (buckets refill in parallel; a bucket's own requests cannot). The burst is
    not subtracted, so a scan can come in under this figure by up to burst / rate on its busiest bucket."""
    worst: tuple[float, LimitKey | None] = (0.0, None)
    for key, requests in requests_by_key.items():
        api, operation, _region = key
        seconds = requests / limit_for(api, operation).rate_per_s
        if seconds > worst[0]:
            worst = (seconds, key)
    return worst
