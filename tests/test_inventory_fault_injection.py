"""The inventory against a fault-injecting front for moto (tests/fault_proxy.py): one test per fault class, each
saying what is found, what is recorded and the exit code."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
import requests
from click.testing import CliRunner
from fault_proxy import Fault, FaultInjector, fault_server

from planner.cli import app
from planner.core.model.inventory import Inventory
from providers.aws.inventory import ScanOptions, scan_account, session

REGIONS = ["us-east-1", "eu-west-1"]


@pytest.fixture
def front(fake_aws_credentials: None) -> Iterator[tuple[str, FaultInjector]]:
    with fault_server([]) as (url, injector):
        requests.post(f"{url}/moto-api/reset", timeout=30).raise_for_status()
        _seed(url)
        yield url, injector


def _seed(url: str) -> None:
    for region in REGIONS:
        ec2 = boto3.client("ec2", region_name=region, endpoint_url=url)
        ec2.run_instances(ImageId="ami-12c6146b", InstanceType="t3.micro", MinCount=2, MaxCount=2)
        boto3.client("sqs", region_name=region, endpoint_url=url).create_queue(QueueName=f"jobs-{region}")
        s3 = boto3.client("s3", region_name=region, endpoint_url=url)
        bucket = f"media-{region}"
        if region == "us-east-1":
            s3.create_bucket(Bucket=bucket)
        else:
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    boto3.client("sns", region_name="us-east-1", endpoint_url=url).create_topic(Name="events")


def _scan(url: str, services: list[str] | None = None) -> Inventory:
    return scan_account(ScanOptions(regions=REGIONS, services=services, endpoint_url=url, concurrency=4))


def _count(inventory: Inventory, key: str) -> int:
    return sum(resource.key == key for resource in inventory.resources)


def test_throttling_is_retried_and_nothing_is_lost(front: tuple[str, FaultInjector]) -> None:
    url, injector = front
    injector.faults.append(Fault("ec2", operation="DescribeInstances", code="RequestLimitExceeded", status=503, times=3))
    inventory = _scan(url, ["ec2"])
    assert _count(inventory, "aws.ec2.instance") == 4 and inventory.errors == []
    assert injector.faults[0].hits == 3


def test_a_5xx_that_persists_is_recorded_and_the_rest_is_found(front: tuple[str, FaultInjector]) -> None:
    url, injector = front
    injector.faults.append(Fault("sqs", region="eu-west-1", code="InternalError", status=500))
    inventory = _scan(url, ["ec2", "sqs"])
    assert _count(inventory, "aws.sqs.queue") == 1 and _count(inventory, "aws.ec2.instance") == 4
    assert {(error.region, error.service) for error in inventory.errors} == {("eu-west-1", "sqs")}


@pytest.mark.parametrize("code", ["AuthFailure", "OptInRequired", "InvalidAccessKeyId"])
def test_one_buckets_region_out_of_reach_drops_no_other_bucket(front: tuple[str, FaultInjector], code: str) -> None:
    url, injector = front
    injector.faults.append(Fault("s3", region="eu-west-1", operation="versioning", code=code, status=403))
    inventory = _scan(url, ["s3"])
    buckets = {resource.name: resource for resource in inventory.resources if resource.key == "aws.s3.bucket"}
    assert set(buckets) == {"media-us-east-1", "media-eu-west-1"}
    assert buckets["media-eu-west-1"].props["versioning"] is None  # unknown, not "Disabled"
    assert buckets["media-us-east-1"].props["versioning"] == "Disabled"
    assert [(error.region, error.code) for error in inventory.errors] == [("eu-west-1", code)]


def test_a_detail_call_out_of_reach_keeps_what_the_list_found(front: tuple[str, FaultInjector]) -> None:
    url, injector = front
    injector.faults.append(Fault("sqs", region="us-east-1", operation="GetQueueAttributes", code="AuthFailure", status=403))
    inventory = _scan(url, ["sqs"])
    assert _count(inventory, "aws.sqs.queue") == 2
    assert any(error.code == "AuthFailure" for error in inventory.errors)


@pytest.mark.parametrize("kind", ["garbage", "truncated"])
def test_a_response_that_does_not_parse_is_an_error_not_an_empty_result(front: tuple[str, FaultInjector], kind: str) -> None:
    url, injector = front
    injector.faults.append(Fault("ec2", region="eu-west-1", operation="DescribeInstances", kind=kind))  # type: ignore[arg-type]
    inventory = _scan(url, ["ec2"])
    assert _count(inventory, "aws.ec2.instance") == 2  # us-east-1's
    failed = [error for error in inventory.errors if error.operation == "DescribeInstances"]
    assert failed and all(error.region == "eu-west-1" for error in failed)
    assert all("x" * 20 not in error.message for error in inventory.errors)  # the body is never recorded


def _seed_function(url: str, region: str) -> None:
    role = boto3.client("iam", region_name=region, endpoint_url=url).create_role(
        RoleName=f"fn-{region}", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("handler.py", "def handler(event, context):\n    return 1\n")
    boto3.client("lambda", region_name=region, endpoint_url=url).create_function(
        FunctionName=f"resize-{region}", Runtime="python3.12", Role=role, Handler="handler.handler",
        Code={"ZipFile": archive.getvalue()})


@pytest.mark.parametrize("kind", ["garbage", "truncated"])
@pytest.mark.parametrize(("service", "key"), [("sqs", "aws.sqs.queue"), ("lambda", "aws.lambda.function")])
def test_a_json_api_page_that_does_not_parse_is_an_error_not_an_empty_result(
        front: tuple[str, FaultInjector], kind: str, service: str, key: str) -> None:
    """botocore reads a JSON-protocol body that is not JSON as `{"message": body}`: without the check, an empty list."""
    url, injector = front
    for region in REGIONS:
        _seed_function(url, region)
    injector.faults.append(Fault(service, region="eu-west-1", kind=kind))  # type: ignore[arg-type]
    inventory = _scan(url, [service])
    found = [resource for resource in inventory.resources if resource.key == key]
    assert found and all(resource.region == "us-east-1" for resource in found)
    failed = [error for error in inventory.errors if error.region == "eu-west-1"]
    assert failed and all(error.code == "ResponseParserError" for error in failed), inventory.errors
    assert all("x" * 20 not in error.message and "half" not in error.message for error in inventory.errors)


def test_an_expired_token_across_services_keeps_the_previous_inventory(front: tuple[str, FaultInjector],
                                                                      tmp_path: Path) -> None:
    url, injector = front
    out = tmp_path / "inventory.json"
    runner = CliRunner()
    good = runner.invoke(app, ["inventory", "--endpoint-url", url, "--regions", ",".join(REGIONS), "--out", str(out)])
    assert good.exit_code == 0, good.output
    before = out.read_text()
    for service in ("ec2", "sqs", "s3", "sns", "lambda", "iam", "rds", "dynamodb", "elasticloadbalancing", "monitoring",
                    "logs", "kms", "ssm", "route53", "cloudfront", "tagging"):
        injector.faults.append(Fault(service, code="ExpiredToken", status=400, message="The security token included in "
                                     "the request is expired"))
    result = runner.invoke(app, ["inventory", "--endpoint-url", url, "--regions", ",".join(REGIONS), "--out", str(out)])
    assert result.exit_code == 4, result.output
    assert "left as it was" in result.output and "--force" in result.output
    assert out.read_text() == before  # nothing good is lost
    forced = runner.invoke(app, ["inventory", "--endpoint-url", url, "--regions", ",".join(REGIONS), "--force",
                                 "--out", str(out)])
    assert forced.exit_code == 1 and json.loads(out.read_text())["errors"]


def test_throttling_that_outlasts_botocores_retries_is_asked_again_until_the_deadline(
        front: tuple[str, FaultInjector], monkeypatch: pytest.MonkeyPatch) -> None:
    url, injector = front
    monkeypatch.setattr("providers.aws.inventory.session.MAX_ATTEMPTS", 2)  # botocore gives up after 2 attempts
    injector.faults.append(Fault("sqs", region="us-east-1", operation="GetQueueAttributes", code="Throttling", times=5))
    inventory = scan_account(ScanOptions(regions=REGIONS, services=["sqs"], endpoint_url=url, concurrency=4,
                                         deadline_s=300))
    [queue] = [resource for resource in inventory.resources if resource.region == "us-east-1"]
    assert inventory.errors == [] and queue.props["visibility_timeout_s"] is not None
    assert injector.faults[0].hits == 5


def test_a_detail_call_throttled_past_the_deadline_is_recorded_for_its_resource_which_is_kept(
        front: tuple[str, FaultInjector], monkeypatch: pytest.MonkeyPatch) -> None:
    url, injector = front
    monkeypatch.setattr("providers.aws.inventory.session.MAX_ATTEMPTS", 2)
    injector.faults.append(Fault("sqs", region="us-east-1", operation="GetQueueAttributes", code="Throttling"))
    inventory = scan_account(ScanOptions(regions=REGIONS, services=["sqs"], endpoint_url=url, concurrency=4,
                                         deadline_s=2))
    assert _count(inventory, "aws.sqs.queue") == 2
    [error] = inventory.errors
    assert (error.region, error.operation, error.code) == ("us-east-1", "GetQueueAttributes", "Throttling")
    assert error.resource_id is not None and error.resource_id.endswith(":jobs-us-east-1")
    assert injector.faults[0].hits > 2  # asked again after botocore's own attempts


def test_roles_are_described_one_at_a_time_where_the_account_wide_call_is_denied(front: tuple[str, FaultInjector]) -> None:
    url, injector = front
    iam = boto3.client("iam", region_name="us-east-1", endpoint_url=url)
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                                "Principal": {"Service": "lambda.amazonaws.com"}}]})
    iam.create_role(RoleName="worker", AssumeRolePolicyDocument=trust)
    iam.put_role_policy(RoleName="worker", PolicyName="inline", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}))
    injector.faults.append(Fault("iam", operation="GetAccountAuthorizationDetails", code="AccessDenied", status=403))
    inventory = _scan(url, ["iam"])
    [role] = [resource for resource in inventory.resources if resource.name == "worker"]
    assert role.props["inline_policy_names"] == ["inline"]
    assert [(error.operation, error.code) for error in inventory.errors] == [("GetAccountAuthorizationDetails", "AccessDenied")]
    assert inventory.stats.calls_by_operation["iam:ListRolePolicies"] >= 1


@pytest.fixture
def few_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two attempts per call: a dropped socket fails at once, so the test waits only for one backoff."""
    monkeypatch.setattr(session, "MAX_ATTEMPTS", 2)


