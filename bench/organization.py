"""Organization benchmark: `scan_organization` of three accounts against three single-account scans, one after
another, on the same moto server (its own process, so that its CPU is not the scans') with a per-request latency.

Each account holds the same footprint (VPCs, subnets, security groups, instances, buckets, queues); the member
accounts are made through moto's Organizations and entered with STS AssumeRole, as in production. The ratio is
organization / sequential wall time (lower is better), measured in the same run.
"""

from __future__ import annotations

import os
import time
from typing import Any

import boto3

from bench.moto_server import server_subprocess
from bench.report import Results, Row, RunOptions

ACCOUNTS = 3
LATENCY_MS = 50  # a cross-region AWS API round trip
REGIONS = ["us-east-1", "eu-west-1"]
SERVICES = ["ec2", "s3", "sqs", "iam"]
DEFAULT_SIZES = (30,)  # resources per account
QUICK_SIZES = (30,)
CONCURRENCY = 16



def _credentials() -> None:
    for name, value in {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1"}.items():
        os.environ.setdefault(name, value)


def _member_session(endpoint: str, account: str) -> boto3.Session:
    credentials = boto3.client("sts", endpoint_url=endpoint).assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole", RoleSessionName="bench")["Credentials"]
    return boto3.Session(aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                         aws_session_token=credentials["SessionToken"], region_name="us-east-1")


def _footprint(session: boto3.Session, endpoint: str, account: str, size: int) -> None:
    per_kind = max(1, size // 5)
    for region in REGIONS:
        ec2 = session.client("ec2", endpoint_url=endpoint, region_name=region)
        vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
        for index in range(per_kind // len(REGIONS) or 1):
            subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.60.{index}.0/24")["Subnet"]["SubnetId"]
            ec2.create_security_group(GroupName=f"g{index}", Description="bench", VpcId=vpc)
            ec2.run_instances(ImageId="ami-12c6146b", InstanceType="t3.small", MinCount=1, MaxCount=1, SubnetId=subnet)
            session.client("sqs", endpoint_url=endpoint, region_name=region).create_queue(QueueName=f"q{index}")
    s3 = session.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    for index in range(per_kind):
        s3.create_bucket(Bucket=f"bench-{account}-{index}")


def _organization(endpoint: str, size: int) -> list[tuple[str, boto3.Session | None]]:
    organizations = boto3.client("organizations", endpoint_url=endpoint)
    organizations.create_organization(FeatureSet="ALL")
    accounts: list[tuple[str, boto3.Session | None]] = [(boto3.client("sts", endpoint_url=endpoint).get_caller_identity()["Account"], None)]
    for index in range(ACCOUNTS - 1):
        status = organizations.create_account(AccountName=f"member{index}", Email=f"m{index}@example.com")
        account = status["CreateAccountStatus"]["AccountId"]
        accounts.append((account, _member_session(endpoint, account)))
    for account, session in accounts:
        _footprint(session or boto3.Session(region_name="us-east-1"), endpoint, account, size)
    return accounts


def _timed(action: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def run(results: Results, sizes: tuple[int, ...], options: RunOptions) -> None:
    from providers.aws.inventory import ScanOptions, scan_account
    from providers.aws.inventory.organization import scan_organization

    _credentials()
    details: dict[str, Any] = results.details.setdefault("organization", {})
    for size in sizes:
        with server_subprocess() as server:
            accounts = _organization(server.endpoint_url, size)
            scan = ScanOptions(regions=REGIONS, services=SERVICES, endpoint_url=server.endpoint_url, concurrency=CONCURRENCY)
            server.set_latency_ms(LATENCY_MS)
            server.reset()
            together, inventory = _timed(lambda: scan_organization(scan))
            requests_together = server.stats()["requests"]
            server.reset()
            one_by_one, singles = _timed(lambda: [scan_account(scan, session=session) for _, session in accounts])
            requests_single = server.stats()["requests"]
        found, expected = len(inventory.resources), sum(len(single.resources) for single in singles)
        details[str(size)] = {"organization_s": together, "sequential_s": one_by_one, "resources": found,
                              "sequential_resources": expected, "requests": requests_together,
                              "sequential_requests": requests_single}
        label = f"organization {ACCOUNTS} accounts x {size} @{LATENCY_MS}ms"
        results.add(Row("organization", f"{label}: wall", round(together, 2), "s",
                        ratio=round(together / one_by_one, 3), baseline=round(one_by_one, 2),
                        note="baseline: the three accounts scanned one after another"))
        results.add(Row("organization", f"{label}: resources found", found, "", baseline=expected,
                        ratio=round(found / expected, 3) if expected else None))
        results.add(Row("organization", f"{label}: requests", requests_together, "", baseline=requests_single,
                        ratio=round(requests_together / requests_single, 3) if requests_single else None))
