"""A resource as a template or a state file declares it, and what its shape may ask about the others."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

Props = dict[str, Any]
Item = dict[str, Any]


@dataclass(frozen=True)
class Declared:
    """One declared resource with its properties resolved (CloudFormation names and spelling).

    `id` is the id the live inventory gives the same resource where it can be told offline (ARNs, built from the
    resource's name) and `<stack>-<LogicalId>` otherwise; `name` is the name a reader knows it by.
    """

    logical_id: str
    type: str  # CloudFormation type, e.g. AWS::EC2::Instance
    props: Props
    stack: str
    region: str
    account_id: str
    partition: str
    id: str = ""
    name: str = ""
    physical_name: str = ""  # the name AWS would give it: its name property, or <stack>-<LogicalId>
    tags: Mapping[str, str] = field(default_factory=dict)

    def arn(self, service: str, resource: str, *, region: str | None = None) -> str:
        return f"arn:{self.partition}:{service}:{self.region if region is None else region}:{self.account_id}:{resource}"


class Neighbours(Protocol):
    """The other declared resources, as one resource's shape sees them."""

    def find(self, reference: Any) -> Declared | None:
        """The resource an id, or a name the templates give it (a zone's name), stands for."""
        ...

    def parts(self, resource_id: str, part: str) -> list[Declared]: ...

    def referrers(self, resource_id: str, cfn_type: str) -> list[Declared]:
        """The resources of `cfn_type` whose properties name `resource_id` anywhere."""
        ...


@dataclass(frozen=True)
class CfnShape:
    """How one CloudFormation type becomes the item the live inventory's spec `key` builds from.

    `item` returns the fields the spec's build reads (the AWS API's spelling); `resource_id` the inventory id;
    `name_property` the property that names the resource; `unknown` the props a template cannot know (sizes,
    counts, states), which the inventory records as unknown.
    """

    key: str
    item: Callable[[Declared, Neighbours], Item]
    resource_id: Callable[[Declared], str] | None = None  # None: <stack>-<LogicalId>
    name_property: str | None = None
    unknown: tuple[str, ...] = ()
    tags_property: str = "Tags"
    id_from_spec: bool = False  # the live spec's id function, applied to the item, gives the id (records)


@dataclass(frozen=True)
class CfnPart:
    """A type that only adds to another resource (a route to its table): `parent` is the property naming it."""

    part: str
    parent: str


Attributes = dict[str, Any]
PART_ONLY = "Planner::Terraform::PartOnly"  # a Terraform type that only adds parts to other resources


@dataclass(frozen=True)
class TfShape:
    """How one Terraform resource type (aws_*) reads as a CloudFormation type, whose shape then builds it.

    `props` turns the state's attributes into that type's CloudFormation properties; `resource_id` gives the id the
    live inventory uses (the state holds real ids and ARNs); `parts` adds what CloudFormation declares as separate
    resources and Terraform inline (an internet gateway's VPC attachment, a route table's routes).
    """

    cfn_type: str
    props: Callable[[Attributes], Props]
    resource_id: Callable[[Attributes], str | None] = lambda attributes: attributes.get("id")
    name: Callable[[Attributes], str | None] = lambda attributes: attributes.get("name")
    parts: Callable[[Attributes], list[tuple[str, Props]]] | None = None


def renamed(fields: Mapping[str, str | Callable[[Attributes], Any]]) -> Callable[[Attributes], Props]:
    """Properties from attributes: each CloudFormation property is a Terraform attribute's value, or a function's."""

    def props(attributes: Attributes) -> Props:
        found = {prop: source(attributes) if callable(source) else attributes.get(source) for prop, source in fields.items()}
        return {prop: value for prop, value in found.items() if value not in (None, "", [], {})}

    return props


def arn_attribute(attributes: Attributes) -> str | None:
    return attributes.get("arn") or attributes.get("id")


def block(attributes: Attributes, name: str) -> dict[str, Any]:
    """A nested block of one (Terraform keeps it as a list of one)."""
    value = attributes.get(name)
    if isinstance(value, list):
        return value[0] if value and isinstance(value[0], dict) else {}
    return value if isinstance(value, dict) else {}


def arn_of(service: str, pattern: str, *, regional: bool = True) -> Callable[[Declared], str]:
    """The id as an ARN: `pattern` is formatted with the resource's physical name (`{name}`)."""

    def resource_id(declared: Declared) -> str:
        return declared.arn(service, pattern.format(name=declared.physical_name), region=None if regional else "")

    return resource_id


def listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def number(value: Any) -> int | None:
    """CloudFormation often spells numbers as strings; an unknown stays None."""
    try:
        return int(value) if value is not None and str(value).strip() != "" else None
    except (TypeError, ValueError):
        return None


def flag(value: Any) -> bool | None:
    if value is None:
        return None
    return str(value).lower() == "true"


def camel(value: Any) -> Any:
    """PascalCase keys (CloudFormation) to camelCase (the ECS and EKS APIs), all the way down."""
    if isinstance(value, dict):
        return {key[:1].lower() + key[1:]: camel(entry) for key, entry in value.items()}
    if isinstance(value, list):
        return [camel(entry) for entry in value]
    return value


def without(mapping: Mapping[str, Any] | None, *names: str) -> dict[str, Any]:
    return {key: value for key, value in (mapping or {}).items() if key not in names}


def related_prop(neighbours: Neighbours, resource_id: Any, prop: str) -> Any:
    """A property of the resource `resource_id` names (the VPC of a subnet), or None."""
    found = neighbours.find(resource_id)
    return found.props.get(prop) if found else None
