"""Serving rules: conditions a target's resource tree must meet for the stack to serve traffic once applied.

A rule reads the resource tree a Pulumi program registers (its resources' types,
inputs with the engine's camelCase names, parents and dependencies) and names
the resources that break it. The same rule runs in two places with one
definition: in `planner preview`, on the tree recorded under Pulumi's mock
engine, and in the generated project's policy pack, on the tree `pulumi preview`
hands to pulumi-policy (`planner/stackgen/policy.py` adapts its resources).
Each target's rules are a data table with their sources (providers/<t>/serving.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TreeResource:
    """One resource of the tree: inputs by the engine's property names, references by URN."""

    urn: str
    type: str
    name: str
    inputs: Mapping[str, Any]
    parent: str = ""
    dependencies: tuple[str, ...] = ()
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    provider: str = ""  # URN of its provider resource (explicit providers carry the region)

    def get(self, *path: str | int, default: Any = None) -> Any:
        """The input at `path` (`get("settings", "ipConfiguration", "privateNetwork")`), or `default`."""
        value: Any = self.inputs
        for step in path:
            if isinstance(step, int) and isinstance(value, list) and -len(value) <= step < len(value):
                value = value[step]
            elif isinstance(step, str) and isinstance(value, Mapping) and step in value:
                value = value[step]
            else:
                return default
        return value


class Tree:
    """A program's resources with look-ups by type and by dependency, built once per evaluation."""

    def __init__(self, resources: Iterable[TreeResource], context: Mapping[str, Any] | None = None) -> None:
        self.resources = list(resources)
        self.context = dict(context or {})  # what the plan says beyond the tree (facts of its items), by rule
        self._by_urn = {resource.urn: resource for resource in self.resources}
        self._dependents: dict[str, list[TreeResource]] = {}
        for resource in self.resources:
            for urn in resource.dependencies:
                self._dependents.setdefault(urn, []).append(resource)

    def of_type(self, *types: str) -> list[TreeResource]:
        return [resource for resource in self.resources if resource.type in types]

    def get(self, urn: str) -> TreeResource | None:
        return self._by_urn.get(urn)

    def dependencies_of(self, resource: TreeResource, *types: str) -> list[TreeResource]:
        """The resources (of `types`, or any) that `resource` depends on."""
        found = [self._by_urn[urn] for urn in resource.dependencies if urn in self._by_urn]
        return [dependency for dependency in found if not types or dependency.type in types]

    def property_dependencies_of(self, resource: TreeResource, prop: str, *types: str) -> list[TreeResource]:
        """The resources (of `types`, or any) that the input `prop` of `resource` comes from."""
        found = [self._by_urn[urn] for urn in resource.property_dependencies.get(prop, ()) if urn in self._by_urn]
        return [dependency for dependency in found if not types or dependency.type in types]

    def region_of(self, resource: TreeResource) -> str | None:
        """The region of the resource's explicit provider (AWS stacks: one provider per region), if any."""
        provider = self._by_urn.get(resource.provider)
        return None if provider is None else provider.get("region")

    def dependents_of(self, resource: TreeResource, *types: str) -> list[TreeResource]:
        """The resources (of `types`, or any) that depend on `resource`."""
        return [dependent for dependent in self._dependents.get(resource.urn, []) if not types or dependent.type in types]


Offender = tuple[TreeResource, str]  # the resource that breaks a rule, and what about it
Check = Callable[[Tree], Iterator[Offender]]


@dataclass(frozen=True)
class ServingRule:
    """One condition: the types it reads, the check naming offenders, the message, the fix and its source."""

    id: str
    reads: tuple[str, ...]
    message: str
    fix: str
    source: str
    check: Check


@dataclass(frozen=True)
class Violation:
    rule: str
    resource: str  # the resource's name (a plan item id, or one with a suffix)
    resource_type: str
    message: str
    fix: str

    def line(self) -> str:
        return f"{self.rule}: {self.resource} ({self.resource_type}): {self.message}; fix: {self.fix}"


def evaluate(rules: Iterable[ServingRule], tree: Tree) -> list[Violation]:
    """Every rule's offenders, in rule order then resource name."""
    violations: list[Violation] = []
    for rule in rules:
        offenders = sorted(rule.check(tree), key=lambda offender: (offender[0].name, offender[1]))
        violations.extend(Violation(rule.id, resource.name, resource.type, f"{rule.message} ({detail})"
                                    if detail else rule.message, rule.fix) for resource, detail in offenders)
    return violations
