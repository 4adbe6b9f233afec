"""Faults end up in errors[] and the scan goes on; what cannot run is one PlannerError."""

from __future__ import annotations

import json

import boto3
import pytest
import requests
from botocore.exceptions import EndpointConnectionError

from planner.core.errors import EXIT_FAILED, EXIT_USAGE, PlannerError, UsageError
from providers.aws.inventory import ScanOptions, scan_account
from providers.aws.inventory.context import ErrorLog, JobContext, ServiceUnreachable
from providers.aws.inventory.session import ClientFactory, guarded_session

READ_SOME_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["sts:GetCallerIdentity", "ec2:Describe*", "sqs:List*", "sqs:Get*", "s3:List*", "s3:GetBucket*", "s3:GetBucketLocation"],
            "Resource": "*",
        }
    ],
}


def _restricted_user_keys(url: str) -> dict[str, str]:
    iam = boto3.client("iam", region_name="us-east-1", endpoint_url=url)
    iam.create_user(UserName="auditor")
    iam.put_user_policy(UserName="auditor", PolicyName="read-some", PolicyDocument=json.dumps(READ_SOME_POLICY))
    key = iam.create_access_key(UserName="auditor")["AccessKey"]
    return {"AWS_ACCESS_KEY_ID": key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]}


def _enforce_iam_from_now_on(url: str) -> None:
    requests.post(f"{url}/moto-api/reset-auth", data=b"0", timeout=30).raise_for_status()


def test_access_denied_is_recorded_and_the_rest_is_found(moto_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    boto3.client("sqs", region_name="us-west-2", endpoint_url=moto_server).create_queue(QueueName="visible", tags={"team": "jobs"})
    boto3.client("rds", region_name="us-west-2", endpoint_url=moto_server).create_db_instance(
        DBInstanceIdentifier="hidden", Engine="postgres", DBInstanceClass="db.t3.micro", AllocatedStorage=20, MasterUsername="a", MasterUserPassword="password1"
    )
    s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=moto_server)
    s3.create_bucket(Bucket="listed-bucket")
    s3.put_object(Bucket="listed-bucket", Key="a", Body=b"x" * 1500)
    s3.put_object(Bucket="listed-bucket", Key="b", Body=b"y" * 500)
    keys = _restricted_user_keys(moto_server)
    for name, value in keys.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_SESSION_TOKEN")
    _enforce_iam_from_now_on(moto_server)

    inventory = scan_account(ScanOptions(regions=["us-west-2"], services=["sqs", "rds", "s3", "ec2"], endpoint_url=moto_server))

    found = {(resource.key, resource.name) for resource in inventory.resources}
    assert ("aws.sqs.queue", "visible") in found
    assert ("aws.s3.bucket", "listed-bucket") in found
    assert any(key == "aws.ec2.vpc" for key, _ in found)
    assert not any(key.startswith("aws.rds.") for key, _ in found)
    denied = {(error.service, error.operation) for error in inventory.errors}
    assert ("rds", "DescribeDBInstances") in denied and ("rds", "DescribeDBClusters") in denied
    # tag:GetResources is denied too: recorded once per region, and the tags come one queue at a time
    assert ("resourcegroupstaggingapi", "GetResources") in denied
    assert next(resource for resource in inventory.resources if resource.name == "visible").tags == {"team": "jobs"}
    assert inventory.stats.calls_by_operation["sqs:ListQueueTags"] == 1
    assert all(error.code == "AccessDenied" for error in inventory.errors)
    rds_error = next(error for error in inventory.errors if error.operation == "DescribeDBInstances")
    assert rds_error.region == "us-west-2" and "auditor" in rds_error.message
    # CloudWatch is denied too: the bucket size comes from a bounded listing instead
    assert ("cloudwatch", "ListMetrics") in denied
    bucket = next(resource for resource in inventory.resources if resource.key == "aws.s3.bucket")
    assert (bucket.props["size_source"], bucket.props["size_bytes"], bucket.props["object_count"]) == ("listing", 2000, 2)


