"""Terraform state read as declared resources: `terraform.tfstate` (format version 4) or `terraform show -json`.

Values Terraform marks sensitive are removed before anything else reads them. Each managed `aws_*` resource of a
known type becomes the CloudFormation type it amounts to (shapes' TERRAFORM tables), keeping the ids and ARNs the
state holds, so that refs are the ones a scan of the account would find.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from planner.core.errors import InputFileError, one_line
from planner.core.fileio import describe_validation_error, refuse_lone_surrogates
from providers.aws.offline.declared import PART_ONLY, Declared, TfShape
from providers.aws.offline.shapes import TERRAFORM

STATE_VERSION = 4
ARN_REGION = 3  # arn:partition:service:region:account:resource
ARN_ACCOUNT = 4
REDACTED = None  # a sensitive value reads as absent


@dataclass(frozen=True)
class StateResource:
    address: str
    type: str
    attributes: dict[str, Any]


@dataclass
class StateRead:
    resources: list[StateResource] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # types the reader does not know
    redacted: int = 0  # sensitive values removed


class _StatePart(BaseModel):
    """The parts of a state file the reader walks, with the types Terraform writes; any other field is kept."""

    model_config = ConfigDict(extra="allow")


class _InstanceV4(_StatePart):
    attributes: dict[str, Any] | None = None
    sensitive_attributes: list[list[Any]] | None = None  # paths, each a list of steps: unreadable ones are refused
    index_key: int | str | None = None


class _ResourceV4(_StatePart):
    mode: str
    type: str
    name: str
    module: str | None = None
    instances: list[_InstanceV4] = []


class _StateV4(_StatePart):
    resources: list[_ResourceV4]


class _ShowResource(_StatePart):
    address: str
    mode: str
    type: str
    values: dict[str, Any] | None = None
    sensitive_values: Any = None


class _ShowModule(_StatePart):
    resources: list[_ShowResource] | None = None
    child_modules: list[_ShowModule] | None = None


class _ShowValues(_StatePart):
    root_module: _ShowModule | None = None


class _ShowJson(_StatePart):
    values: _ShowValues | None = None


def _check_shape(path: Path, document: dict[str, Any], model: type[_StatePart]) -> None:
    """A state whose resources, instances or attributes are of the wrong type is refused, naming the place."""
    try:
        model.model_validate(document)
    except ValidationError as exc:
        raise InputFileError(f"{path}: not Terraform state as Terraform writes it: {describe_validation_error(exc)}") from None
    except RecursionError:
        raise InputFileError(f"{path}: not Terraform state (nested too deeply)") from None


def load_state(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputFileError(f"{path}: not Terraform state ({one_line(str(exc), 200)})") from None
    refuse_lone_surrogates(text, document, path)
    if not isinstance(document, dict):
        raise InputFileError(f"{path}: not Terraform state (a JSON object is expected)")
    if "values" in document or "format_version" in document:
        _check_shape(path, document, _ShowJson)
        return document
    if document.get("version") != STATE_VERSION or not isinstance(document.get("resources"), list):
        raise InputFileError(f"{path}: Terraform state version {document.get('version')!r} is not supported "
                             f"(version {STATE_VERSION}, or `terraform show -json` output)")
    _check_shape(path, document, _StateV4)
    return document


def _without_paths(attributes: dict[str, Any], paths: list[list[dict[str, Any]]]) -> tuple[dict[str, Any], int]:
    """The attributes with every sensitive path (state v4's `sensitive_attributes`) removed."""
    cleaned = json.loads(json.dumps(attributes))
    removed = 0
    for path in paths:
        steps = [step.get("value") for step in path if isinstance(step, dict)]
        removed += _remove(cleaned, steps)
    return cleaned, removed


def _remove(value: Any, steps: list[Any]) -> int:
    if not steps:
        return 0
    head, rest = steps[0], steps[1:]
    if isinstance(value, dict) and head in value:
        if not rest:
            value[head] = REDACTED
            return 1
        return _remove(value[head], rest)
    if isinstance(value, list) and isinstance(head, int) and 0 <= head < len(value):
        if not rest:
            value[head] = REDACTED
            return 1
        return _remove(value[head], rest)
    return 0


def _without_marked(values: Any, marks: Any) -> tuple[Any, int]:
    """`terraform show -json` values with each leaf its `sensitive_values` marks true removed."""
    if marks is True:
        return REDACTED, 1
    if isinstance(values, dict) and isinstance(marks, dict):
        removed = 0
        cleaned: dict[str, Any] = {}
        for key, entry in values.items():
            cleaned[key], count = _without_marked(entry, marks.get(key))
            removed += count
        return cleaned, removed
    if isinstance(values, list) and isinstance(marks, list):
        pairs = [_without_marked(entry, marks[index] if index < len(marks) else None) for index, entry in enumerate(values)]
        return [entry for entry, _ in pairs], sum(count for _, count in pairs)
    return values, 0


def _state_v4(document: dict[str, Any], read: StateRead) -> Iterator[StateResource]:
    for resource in document.get("resources", []):
        if resource.get("mode") != "managed":
            continue
        prefix = f"{resource['module']}." if resource.get("module") else ""
        for instance in resource.get("instances", []):
            attributes, removed = _without_paths(instance.get("attributes") or {}, instance.get("sensitive_attributes") or [])
            read.redacted += removed
            key = instance.get("index_key")
            suffix = "" if key is None else f"[{json.dumps(key)}]"
            yield StateResource(f"{prefix}{resource['type']}.{resource['name']}{suffix}", str(resource["type"]), attributes)


def _modules(module: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield module
    for child in module.get("child_modules", []) or []:
        yield from _modules(child)


def _show_json(document: dict[str, Any], read: StateRead) -> Iterator[StateResource]:
    root = (document.get("values") or {}).get("root_module") or {}
    for module in _modules(root):
        for resource in module.get("resources", []) or []:
            if resource.get("mode") != "managed":
                continue
            values, removed = _without_marked(resource.get("values") or {}, resource.get("sensitive_values") or {})
            read.redacted += removed
            yield StateResource(str(resource.get("address")), str(resource.get("type")), values)


def read_state(path: Path) -> StateRead:
    document = load_state(path)
    read = StateRead()
    resources = _show_json(document, read) if "values" in document or "format_version" in document else _state_v4(document, read)
    for resource in resources:
        if resource.type in TERRAFORM:
            read.resources.append(resource)
        elif resource.type.startswith("aws_"):
            read.skipped[resource.type] += 1
    return read


def _arn_part(attributes: dict[str, Any], index: int) -> str | None:
    arn = attributes.get("arn")
    parts = arn.split(":") if isinstance(arn, str) and arn.startswith("arn:") else []
    return parts[index] if len(parts) > index and parts[index] else None


def _region(attributes: dict[str, Any], default: str) -> str:
    zone = attributes.get("availability_zone")
    from_zone = zone[:-1] if isinstance(zone, str) and zone[-1:].isalpha() and zone[:-1][-1:].isdigit() else None
    return str(attributes.get("region") or _arn_part(attributes, ARN_REGION) or from_zone or default)


def state_account(read: StateRead) -> str | None:
    """The account most ARNs of the state name (resources of one state are of one account, as a rule)."""
    accounts = Counter(account for resource in read.resources if (account := _arn_part(resource.attributes, ARN_ACCOUNT)))
    return accounts.most_common(1)[0][0] if accounts else None


def _declared(resource: StateResource, shape: TfShape, cfn_type: str, props: dict[str, Any], region: str, account: str,
              resource_id: str, name: str) -> Declared:
    tags = resource.attributes.get("tags") or {}
    return Declared(logical_id=resource.address, type=cfn_type, props=props, stack="terraform", region=region,
                    account_id=account, partition=_arn_part(resource.attributes, 1) or "aws", id=resource_id, name=name,
                    physical_name=name, tags={str(key): str(value) for key, value in tags.items() if value is not None}
                    if isinstance(tags, dict) else {})


MALFORMED = (TypeError, AttributeError, ValueError, KeyError, IndexError)


def _props_and_parts(shape: TfShape, attributes: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    """What the attributes say; attributes of the wrong shape (a state the provider did not write) say nothing."""
    try:
        return shape.props(attributes), shape.parts(attributes) if shape.parts else []
    except MALFORMED:
        return {}, []


def declared_resources(read: StateRead, *, default_region: str, account: str) -> list[Declared]:
    declared: list[Declared] = []
    for resource in read.resources:
        shape = TERRAFORM[resource.type]
        attributes = resource.attributes
        props, parts = _props_and_parts(shape, attributes)
        region = _region(attributes, default_region)
        resource_id = str(shape.resource_id(attributes) or resource.address).format_map(
            {"region": region, "account": account, "partition": _arn_part(attributes, 1) or "aws"})
        name = str(shape.name(attributes) or attributes.get("id") or resource.address)
        if shape.cfn_type != PART_ONLY:
            declared.append(_declared(resource, shape, shape.cfn_type, props, region, account, resource_id, name))
        for index, (part_type, part_props) in enumerate(parts):
            declared.append(_declared(resource, shape, part_type, part_props, region, account,
                                      f"{resource_id}#part{index}", f"{name}#part{index}"))
    return declared