def test_a_connection_dropped_once_is_retried_and_nothing_is_lost(front: tuple[str, FaultInjector],
                                                                 few_retries: None) -> None:
    url, injector = front
    injector.faults.append(Fault("ec2", region="eu-west-1", operation="DescribeInstances", kind="dropped", times=1))
    inventory = _scan(url, ["ec2"])
    assert _count(inventory, "aws.ec2.instance") == 4 and inventory.errors == []
    assert injector.faults[0].hits == 1


@pytest.mark.parametrize(("kind", "code"), [("dropped", "ConnectionClosedError"), ("cut", "ResponseParserError")])
def test_a_connection_that_keeps_dropping_is_an_error_entry_and_exit_1(front: tuple[str, FaultInjector],
                                                                      few_retries: None, tmp_path: Path,
                                                                      kind: str, code: str) -> None:
    url, injector = front
    injector.faults.append(Fault("ec2", region="eu-west-1", operation="DescribeInstances", kind=kind))  # type: ignore[arg-type]
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["inventory", "--endpoint-url", url, "--regions", ",".join(REGIONS),
                                      "--services", "ec2,sqs", "--deadline", "3s", "--out", str(out)])
    assert result.exit_code == 1, result.output  # finished at the deadline, with the failed part listed
    inventory = Inventory.load(out)
    assert _count(inventory, "aws.ec2.instance") == 2 and _count(inventory, "aws.sqs.queue") == 2  # the rest is found
    failed = [(error.region, error.operation, error.code) for error in inventory.errors]
    assert failed and set(failed) == {("eu-west-1", "DescribeInstances", code)}
    assert "Traceback" not in result.output and "x" * 20 not in result.output


