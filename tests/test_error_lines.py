"""Errors are one line of bounded length, and a response body AWS sent is never echoed (issue 16)."""

from __future__ import annotations

from botocore.exceptions import ClientError
from botocore.parsers import ResponseParserError

from planner.core.errors import MAX_ERROR_CHARS, one_line
from providers.aws.inventory.context import error_message

USER_DATA = "IyEvYmluL3NoCmV4cG9ydCBEQl9QQVNTV09SRD1zM2NyZXQ="  # base64 user data, as a launch template returns it


def test_a_long_message_is_cut_to_one_bounded_line() -> None:
    text = "line one\n" + "x" * 50_000
    cut = one_line(text)
    assert "\n" not in cut and len(cut) < MAX_ERROR_CHARS + 60
    assert cut.endswith("more characters not shown)")
    assert one_line("short\n  message") == "short message"


def test_an_unparseable_response_is_named_and_its_body_never_recorded() -> None:
    error = ResponseParserError(f"Unable to parse response (syntax error), invalid XML received:\nb'<x>{USER_DATA}</x>'")
    message = error_message(error)
    assert USER_DATA not in message and "could not be parsed" in message


def test_a_client_error_message_is_one_bounded_line() -> None:
    error = ClientError({"Error": {"Code": "InvalidParameterValue", "Message": "bad value\n" + "y" * 10_000}},
                        "DescribeInstances")
    message = error_message(error)
    assert "\n" not in message and len(message) < MAX_ERROR_CHARS + 60
