"""CloudFormation's intrinsic functions, evaluated offline.

What a template alone cannot say (an account id nobody gave, a parameter
without a value or default, an attribute only AWS knows) is an `Unknown`, which
every function passes on: an unknown is never turned into a zero or an empty
string. A reference to a resource of the template (Ref, Fn::GetAtt, `${X}` in
Fn::Sub) is that resource's inventory id, so refs between resources survive.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from providers.aws.catalog import zones

NO_VALUE = "AWS::NoValue"
SUB_VARIABLE = re.compile(r"\$\{(!?)([^}]*)\}")


@dataclass(frozen=True)
class Unknown:
    """A value the template does not determine; `reason` says why (one line, no values)."""

    reason: str


class _Removed:
    """AWS::NoValue: the property is left out."""


REMOVED = _Removed()


@dataclass
class Scope:
    """What one stack's intrinsics can see."""

    stack_name: str
    region: str
    account_id: str | None
    parameters: Mapping[str, Any]
    mappings: Mapping[str, Any]
    conditions: Mapping[str, Any]  # raw condition expressions
    resource_ids: Mapping[str, str]  # logical id -> inventory id
    exports: Mapping[str, Any] = field(default_factory=dict)
    nested_outputs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # nested stack -> outputs
    resource_properties: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # logical id -> raw properties
    partition: str = "aws"
    _evaluated: dict[str, Any] = field(default_factory=dict)
    resolving: set[tuple[str, str]] = field(default_factory=set)

    def pseudo(self, name: str) -> Any:
        values: dict[str, Any] = {
            "AWS::Region": self.region,
            "AWS::StackName": self.stack_name,
            "AWS::Partition": self.partition,
            "AWS::URLSuffix": "amazonaws.com.cn" if self.partition == "aws-cn" else "amazonaws.com",
            "AWS::AccountId": self.account_id or Unknown("the account id is not in the template (--account-id)"),
            "AWS::StackId": Unknown("a stack id exists only once the stack is created"),
            "AWS::NotificationARNs": [],
        }
        return values.get(name, Unknown(f"pseudo parameter {name} is not known offline"))

    def condition(self, name: str) -> Any:
        if name not in self._evaluated:
            if name not in self.conditions:
                return Unknown(f"condition {name} is not defined")
            self._evaluated[name] = Unknown(f"condition {name} refers to itself")
            self._evaluated[name] = resolve(self.conditions[name], self)
        return self._evaluated[name]


def resolve(value: Any, scope: Scope) -> Any:
    """The value with every intrinsic function evaluated; AWS::NoValue entries left out."""
    if isinstance(value, dict):
        if len(value) == 1:
            (name, argument), = value.items()
            function = FUNCTIONS.get(name)
            if function is not None:
                return _applied(name, function, argument, scope)
        resolved = {key: resolve(item, scope) for key, item in value.items()}
        return {key: item for key, item in resolved.items() if item is not REMOVED}
    if isinstance(value, list):
        return [item for item in (resolve(entry, scope) for entry in value) if item is not REMOVED]
    return value


def _applied(name: str, function: Callable[[Any, Scope], Any], argument: Any, scope: Scope) -> Any:
    """The function's value; arguments of the wrong shape (a template CloudFormation itself would reject) make it
    unknown instead of stopping the read."""
    try:
        return function(argument, scope)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError, RecursionError):
        return Unknown(f"{name} with arguments of the wrong shape")


def _first_unknown(*values: Any) -> Unknown | None:
    for value in values:
        if isinstance(value, Unknown):
            return value
        if isinstance(value, list):
            found = _first_unknown(*value)
            if found:
                return found
    return None


def _ref(argument: Any, scope: Scope) -> Any:
    name = resolve(argument, scope)
    if not isinstance(name, str):
        return Unknown("Ref to a name that is not a string")
    if name == NO_VALUE:
        return REMOVED
    if name in scope.parameters:
        return scope.parameters[name]
    if name in scope.resource_ids:
        return scope.resource_ids[name]
    if name.startswith("AWS::"):
        return scope.pseudo(name)
    return Unknown(f"Ref to {name}, which the template does not define")


def _get_att(argument: Any, scope: Scope) -> Any:
    parts = argument.split(".", 1) if isinstance(argument, str) else resolve(argument, scope)
    if _first_unknown(parts) or not isinstance(parts, list) or len(parts) != 2:
        return Unknown("Fn::GetAtt of an unknown attribute")
    logical_id, attribute = str(parts[0]), str(parts[1])
    if logical_id in scope.nested_outputs and attribute.startswith("Outputs."):
        return scope.nested_outputs[logical_id].get(attribute.removeprefix("Outputs."),
                                                     Unknown(f"nested stack {logical_id} has no output {attribute}"))
    if logical_id not in scope.resource_ids:
        return Unknown(f"Fn::GetAtt of {logical_id}, which the template does not define")
    properties = scope.resource_properties.get(logical_id) or {}
    if attribute in properties and (logical_id, attribute) not in scope.resolving:
        # An attribute that echoes a property (a VPC's CidrBlock) is that property's value.
        scope.resolving.add((logical_id, attribute))
        try:
            return resolve(properties[attribute], scope)
        finally:
            scope.resolving.discard((logical_id, attribute))
    return scope.resource_ids[logical_id]  # Arn, Id, DNSName...: the resource itself, for refs


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _sub(argument: Any, scope: Scope) -> Any:
    template, variables = (argument, {}) if isinstance(argument, str) else (argument[0], argument[1])
    local = {name: resolve(value, scope) for name, value in variables.items()}
    pieces: list[Any] = []

    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            return "${" + match.group(2)
        name = match.group(2).strip()
        value = local[name] if name in local else _get_att(name, scope) if "." in name else _ref(name, scope)
        pieces.append(value)
        return "" if isinstance(value, Unknown) else _text(value)

    text = SUB_VARIABLE.sub(replace, template)
    return _first_unknown(*pieces) or text


