"""CloudFormation templates (YAML or JSON, `cdk synth` output included) read as declared resources.

One template is one stack, named after its file. Parameters take the values
given, else their defaults, else stay unknown; conditions, mappings, nested
stacks by local path (AWS::CloudFormation::Stack) and exports between the given
templates are resolved offline (providers/aws/offline/intrinsics.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from planner.core.errors import InputFileError, one_line
from planner.core.fileio import refuse_lone_surrogates
from providers.aws.offline.declared import Declared
from providers.aws.offline.intrinsics import Scope, Unknown, resolve
from providers.aws.offline.shapes import CLOUDFORMATION

TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")
NESTED_STACK = "AWS::CloudFormation::Stack"
MAX_NESTING = 10
EXPORT_PASSES = 5  # exports feeding imports feeding exports: a fixed point within this many passes
STACK_NAME = re.compile(r"[^A-Za-z0-9-]+")


class _TemplateLoader(yaml.SafeLoader):
    """CloudFormation YAML: short-form intrinsics (!Ref, !Sub...) as their long form, dates kept as text."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = suffix if suffix in {"Ref", "Condition"} else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = str(value).split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return {name: value}


_TemplateLoader.add_multi_constructor("!", _intrinsic)
_TemplateLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


@dataclass
class StackRead:
    name: str
    declared: list[Declared] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)
    exports: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what could not be read, one line each, no values


def load_template(path: Path) -> dict[str, Any]:
    """The template as data; a file that is not one is a one-line InputFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot read the template ({one_line(str(exc))})") from None
    try:
        document = json.loads(text) if text.lstrip().startswith("{") else yaml.load(text, Loader=_TemplateLoader)  # noqa: S506
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise InputFileError(f"{path}: not a CloudFormation template ({one_line(str(exc), 200)})") from None
    refuse_lone_surrogates(text, document, path)
    if not isinstance(document, dict) or not isinstance(document.get("Resources"), dict):
        raise InputFileError(f"{path}: not a CloudFormation template (no Resources section)")
    return document


def template_paths(path: Path) -> list[Path]:
    """One template, or every template of a directory (not its subdirectories: nested stacks are read by reference)."""
    if path.is_dir():
        found = sorted(entry for entry in path.iterdir() if entry.is_file() and entry.suffix.lower() in TEMPLATE_SUFFIXES)
        if not found:
            raise InputFileError(f"{path}: no CloudFormation templates ({', '.join(TEMPLATE_SUFFIXES)}) in this directory")
        return found
    if not path.exists():
        raise InputFileError(f"{path}: no such file or directory")
    return [path]


def stack_name_of(path: Path) -> str:
    return STACK_NAME.sub("-", path.stem).strip("-") or "stack"


def parameter_values(declared: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """Each parameter's value: given, else its default, else unknown (never an empty string or a zero)."""
    values: dict[str, Any] = {}
    for name, spec in declared.items():
        spec = spec if isinstance(spec, dict) else {}
        if name in given:
            value: Any = given[name]
        elif "Default" in spec:
            value = spec["Default"]
        else:
            value = Unknown(f"parameter {name} has no value and no default (--parameters)")
        if str(spec.get("Type", "")).startswith("List<") or spec.get("Type") == "CommaDelimitedList":
            value = value.split(",") if isinstance(value, str) else value
        values[name] = value
    return values


@dataclass(frozen=True)
class StackInput:
    template: dict[str, Any]
    name: str
    region: str
    account_id: str
    partition: str
    parameters: Mapping[str, Any]
    base_dir: Path
    depth: int = 0


def _physical_name(logical_id: str, properties: Mapping[str, Any], resource_type: str, name_scope: Scope,
                   stack: str) -> tuple[str, str | None]:
    """The name AWS would give the resource (its name property, else <stack>-<LogicalId>) and the explicit name."""
    shape = CLOUDFORMATION.get(resource_type)
    if shape and shape.name_property and shape.name_property in properties:
        explicit = resolve(properties[shape.name_property], name_scope)
        if isinstance(explicit, str) and explicit:
            return explicit, explicit
    return f"{stack}-{logical_id}", None


def _skeleton(logical_id: str, resource_type: str, physical: str, explicit: str | None, stack: StackInput) -> Declared:
    draft = Declared(logical_id=logical_id, type=resource_type, props={}, stack=stack.name, region=stack.region,
                     account_id=stack.account_id, partition=stack.partition, physical_name=physical,
                     name=explicit or logical_id)
    shape = CLOUDFORMATION.get(resource_type)
    resource_id = shape.resource_id(draft) if shape and shape.resource_id else f"{stack.name}-{logical_id}"
    return replace(draft, id=resource_id)


