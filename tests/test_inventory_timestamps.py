"""Timestamps parsed without dateutil (providers/aws/inventory/timestamps.py) are the instants botocore's own
parser gives, for every form AWS answers in; and a scan's clients use the fast parser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import boto3
import pytest
from botocore.utils import parse_timestamp
from hypothesis import given
from hypothesis import strategies as st

from providers.aws.inventory.session import guard
from providers.aws.inventory.timestamps import fast_timestamp

AWS_FORMS = [
    "2024-01-01T00:00:00.000Z",  # EC2, query protocols
    "2024-01-01T00:00:00Z",
    "2024-05-03T10:11:12+00:00",
    "2024-05-03T10:11:12.123456-07:00",
    "2024-01-01T00:00:00.123456789Z",  # nanoseconds: both keep microseconds
    "Mon, 01 Jan 2024 00:00:00 GMT",  # RFC 822 (S3 headers): botocore's parser
    "2024-01-01T00:00:00",  # no zone: botocore's parser decides
    1700000000.123,  # epoch seconds (JSON protocols)
    1700000000,
]


@pytest.mark.parametrize("value", AWS_FORMS)
def test_every_form_aws_answers_in_gives_botocores_instant(value: object) -> None:
    assert fast_timestamp(value) == parse_timestamp(value)
    assert fast_timestamp(value).utcoffset() == parse_timestamp(value).utcoffset()


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)),
       st.sampled_from(["%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S%z"]))
def test_iso_timestamps_agree_with_botocore(moment: datetime, form: str) -> None:
    text = moment.strftime(form)
    assert fast_timestamp(text) == parse_timestamp(text)


def test_a_scans_clients_parse_with_the_fast_parser(moto_server: str) -> None:
    plain = boto3.Session(region_name="us-east-1").client("ec2", endpoint_url=moto_server)
    plain.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro")
    session, _ = guard(boto3.Session(region_name="us-east-1"))
    client = session.client("ec2", endpoint_url=moto_server)
    launched = client.describe_instances()["Reservations"][0]["Instances"][0]["LaunchTime"]
    assert isinstance(launched, datetime) and abs(datetime.now(UTC) - launched) < timedelta(hours=1)
    assert launched.tzinfo is UTC  # the standard library's zone: botocore's own parser gives dateutil's tzutc()
    assert plain.describe_instances()["Reservations"][0]["Instances"][0]["LaunchTime"].tzinfo is not UTC
