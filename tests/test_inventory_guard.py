"""The read-only guard: writes and secret reads are refused before anything is sent."""

from __future__ import annotations

import re
from pathlib import Path

import boto3
import pytest

from providers.aws.inventory.operations import ALLOWED_OPERATIONS
from providers.aws.inventory.session import (
    READ_PREFIXES,
    SECRET_OPERATIONS,
    ClientFactory,
    WriteRefusedError,
    guarded_session,
    is_allowed_operation,
)


@pytest.mark.parametrize(
    ("service", "operation", "allowed"),
    [
        ("ec2", "DescribeInstances", True),
        ("s3", "ListBuckets", True),
        ("s3", "GetBucketVersioning", True),
        ("ec2", "RunInstances", False),
        ("s3", "CreateBucket", False),
        ("dynamodb", "DeleteTable", False),
        ("s3", "PutObject", False),
        ("ec2", "TerminateInstances", False),
        ("secretsmanager", "GetSecretValue", False),
        ("ec2", "GetPasswordData", False),
        ("ssm", "GetParametersByPath", False),
        ("ssm", "GetParameterHistory", False),  # a read, but of every past SecureString value
        ("lambda", "GetFunctionConfiguration", False),  # environment values
        ("dynamodb", "GetItem", False),
        ("redshift", "GetClusterCredentials", False),
        ("sso", "GetRoleCredentials", False),
        ("lightsail", "GetRelationalDatabaseMasterUserPassword", False),
        ("s3", "GetObject", False),
        ("ec2", "DescribeInstanceAttribute", False),  # a read, but no spec calls it: not listed
        ("sqs", "DescribeInstances", False),  # listed for ec2 only
    ],
)
def test_operations_are_allowed_only_when_listed(service: str, operation: str, allowed: bool) -> None:
    assert is_allowed_operation(service, operation) is allowed


def test_the_allowlist_holds_only_reads_and_no_secret_read() -> None:
    for service, operations in ALLOWED_OPERATIONS.items():
        for operation in operations:
            assert operation.startswith(READ_PREFIXES), (service, operation)
            assert operation not in SECRET_OPERATIONS, (service, operation)


def _calls_of(path: Path) -> tuple[set[str], set[str]]:
    """The services a module's specs and clients name, and the boto3 method names it calls or pages."""
    text = path.read_text()
    services = set(re.findall(r'ResourceSpec\(\s*(?:key=)?"[a-z0-9._]+",\s*(?:service=)?"([a-z0-9-]+)"', text))
    services |= set(re.findall(r'client\("([a-z0-9-]+)"', text))
    methods = set(re.findall(r'get_paginator\("([a-z_0-9]+)"\)', text)) | set(re.findall(r"\.([a-z][a-z_0-9]+)\(", text))
    methods |= set(re.findall(r'(?:operation=|ResourceSpec\(\s*"[a-z0-9._]+",\s*"[a-z0-9-]+",\s*)"([a-z_0-9]+)"', text))
    return services, methods


@pytest.mark.parametrize("path", sorted((Path(__file__).parents[1] / "providers/aws/inventory/specs").glob("*.py")),
                         ids=lambda path: path.stem)
def test_every_operation_a_spec_calls_is_listed(path: Path) -> None:
    session = boto3.Session(region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
    services, methods = _calls_of(path)
    for service in services:
        mapping = session.client(service).meta.method_to_api_mapping
        called = {mapping[method] for method in methods if method in mapping}
        assert called <= ALLOWED_OPERATIONS.get(service, frozenset()), (service, called - ALLOWED_OPERATIONS.get(service, set()))


def test_writes_are_refused_before_they_are_sent(moto_server: str) -> None:
    session, tracker = guarded_session(None)
    clients = ClientFactory(session, endpoint_url=moto_server, concurrency=2)
    ec2 = clients.client("ec2", "us-west-2")
    s3 = clients.client("s3", "us-east-1")
    assert ec2.describe_instances()["Reservations"] == []
    sent_before = tracker.requests
    with pytest.raises(WriteRefusedError, match="RunInstances"):
        ec2.run_instances(ImageId="ami-12c6146b", InstanceType="t3.micro", MinCount=1, MaxCount=1)
    with pytest.raises(WriteRefusedError, match="CreateBucket"):
        s3.create_bucket(Bucket="should-not-exist")
    assert tracker.requests == sent_before  # nothing went over the wire
    plain_ec2 = boto3.client("ec2", region_name="us-west-2", endpoint_url=moto_server)
    plain_s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=moto_server)
    assert plain_ec2.describe_instances()["Reservations"] == []
    assert plain_s3.list_buckets()["Buckets"] == []


def test_secret_values_cannot_be_read_even_though_they_are_gets(moto_server: str) -> None:
    boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=moto_server).create_secret(Name="db", SecretString="hunter2")
    session, _ = guarded_session(None)
    secrets = ClientFactory(session, endpoint_url=moto_server, concurrency=1).client("secretsmanager", "us-east-1")
    assert [secret["Name"] for secret in secrets.list_secrets()["SecretList"]] == ["db"]
    with pytest.raises(WriteRefusedError, match="GetSecretValue"):
        secrets.get_secret_value(SecretId="db")


def test_the_guard_also_covers_paginators(moto_server: str) -> None:
    session, _ = guarded_session(None)
    iam = ClientFactory(session, endpoint_url=moto_server, concurrency=1).client("iam", "us-east-1")
    assert list(iam.get_paginator("list_roles").paginate()) != []
    with pytest.raises(WriteRefusedError):
        iam.create_role(RoleName="x", AssumeRolePolicyDocument="{}")