def test_unknown_region_is_a_usage_error(moto_server: str) -> None:
    with pytest.raises(UsageError, match="unknown region us-west-9") as raised:
        scan_account(ScanOptions(regions=["us-east-1", "us-west-9"], endpoint_url=moto_server))
    assert raised.value.exit_code == EXIT_USAGE
    with pytest.raises(UsageError, match="unknown region Moon"):
        scan_account(ScanOptions(regions=["Moon"], endpoint_url=moto_server))


def test_unknown_service_is_a_usage_error(moto_server: str) -> None:
    with pytest.raises(UsageError, match="unknown service glacier"):
        scan_account(ScanOptions(regions=["us-east-1"], services=["glacier"], endpoint_url=moto_server))


def test_region_not_opted_in_is_recorded_and_skipped(moto_server: str) -> None:
    boto3.client("sqs", region_name="us-east-1", endpoint_url=moto_server).create_queue(QueueName="q")
    inventory = scan_account(ScanOptions(regions=["us-east-1", "ap-east-1"], services=["sqs"], endpoint_url=moto_server))
    assert inventory.source.regions == ["us-east-1"]
    assert [resource.name for resource in inventory.resources] == ["q"]
    assert [(error.region, error.code) for error in inventory.errors] == [("ap-east-1", "RegionNotEnabled")]


def test_all_regions_means_the_enabled_regions_of_the_partition(moto_server: str) -> None:
    boto3.client("sqs", region_name="ap-southeast-2", endpoint_url=moto_server).create_queue(QueueName="far-away")
    boto3.client("sqs", region_name="eu-north-1", endpoint_url=moto_server).create_queue(QueueName="north")
    inventory = scan_account(ScanOptions(regions="all", services=["sqs"], endpoint_url=moto_server, concurrency=16))
    regions = inventory.source.regions
    assert {"us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2", "eu-north-1"} <= set(regions)
    assert "ap-east-1" not in regions  # not opted in
    assert not any(region.startswith(("us-gov-", "cn-")) for region in regions)  # other partitions
    assert {(resource.name, resource.region) for resource in inventory.resources} == {("far-away", "ap-southeast-2"), ("north", "eu-north-1")}
    assert inventory.errors == []


def test_default_region_comes_from_the_session(moto_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    boto3.client("sqs", region_name="eu-west-1", endpoint_url=moto_server).create_queue(QueueName="home")
    inventory = scan_account(ScanOptions(services=["sqs"], endpoint_url=moto_server))
    assert inventory.source.regions == ["eu-west-1"]
    assert [resource.name for resource in inventory.resources] == ["home"]


def test_missing_credentials_is_one_planner_error(moto_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name)
    with pytest.raises(PlannerError, match="no AWS credentials") as raised:
        scan_account(ScanOptions(regions=["us-east-1"], endpoint_url=moto_server))
    assert raised.value.exit_code == EXIT_FAILED


def test_unknown_profile_is_one_planner_error(moto_server: str) -> None:
    with pytest.raises(PlannerError, match="profile 'nobody' not found") as raised:
        scan_account(ScanOptions(profile="nobody", regions=["us-east-1"], endpoint_url=moto_server))
    assert raised.value.exit_code == EXIT_FAILED


def test_unreachable_endpoint_stops_only_its_pair(moto_server: str) -> None:
    """EndpointConnectionError (a service not offered in a region) is recorded and ends that job only."""
    session, tracker = guarded_session(None)
    error_log = ErrorLog()
    ctx = JobContext(
        region="ap-south-2", service="efs", account_id="123456789012", partition="aws", client_region="ap-south-2",
        clients=ClientFactory(session, endpoint_url=moto_server, concurrency=1), tracker=tracker, pool=None,
        error_log=error_log,
    )
    with pytest.raises(ServiceUnreachable):
        ctx.record(EndpointConnectionError(endpoint_url="https://elasticfilesystem.ap-south-2.amazonaws.com/"), operation="DescribeFileSystems")
    [error] = error_log.errors
    assert (error.region, error.service, error.operation, error.code) == ("ap-south-2", "efs", "DescribeFileSystems", "EndpointConnectionError")
