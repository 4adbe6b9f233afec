"""What must never reach a generated project: source AWS ids and secrets.

The generated directory is meant to be reviewed and committed, possibly in a
public repository, after the source account is gone. So:

- The copied `plan.json` is redacted: in the descriptive parts of the plan
  (each item's `source`, `notes`, `facts`, `manual`, `cost`, `unit_key`, the
  inventory reference, and target-spec fields whose name starts with `source`)
  every AWS id or ARN (and the source account id) becomes `redacted-<12 hex>`, a hash of the id: the same id
  always gives the same token, so notes stay cross-referable, and nothing else
  is lost.
- In the fields that refer to resources (item ids, `depends_on`, and the target
  spec's reference fields: GCP `REFERENCE_FIELDS`, AWS `*_item(s)`) an AWS id
  is a planning bug: the new resources would point back at the dying account.
  Generation fails and names the item and field. So does a literal secret in a
  target spec.
- Free text anywhere else (labels and tags, descriptions, names) that mentions
  an AWS id is rewritten, the id replaced by its token, with a note on the item:
  a Name tag that reads "EFS fs-0123abcd data load" is no reason to refuse.
  `planner plan` already writes plans without such text; this covers plans
  made or edited by hand.
- Finally every generated file is scanned for AWS ids and secret patterns;
  any hit fails generation before anything is written.

ARNs of what AWS owns in every account (`arn:aws:iam::aws:policy/...`) name no
source account and pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from planner.core.aws_ids import AWS_ID_PATTERN
from planner.core.errors import EXIT_BAD_INPUT, PlannerError
from planner.core.naming import REDACTED_PREFIX, free_text_without_aws_ids, is_aws_owned_arn, redaction_token

__all__ = ["REDACTED_PREFIX", "GeneratedContentError", "check_generated_files", "redact_plan_document",
           "redact_text", "redact_value", "redaction_token"]

SECRET_PATTERNS: dict[str, re.Pattern[str]] = {
    # Case-insensitive: a key id lowercased into a GCP label (labels are lowercase) is still the key.
    "AWS access key id": re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])", re.IGNORECASE),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS secret access key": re.compile(r"aws_secret_access_key\s*[=:]\s*\S+", re.IGNORECASE),
    "Pulumi access token": re.compile(r"(?<![A-Za-z0-9])pul-[0-9a-f]{40}(?![A-Za-z0-9])", re.IGNORECASE),
}
# Target-spec keys that would carry a secret value; a stack makes its own (pulumi-random).
SECRET_KEY_PATTERN = re.compile(r"(?:^|_)(?:password|passwd|secret_string|secret_value|private_key|secret_access_key|auth_token)$")
# `unit_key` groups identical units of work (same image and type): redacting keeps the grouping.
DESCRIPTIVE_ITEM_FIELDS: tuple[str, ...] = ("source", "notes", "facts", "manual", "cost", "unit_key")
REFERENCE_ITEM_FIELDS: tuple[str, ...] = ("id", "depends_on")  # checked, never rewritten
PLAN_FIELDS_KEPT: tuple[str, ...] = ("schema", "tool", "items", "inventory")  # the last two handled on their own


class GeneratedContentError(PlannerError):
    """The plan would put an AWS id or a secret into the generated project: a plan that cannot be used as it is."""

    exit_code = EXIT_BAD_INPUT


ReferenceReader = Callable[[dict[str, Any]], list[str]]  # a target spec -> the plan item ids it refers to


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


def redact_plan_document(document: dict[str, Any], references: ReferenceReader | None = None) -> dict[str, Any]:
    """The plan document for the generated project: descriptive fields redacted, free text rewritten, refs checked.

    `references` reads the plan item ids a target spec refers to (the target's spec models); without
    it only item ids and `depends_on` are checked as references. Raises GeneratedContentError naming
    the item and field when an AWS id sits in a reference, or a literal secret in a target spec.
    """
    inventory = dict(document.get("inventory") or {})
    account_id = str(inventory.get("account_id") or "")
    literals = (account_id,) if account_id else ()
    if inventory:
        inventory["account_id"] = redaction_token(account_id) if account_id else account_id
    redacted = {key: value if key in PLAN_FIELDS_KEPT else free_text_without_aws_ids(value)[0]
                for key, value in document.items()}  # other top-level parts (`serving`): text about items
    redacted["inventory"] = redact_value(inventory, literals)
    redacted["items"] = [_redact_item(item, literals, references) for item in document.get("items", [])]
    return redacted


def check_generated_files(files: dict[str, bytes]) -> None:
    """Fail (naming file and line) if any generated file holds an AWS id or a secret pattern."""
    for name, payload in sorted(files.items()):
        text = payload.decode("utf-8", errors="replace")
        for line_number, line in enumerate(text.splitlines(), start=1):
            found = _first_aws_id(line)
            if found:
                raise GeneratedContentError(
                    f"generated file {name} line {line_number} contains the AWS id {found!r}; "
                    "a generated project must not refer to the source account"
                )
            for what, pattern in SECRET_PATTERNS.items():
                if pattern.search(line):
                    raise GeneratedContentError(f"generated file {name} line {line_number} contains a {what}")


def _first_aws_id(text: str) -> str | None:
    """The first AWS id or source-account ARN in `text` (ARNs of what AWS owns pass)."""
    return next((match.group(0) for match in AWS_ID_PATTERN.finditer(text) if not is_aws_owned_arn(match.group(0))),
                None)


def _redact_item(item: dict[str, Any], literals: tuple[str, ...], references: ReferenceReader | None) -> dict[str, Any]:
    _refuse_aws_ids_in_references(item, references)
    _refuse_secrets(item)
    redacted = dict(item)
    rewritten: list[str] = []
    for field_name, value in item.items():
        if field_name in DESCRIPTIVE_ITEM_FIELDS:
            redacted[field_name] = redact_value(value, literals)
        elif field_name not in REFERENCE_ITEM_FIELDS:
            described = _redact_source_fields(value, literals) if field_name == "target" else value
            redacted[field_name], paths = free_text_without_aws_ids(described, field_name)
            rewritten.extend(paths)
    if rewritten:
        redacted["notes"] = [*redacted.get("notes", []), *(
            f"generate: {path} held an AWS id, replaced by its redaction token (no generated file names the "
            "source account)" for path in rewritten)]
    return redacted


def _refuse_aws_ids_in_references(item: dict[str, Any], references: ReferenceReader | None) -> None:
    item_id = str(item.get("id", "?"))
    target = item.get("target")
    named = [("id", item.get("id")), *(("depends_on", dep) for dep in item.get("depends_on") or [])]
    if references is not None and isinstance(target, dict):
        named.extend((_path_holding(target, ref), ref) for ref in references(target))
    for where, value in named:
        if isinstance(value, str) and _first_aws_id(value):
            raise GeneratedContentError(
                f"plan item {item_id!r}: {where} holds a source AWS id ({value!r}); "
                "items must refer to other items by plan item id"
            )


def _path_holding(target: dict[str, Any], value: str) -> str:
    """The dotted path of the first string in `target` equal to `value` ("target.subnetwork")."""
    return next((".".join(path) for path, found in _strings(target, ("target",)) if found == value), "target")


def _refuse_secrets(item: dict[str, Any]) -> None:
    for path, value in _strings(item.get("target"), ("target",)):
        if SECRET_KEY_PATTERN.search(path[-1].lower()) and value:
            raise GeneratedContentError(
                f"plan item {str(item.get('id', '?'))!r}: {'.'.join(path)} holds a literal secret; "
                "the stack generates passwords with pulumi-random"
            )


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


def _strings(value: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            yield from _strings(entry, (*path, str(index)))
    elif isinstance(value, dict):
        for key, entry in value.items():
            yield from _strings(entry, (*path, str(key)))
