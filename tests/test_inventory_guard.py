"""The read-only guard: writes and secret reads are refused before anything is sent."""

from __future__ import annotations

import boto3
import pytest

from providers.aws.inventory.session import ClientFactory, WriteRefusedError, guarded_session, is_allowed_operation


@pytest.mark.parametrize(
    ("operation", "allowed"),
    [
        ("DescribeInstances", True),
        ("ListBuckets", True),
        ("GetBucketVersioning", True),
        ("BatchGetImage", True),
        ("HeadBucket", True),
        ("LookupEvents", True),
        ("RunInstances", False),
        ("CreateBucket", False),
        ("DeleteTable", False),
        ("PutObject", False),
        ("TerminateInstances", False),
        ("GetSecretValue", False),
        ("GetPasswordData", False),
        ("GetParametersByPath", False),
        ("GetObject", False),
    ],
)
def test_operation_names_are_classified(operation: str, allowed: bool) -> None:
    assert is_allowed_operation(operation) is allowed


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