def _join(argument: Any, scope: Scope) -> Any:
    delimiter, values = resolve(argument[0], scope), resolve(argument[1], scope)
    unknown = _first_unknown(delimiter, values)
    if unknown:
        return unknown
    return str(delimiter).join(_text(value) for value in values)


def _select(argument: Any, scope: Scope) -> Any:
    index, values = resolve(argument[0], scope), resolve(argument[1], scope)
    unknown = _first_unknown(index, values) if not isinstance(values, list) else _first_unknown(index)
    if unknown:
        return unknown
    if isinstance(values, Unknown) or not isinstance(values, list):
        return values if isinstance(values, Unknown) else Unknown("Fn::Select over a value that is not a list")
    position = int(index)
    return values[position] if 0 <= position < len(values) else Unknown(f"Fn::Select index {position} is out of range")


def _split(argument: Any, scope: Scope) -> Any:
    delimiter, text = resolve(argument[0], scope), resolve(argument[1], scope)
    return _first_unknown(delimiter, text) or str(text).split(str(delimiter))


def _find_in_map(argument: Any, scope: Scope) -> Any:
    resolved = [resolve(part, scope) for part in argument[:3]]
    unknown = _first_unknown(*resolved)
    if unknown:
        return unknown
    name, top, second = (str(part) for part in resolved)
    found = scope.mappings.get(name, {}).get(top, {}).get(second)
    if found is None:
        default = argument[3].get("DefaultValue") if len(argument) > 3 and isinstance(argument[3], dict) else None
        return resolve(default, scope) if default is not None else Unknown(f"mapping {name} has no {top}/{second}")
    return resolve(found, scope)


def _if(argument: Any, scope: Scope) -> Any:
    chosen = scope.condition(str(argument[0]))
    if isinstance(chosen, Unknown):
        return chosen
    return resolve(argument[1] if chosen else argument[2], scope)


def _equals(argument: Any, scope: Scope) -> Any:
    left, right = resolve(argument[0], scope), resolve(argument[1], scope)
    return _first_unknown(left, right) or _text(left) == _text(right)


def _logical(combine: Callable[[list[bool]], bool]) -> Callable[[Any, Scope], Any]:
    def evaluate(argument: Any, scope: Scope) -> Any:
        values = [resolve(entry, scope) for entry in argument]
        return _first_unknown(*values) or combine([bool(value) for value in values])

    return evaluate


def _not(argument: Any, scope: Scope) -> Any:
    value = resolve(argument[0], scope)
    return value if isinstance(value, Unknown) else not value


def _condition(argument: Any, scope: Scope) -> Any:
    return scope.condition(str(argument))


def _get_azs(argument: Any, scope: Scope) -> Any:
    region = resolve(argument, scope) or scope.region
    if isinstance(region, Unknown):
        return region
    return list(zones(str(region))[0])


def _import_value(argument: Any, scope: Scope) -> Any:
    name = resolve(argument, scope)
    if isinstance(name, Unknown):
        return name
    return scope.exports.get(str(name), Unknown(f"no template given exports {name}"))


def _cidr(argument: Any, scope: Scope) -> Any:
    block, count, bits = (resolve(part, scope) for part in argument)
    unknown = _first_unknown(block, count, bits)
    if unknown:
        return unknown
    try:
        network = ipaddress.ip_network(str(block), strict=False)
        subnets = network.subnets(new_prefix=network.max_prefixlen - int(bits))
        return [str(next(subnets)) for _ in range(int(count))]
    except (ValueError, StopIteration):
        return Unknown(f"Fn::Cidr of {block!r} for {count} blocks of {bits} bits is not valid")


def _base64(argument: Any, scope: Scope) -> Any:
    return Unknown("Fn::Base64 holds user data, which is never read")


def _length(argument: Any, scope: Scope) -> Any:
    values = resolve(argument, scope)
    return _first_unknown(values) or (len(values) if isinstance(values, list) else Unknown("Fn::Length of no list"))


def _to_json_string(argument: Any, scope: Scope) -> Any:
    value = resolve(argument, scope)
    return _first_unknown(value) or json.dumps(value, separators=(",", ":"), default=str)


FUNCTIONS: dict[str, Callable[[Any, Scope], Any]] = {
    "Ref": _ref,
    "Fn::GetAtt": _get_att,
    "Fn::Sub": _sub,
    "Fn::Join": _join,
    "Fn::Select": _select,
    "Fn::Split": _split,
    "Fn::FindInMap": _find_in_map,
    "Fn::If": _if,
    "Fn::Equals": _equals,
    "Fn::And": _logical(all),
    "Fn::Or": _logical(any),
    "Fn::Not": _not,
    "Condition": _condition,
    "Fn::GetAZs": _get_azs,
    "Fn::ImportValue": _import_value,
    "Fn::Cidr": _cidr,
    "Fn::Base64": _base64,
    "Fn::Length": _length,
    "Fn::ToJsonString": _to_json_string,
}
