"""Pure functions the builders compute values with, from outputs (see derive.py).

Standard library only, no project imports, no module state: `planner generate` copies this file as it is
into the project it writes (derived.py), so the program there computes exactly what the builders compute.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

ACM_WILDCARD = "*."


def field_of(value: Any, name: str) -> Any:
    """`value[name]` of a dict, `value.name` of an output type object; None when absent."""
    return value.get(name) if isinstance(value, dict) else getattr(value, name, None)


def first_record_field(records: list[Any] | None, field: str) -> Any:
    """A field (`name`, `type`, `data`) of the first DNS resource record of a Certificate Manager DNS authorization."""
    return field_of(records[0], field) if records else None


def first_network_ip(interfaces: list[Any] | None) -> Any:
    """The internal address of an instance's first network interface."""
    return field_of(interfaces[0], "network_ip") if interfaces else None


def validation_record_field(options: list[Any] | None, domain: str, field: str) -> Any:
    """A field (`resource_record_name`, `_type`, `_value`) of ACM's validation option of `domain`.

    ACM gives `*.domain` the same record as `domain`.
    """
    wanted = (domain, f"{ACM_WILDCARD}{domain}")
    option = next((option for option in options or [] if field_of(option, "domain_name") in wanted), None)
    return field_of(option, field) if option is not None else None


def dkim_tokens(attributes: Any) -> list[str]:
    """The DKIM tokens of an SES email identity (CNAME records the domain publishes)."""
    return list(field_of(attributes, "tokens") or []) if attributes else []


def url_safe_base64(encoded: str) -> str:
    """RFC 4648 section 5 base64url, which Cloud CDN signed URL keys take, from standard base64."""
    return encoded.replace("+", "-").replace("/", "_")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def base64_text(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def allow_policy(*resources: str, actions: list[str]) -> str:
    """An IAM policy document allowing `actions` on `resources` only."""
    statement = {"Effect": "Allow", "Action": sorted(actions), "Resource": sorted(resources)}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def filled_document(*values: str, document: Any, tokens: list[str], sort_keys: bool = False) -> str:
    """`document` (plain data) as JSON, each string equal to one of `tokens` replaced by the matching value."""
    by_token = dict(zip(tokens, values, strict=True))

    def fill(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: fill(entry) for key, entry in value.items()}
        if isinstance(value, list):
            return [fill(entry) for entry in value]
        return by_token.get(value, value) if isinstance(value, str) else value

    return json.dumps(fill(document), sort_keys=sort_keys)


def validation_records(options: list[Any] | None, domains: list[str]) -> list[dict[str, Any] | None]:
    """Per domain, the DNS record (name, type, value) ACM validates it by; None for a domain it did not list."""
    fields = {"name": "resource_record_name", "type": "resource_record_type", "value": "resource_record_value"}
    records: list[dict[str, Any] | None] = []
    for domain in domains:
        found = {key: validation_record_field(options, domain, field) for key, field in fields.items()}
        records.append(found if found["name"] is not None else None)
    return records