def test_an_expired_token_in_one_service_is_recorded_and_the_rest_found(front: tuple[str, FaultInjector]) -> None:
    url, injector = front
    injector.faults.append(Fault("sqs", code="ExpiredToken", status=400, message="The security token included in the "
                                 "request is expired"))
    inventory = _scan(url, ["ec2", "sqs"])
    assert _count(inventory, "aws.ec2.instance") == 4 and _count(inventory, "aws.sqs.queue") == 0
    assert {(error.service, error.code) for error in inventory.errors} == {("sqs", "ExpiredToken")}
    assert {error.region for error in inventory.errors} == set(REGIONS)


def test_markup_in_an_aws_error_message_is_printed_as_text(front: tuple[str, FaultInjector], tmp_path: Path) -> None:
    """Rich reads `[/bold]` as a closing tag it never opened: the summary must show AWS's words, not parse them."""
    url, injector = front
    injector.faults.append(Fault("sqs", region="eu-west-1", code="AccessDenied", message="no [/bold] access [red]x"))
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["inventory", "--endpoint-url", url, "--regions", ",".join(REGIONS),
                                      "--services", "sqs", "--out", str(out)], terminal_width=250)
    assert result.exit_code == 1, result.output
    assert "no [/bold] access [red]x" in result.output and "Traceback" not in result.output
    assert json.loads(out.read_text())["errors"][0]["code"] == "AccessDenied"


