"""A 200 response of a JSON-protocol API whose body is not JSON is an error of that call, not an empty result.

botocore's XML parsers raise ResponseParserError on a body they cannot read, but its JSON parsers turn one into
`{"message": body}` (botocore/parsers.py, `_parse_body_as_json`), so a garbage or truncated page of SQS, Lambda or
DynamoDB would read as "no queues, no functions" and the scan would lose them without a word. The check runs on
botocore's `before-parse` event, before that fallback, and raises the error the XML services already raise.
"""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.parsers import ResponseParserError

JSON_PROTOCOLS = frozenset({"json", "rest-json"})
FIRST_ERROR_STATUS = 300  # error bodies go through botocore's error parsing, which has its own fallback


def refuse_unparseable_json(operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
    """botocore `before-parse` handler: raise ResponseParserError for a success body that is not JSON."""
    if _protocol(operation_model.service_model) not in JSON_PROTOCOLS:
        return
    if int(response_dict.get("status_code") or 0) >= FIRST_ERROR_STATUS or _has_raw_payload(operation_model):
        return
    body = response_dict.get("body")
    if not isinstance(body, bytes) or not body.strip():  # streamed, or empty: an empty 200 is a valid "nothing"
        return
    try:
        json.loads(body)
    except (ValueError, UnicodeDecodeError):
        # The body itself is never quoted: it can hold anything the account holds.
        raise ResponseParserError(f"{operation_model.name} answered 200 with {len(body)} bytes that are not JSON "
                                  "(a garbled or truncated response)") from None


def _has_raw_payload(operation_model: Any) -> bool:
    """A rest-json output whose payload is a blob or a string (not a JSON document)."""
    shape = operation_model.output_shape
    payload = shape.serialization.get("payload") if shape is not None else None
    return payload is not None and shape.members[payload].type_name in {"blob", "string"}


def install_response_check(session: boto3.Session) -> None:
    events = session._session.get_component("event_emitter")  # noqa: SLF001 - boto3 exposes no public hook
    events.register("before-parse", refuse_unparseable_json, unique_id="planner-json-response-check")


def _protocol(service_model: Any) -> str:
    # Recent botocore has `resolved_protocol` (the protocol it picks when a service offers several); older
    # releases, which pyproject.toml still allows, have `protocol` only.
    return str(getattr(service_model, "resolved_protocol", None) or service_model.protocol)
