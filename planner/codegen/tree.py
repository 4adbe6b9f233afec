"""What the builders registered, as data the emitter prints: resources, invokes, derived values, config reads.

Values keep their shape (dicts, lists, literals); a value that came from another resource is a `Ref`, a
value the builders computed from outputs is a `Derived` node, text assembled from outputs is a `Template`
(literal parts and refs), a secret is wrapped in `Secret`, an asset or archive is an `Archive`/`Asset`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Ref:
    """An output of a recorded resource or invoke (`owner` is its index in Tree.nodes), or a config value."""

    owner: int
    attribute: str  # the Python attribute name (`self_link`), or the config key for config refs


@dataclass(frozen=True)
class ConfigRef:
    namespace: str
    key: str


@dataclass(frozen=True)
class Template:
    """Text with outputs inside: `parts` alternate literal strings and refs."""

    parts: tuple[Any, ...]


@dataclass(frozen=True)
class Secret:
    value: Any


@dataclass(frozen=True)
class Asset:
    kind: str  # "text" (StringAsset), "path" (FileAsset), "uri" (RemoteAsset)
    value: str


@dataclass(frozen=True)
class Archive:
    assets: dict[str, Any]  # path -> Asset | Archive


@dataclass(frozen=True)
class Derived:
    """`derive(function, *inputs, **constants)`: a value a pure function of stacks/common/derived.py computed."""

    index: int  # position in Tree.derived
    function: str
    inputs: tuple[Any, ...]
    constants: dict[str, Any]


@dataclass
class ResourceNode:
    index: int
    type: str  # the type token
    name: str  # the logical name
    custom: bool
    module: str  # Python: "gcp.compute" ("" for components)
    class_name: str  # "Network"
    inputs: dict[str, Any]  # Python argument name -> value
    parent: int | None = None
    depends_on: tuple[int, ...] = ()
    provider: int | None = None
    options: dict[str, Any] = field(default_factory=dict)  # other resource options: ignore_changes, aliases...
    item_id: str | None = None  # the plan item whose builder made it


@dataclass
class InvokeNode:
    index: int
    token: str
    module: str  # "aws.ec2"
    function: str  # "get_vpc_output"
    arguments: dict[str, Any]
    provider: int | None = None


@dataclass
class Tree:
    provider: str  # the target: gcp | aws
    nodes: list[ResourceNode | InvokeNode] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)  # stack outputs
    config_reads: list[tuple[str, str]] = field(default_factory=list)  # optional settings read (and unset)


def refs(value: Any) -> Iterator[Ref]:
    """Every Ref inside a recorded value (a JsonText is a Template: its document is its one part)."""
    if isinstance(value, Ref):
        yield value
    elif isinstance(value, Template):
        yield from refs(list(value.parts))
    elif isinstance(value, Secret):
        yield from refs(value.value)
    elif isinstance(value, Derived):
        yield from refs(list(value.inputs))
    elif isinstance(value, Archive):
        yield from refs(list(value.assets.values()))
    elif isinstance(value, list | tuple):
        for entry in value:
            yield from refs(entry)
    elif isinstance(value, dict):
        for entry in value.values():
            yield from refs(entry)


def owners(value: Any) -> set[int]:
    """The indexes of the nodes whose outputs `value` reads."""
    return {ref.owner for ref in refs(value)}