def _seed_zones(url: str) -> list[str]:
    route53 = boto3.client("route53", region_name="us-east-1", endpoint_url=url)
    zone_ids = []
    for name in ("alpha.example", "beta.example"):
        zone = route53.create_hosted_zone(Name=name, CallerReference=name)["HostedZone"]["Id"].rsplit("/", 1)[-1]
        route53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [{"Action": "CREATE",
            "ResourceRecordSet": {"Name": f"www.{name}", "Type": "A", "TTL": 60,
                                  "ResourceRecords": [{"Value": "192.0.2.1"}]}}]})
        zone_ids.append(zone)
    return zone_ids


def _seed_distributions(url: str) -> list[str]:
    cloudfront = boto3.client("cloudfront", region_name="us-east-1", endpoint_url=url)
    made = []
    for name in ("media", "static"):
        config = {
            "CallerReference": name, "Comment": name, "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [{"Id": name, "DomainName": f"{name}.s3.amazonaws.com",
                                                  "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
            "DefaultCacheBehavior": {"TargetOriginId": name, "ViewerProtocolPolicy": "allow-all",
                                     "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                     "MinTTL": 0, "TrustedSigners": {"Enabled": False, "Quantity": 0}},
        }
        made.append(cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"])
    return made


@pytest.mark.parametrize(("code", "status"), [("AccessDenied", 403), ("NoSuchHostedZone", 404)])  # denied; gone mid-scan
def test_one_zones_records_out_of_reach_drop_no_other_zone(front: tuple[str, FaultInjector], code: str,
                                                           status: int) -> None:
    """Route 53 is a global job: one zone's failed record listing costs that zone's records, and says so."""
    url, injector = front
    failing, healthy = _seed_zones(url)
    injector.faults.append(Fault("route53", code=code, status=status,
                                 request=rf"GET /2013-04-01/hostedzone/{failing}/rrset"))
    inventory = _scan(url, ["route53"])
    assert _count(inventory, "aws.route53.zone") == 2
    records = [resource for resource in inventory.resources if resource.key == "aws.route53.record_set"]
    assert {resource.props["zone_id"] for resource in records} == {healthy}
    assert any(resource.props["record_name"] == "www.beta.example." for resource in records)
    assert [(error.service, error.code) for error in inventory.errors] == [("route53", code)]
    assert injector.faults[0].hits >= 1


def test_one_distributions_tags_out_of_reach_keep_every_distribution(front: tuple[str, FaultInjector]) -> None:
    url, injector = front
    failing, _ = _seed_distributions(url)
    injector.faults.append(Fault("cloudfront", code="AccessDenied", status=403,
                                 request=rf"GET /2020-05-31/tagging\?Resource=[^&]*{failing}"))
    inventory = _scan(url, ["cloudfront"])
    assert _count(inventory, "aws.cloudfront.distribution") == 2
    assert [(error.service, error.code) for error in inventory.errors] == [("cloudfront", "AccessDenied")]
    assert injector.faults[0].hits >= 1
