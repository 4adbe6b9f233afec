"""Timestamps in AWS responses, parsed without dateutil where the standard library can.

botocore parses every timestamp with dateutil (`botocore.utils.parse_timestamp`, about 50 us each here); a large
account's responses hold hundreds of thousands (launch times, creation dates, CloudWatch datapoints), which
made timestamp parsing 12% of a 10,000-resource scan's client CPU (bench/README.md, issue 15). ISO 8601 with a
zone, the form AWS's query, EC2 and XML protocols use, is parsed by `datetime.fromisoformat` (about 0.1 us);
everything else (epoch numbers of the JSON protocols, RFC 822 headers, zone-less strings) still goes to botocore.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import boto3
from botocore.utils import parse_timestamp


def fast_timestamp(value: Any) -> datetime:
    """The datetime botocore's parser gives (the same instant and offset), sooner for the common form."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return parse_timestamp(value)
        if parsed.tzinfo is not None:
            return parsed
    return parse_timestamp(value)


def install_fast_timestamps(session: boto3.Session) -> None:
    """Every client `session` creates from now on parses timestamps with `fast_timestamp`."""
    factory = session._session.get_component("response_parser_factory")  # noqa: SLF001 - boto3 exposes no public hook
    factory.set_parser_defaults(timestamp_parser=fast_timestamp)