def read_stack(stack: StackInput, exports: Mapping[str, Any]) -> StackRead:
    """The stack's declared resources (nested stacks included), outputs and exports."""
    template = stack.template
    read = StackRead(name=stack.name)
    resources: dict[str, Any] = {logical: entry for logical, entry in template["Resources"].items() if isinstance(entry, dict)}
    scope = Scope(stack_name=stack.name, region=stack.region, account_id=stack.account_id,
                  parameters=parameter_values(template.get("Parameters") or {}, stack.parameters),
                  mappings=template.get("Mappings") or {}, conditions=template.get("Conditions") or {},
                  resource_ids={}, exports=exports, partition=stack.partition)
    read.notes.extend(value.reason for value in scope.parameters.values() if isinstance(value, Unknown))
    skeletons = {logical: _skeleton(logical, str(entry.get("Type")),
                                    *_physical_name(logical, entry.get("Properties") or {}, str(entry.get("Type")), scope, stack.name),
                                    stack)
                 for logical, entry in resources.items()}
    scope.resource_ids = {logical: skeleton.id for logical, skeleton in skeletons.items()}
    scope.resource_properties = {logical: entry.get("Properties") or {} for logical, entry in resources.items()}
    nested: dict[str, dict[str, Any]] = {}
    scope.nested_outputs = nested
    for logical, entry in resources.items():
        if not _included(logical, entry, scope, read):
            continue
        if entry.get("Type") == NESTED_STACK:
            child = _read_nested(logical, entry, scope, stack, exports, read)
            if child is not None:
                nested[logical] = child.outputs
                read.declared.extend(child.declared)
                read.notes.extend(child.notes)
                read.exports.update(child.exports)
            continue
        properties = resolve(entry.get("Properties") or {}, scope)
        skeleton = skeletons[logical]
        read.declared.append(replace(skeleton, props=properties, tags=_tags(properties, skeleton.type)))
    _read_outputs(template, scope, read)
    return read


def _included(logical: str, entry: Mapping[str, Any], scope: Scope, read: StackRead) -> bool:
    condition = entry.get("Condition")
    if condition is None:
        return True
    value = scope.condition(str(condition))
    if isinstance(value, Unknown):
        read.notes.append(f"{read.name}/{logical}: condition {condition} is unknown offline; the resource is kept")
        return True
    return bool(value)


def _tags(properties: Mapping[str, Any], resource_type: str) -> dict[str, str]:
    shape = CLOUDFORMATION.get(resource_type)
    field_name = shape.tags_property if shape else "Tags"
    raw = properties.get(field_name) if field_name else None
    if isinstance(raw, dict):
        return {str(key): str(value) for key, value in raw.items() if not isinstance(value, Unknown)}
    tags: dict[str, str] = {}
    for entry in raw if isinstance(raw, list) else []:
        if isinstance(entry, dict) and "Key" in entry and not isinstance(entry.get("Value"), Unknown):
            tags[str(entry["Key"])] = str(entry.get("Value", ""))
    return tags


def _read_nested(logical: str, entry: Mapping[str, Any], scope: Scope, stack: StackInput, exports: Mapping[str, Any],
                 read: StackRead) -> StackRead | None:
    properties = resolve(entry.get("Properties") or {}, scope)
    url = properties.get("TemplateURL")
    if not isinstance(url, str) or "://" in url:
        read.notes.append(f"{stack.name}/{logical}: nested stack template is not a local path; its resources are not read")
        return None
    if stack.depth >= MAX_NESTING:
        read.notes.append(f"{stack.name}/{logical}: nested more than {MAX_NESTING} deep; not read")
        return None
    path = (stack.base_dir / url).resolve()
    child = StackInput(template=load_template(path), name=f"{stack.name}-{logical}", region=stack.region,
                       account_id=stack.account_id, partition=stack.partition,
                       parameters={key: value for key, value in (properties.get("Parameters") or {}).items()},
                       base_dir=path.parent, depth=stack.depth + 1)
    return read_stack(child, exports)


def _read_outputs(template: Mapping[str, Any], scope: Scope, read: StackRead) -> None:
    for name, output in (template.get("Outputs") or {}).items():
        if not isinstance(output, dict) or not _output_included(output, scope):
            continue
        value = resolve(output.get("Value"), scope)
        read.outputs[str(name)] = value
        export = output.get("Export")
        if isinstance(export, dict) and "Name" in export:
            export_name = resolve(export["Name"], scope)
            if isinstance(export_name, str):
                read.exports[export_name] = value


def _output_included(output: Mapping[str, Any], scope: Scope) -> bool:
    condition = output.get("Condition")
    return condition is None or scope.condition(str(condition)) is not False


def read_stacks(stacks: list[StackInput]) -> list[StackRead]:
    """Every stack, with the exports of each visible to the others' Fn::ImportValue (passes until nothing changes)."""
    exports: dict[str, Any] = {}
    reads: list[StackRead] = []
    for _ in range(EXPORT_PASSES):
        reads = [read_stack(stack, exports) for stack in stacks]
        found = {name: value for read in reads for name, value in read.exports.items()}
        if found == exports:
            break
        exports = found
    return reads


def read_parameters(path: Path) -> dict[str, Any]:
    """Parameter values from a file, in any of the forms the AWS tools write (JSON or YAML):

    `{"Key": "value"}`, the CLI's `[{"ParameterKey": ..., "ParameterValue": ...}]`, or a template configuration
    file `{"Parameters": {"Key": "value"}}` (CodePipeline's).
    """
    try:
        text = path.read_text(encoding="utf-8")
        document = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        raise InputFileError(f"{path}: cannot read the parameters ({one_line(str(exc), 200)})") from None
    refuse_lone_surrogates(text, document, path)
    if isinstance(document, dict) and isinstance(document.get("Parameters"), dict):
        document = document["Parameters"]
    if isinstance(document, list) and all(isinstance(entry, dict) and "ParameterKey" in entry for entry in document):
        return {str(entry["ParameterKey"]): entry.get("ParameterValue") for entry in document}
    if isinstance(document, dict) and all(not isinstance(value, dict | list) for value in document.values()):
        return {str(key): value for key, value in document.items()}
    raise InputFileError(f"{path}: parameters must be {{Key: value}}, [{{ParameterKey, ParameterValue}}] "
                         "or {Parameters: {Key: value}}")
