"""What a scan reads: the account's profile, regions, services and endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ALL_REGIONS = "all"


@dataclass(frozen=True)
class ScanOptions:
    """The knobs of `scan_account`.

    `regions`: a list of region names, "all" (the regions enabled for the account,
    from ec2 DescribeRegions) or None (the session's default region).
    `services`: boto3 service names to narrow the scan to (ec2, s3, ...); None = all.
    `endpoint_url`: one endpoint for every service (an emulator such as moto's server).
    `concurrency`: how many requests are in flight at once: the threads of the scan's one pool, shared by the
    (region, service) jobs and their per-item calls.
    `deadline_s`: seconds from the start of the scan until which throttled or failed calls are asked again (after
    botocore's own retries); None: botocore's retries only.
    """

    profile: str | None = None
    regions: list[str] | Literal["all"] | None = None
    services: list[str] | None = None
    endpoint_url: str | None = None
    concurrency: int = 16
    progress: bool = False
    deadline_s: float | None = None
