"""What must never reach a generated project: source AWS ids and secrets.

The generated directory is meant to be reviewed and committed, possibly in a
public repository, after the source account is gone. So:

- The copied `plan.json` is redacted: in the descriptive parts of the plan
  (each item's `source`, `notes`, `facts`, `manual`, `cost`, `unit_key`, the
  inventory reference, and target-spec fields whose name starts with `source`)
  every AWS id or ARN (and the source account id) becomes `redacted-<12 hex>`, a hash of the id: the same id
  always gives the same token, so notes stay cross-referable, and nothing else
  is lost.
- Everywhere else (item ids, `depends_on`, the target specs the program turns
  into resources) an AWS id is a planning bug: the new resources would point
  back at the dying account. Generation fails and names the item and field.
- Finally every generated file is scanned for AWS ids and secret patterns;
  any hit fails generation before anything is written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any

from planner.core.aws_ids import AWS_ID_PATTERN
from planner.core.errors import PlannerError

SECRET_PATTERNS: dict[str, re.Pattern[str]] = {
    "AWS access key id": re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS secret access key": re.compile(r"aws_secret_access_key\s*[=:]\s*\S+", re.IGNORECASE),
    "Pulumi access token": re.compile(r"(?<![A-Za-z0-9])pul-[0-9a-f]{40}(?![A-Za-z0-9])"),
}
# Target-spec keys that would carry a secret value; a stack makes its own (pulumi-random).
SECRET_KEY_PATTERN = re.compile(r"(?:^|_)(?:password|passwd|secret_string|secret_value|private_key|secret_access_key|auth_token)$")
REDACTED_PREFIX = "redacted-"
# `unit_key` groups identical units of work (same image and type): redacting keeps the grouping.
DESCRIPTIVE_ITEM_FIELDS: tuple[str, ...] = ("source", "notes", "facts", "manual", "cost", "unit_key")


class GeneratedContentError(PlannerError):
    """The plan would put an AWS id or a secret into the generated project."""


def redaction_token(aws_id: str) -> str:
    return REDACTED_PREFIX + hashlib.sha256(aws_id.encode("utf-8")).hexdigest()[:12]


def redact_text(text: str, extra_literals: tuple[str, ...] = ()) -> str:
    """`text` with every AWS id, ARN prefix and each of `extra_literals` (an account id) replaced."""
    redacted = AWS_ID_PATTERN.sub(lambda match: redaction_token(match.group(0)), text)
    for literal in extra_literals:
        if literal:
            redacted = redacted.replace(literal, redaction_token(literal))
    return redacted


def redact_value(value: Any, extra_literals: tuple[str, ...] = ()) -> Any:
    """A JSON value with every string (keys too) redacted."""
    if isinstance(value, str):
        return redact_text(value, extra_literals)
    if isinstance(value, list):
        return [redact_value(entry, extra_literals) for entry in value]
    if isinstance(value, dict):
        return {redact_text(key, extra_literals): redact_value(entry, extra_literals) for key, entry in value.items()}
    return value


def redact_plan_document(document: dict[str, Any]) -> dict[str, Any]:
    """The plan document for the generated project: descriptive fields redacted, the rest checked.

    Raises GeneratedContentError naming the item and field when an AWS id or
    a literal secret sits where the program would use it.
    """
    inventory = dict(document.get("inventory") or {})
    account_id = str(inventory.get("account_id") or "")
    literals = (account_id,) if account_id else ()
    if inventory:
        inventory["account_id"] = redaction_token(account_id) if account_id else account_id
    redacted = {**document, "inventory": redact_value(inventory, literals)}
    redacted["items"] = [_redact_item(item, literals) for item in document.get("items", [])]
    _refuse_leftovers(redacted)
    return redacted


def check_generated_files(files: dict[str, bytes]) -> None:
    """Fail (naming file and line) if any generated file holds an AWS id or a secret pattern."""
    for name, payload in sorted(files.items()):
        text = payload.decode("utf-8", errors="replace")
        for line_number, line in enumerate(text.splitlines(), start=1):
            match = AWS_ID_PATTERN.search(line)
            if match:
                raise GeneratedContentError(
                    f"generated file {name} line {line_number} contains the AWS id {match.group(0)!r}; "
                    "a generated project must not refer to the source account"
                )
            for what, pattern in SECRET_PATTERNS.items():
                if pattern.search(line):
                    raise GeneratedContentError(f"generated file {name} line {line_number} contains a {what}")


def _redact_item(item: dict[str, Any], literals: tuple[str, ...]) -> dict[str, Any]:
    redacted = dict(item)
    for field_name in DESCRIPTIVE_ITEM_FIELDS:
        if field_name in redacted:
            redacted[field_name] = redact_value(redacted[field_name], literals)
    target = redacted.get("target")
    if isinstance(target, dict):
        redacted["target"] = _redact_source_fields(target, literals)
    return redacted


def _redact_source_fields(spec: Any, literals: tuple[str, ...]) -> Any:
    """Target spec with `source*` fields (the source's description, for review) redacted, recursively."""
    if isinstance(spec, list):
        return [_redact_source_fields(entry, literals) for entry in spec]
    if not isinstance(spec, dict):
        return spec
    return {
        key: redact_value(value, literals) if key.startswith("source") else _redact_source_fields(value, literals)
        for key, value in spec.items()
    }


def _refuse_leftovers(document: dict[str, Any]) -> None:
    for item in document.get("items", []):
        item_id = str(item.get("id", "?"))
        for path, value in _strings(item, ()):
            where = ".".join(path)
            if AWS_ID_PATTERN.search(value):
                raise GeneratedContentError(
                    f"plan item {item_id!r}: {where} holds a source AWS id ({value!r}); "
                    "target specs must refer to other items by plan item id"
                )
            if path and path[0] == "target" and SECRET_KEY_PATTERN.search(path[-1].lower()) and value:
                raise GeneratedContentError(
                    f"plan item {item_id!r}: {where} holds a literal secret; the stack generates passwords with pulumi-random"
                )


def _strings(value: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            yield from _strings(entry, (*path, str(index)))
    elif isinstance(value, dict):
        for key, entry in value.items():
            yield (*path, f"<key {key}>"), str(key)
            yield from _strings(entry, (*path, str(key)))

