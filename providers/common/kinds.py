"""A target's kind modules, found through the core's table (planner.core.kinds.KIND_MODULES), not imports.

`providers/<target>/kinds/<module>.py` holds, for the kinds the table assigns to it:
- `MAP: dict[str, MapFunction]`: neutral kind -> `(resource, ctx) -> MappedTarget`;
- `SPECS: tuple[type, ...]`: the spec models its map functions return (each with a `type` literal).

`KindFunctions(package)` is the mapper's `functions` table: a kind's module is
imported the first time the kind is asked for (the lazy registry of Cloud
Custodian's resource_map). `spec_types(package)` gathers every module's SPECS.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from types import ModuleType
from typing import Any

from planner.core.contract import MapFunction
from planner.core.kinds import KIND_MODULES, kind_module_names
from planner.core.modules import optional_module


def kind_module(package: str, module: str) -> ModuleType | None:
    """`package.module`, or None when the target has no module of that name (its kinds become manual)."""
    return optional_module(f"{package}.{module}")


class KindFunctions(Mapping[str, MapFunction]):
    """Neutral kind -> map function of a target, each kind module imported on first use."""

    def __init__(self, package: str) -> None:
        self.package = package

    def __getitem__(self, kind: str) -> MapFunction:
        module_name = KIND_MODULES.get(kind)
        module = kind_module(self.package, module_name) if module_name else None
        functions: Mapping[str, MapFunction] = getattr(module, "MAP", {})
        if kind not in functions:
            raise KeyError(kind)
        return functions[kind]

    def __iter__(self) -> Iterator[str]:
        return iter([kind for kind in KIND_MODULES if kind in self])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, kind: object) -> bool:
        try:
            self[kind]  # type: ignore[index]
        except KeyError:
            return False
        return True


@cache
def spec_types(package: str) -> dict[str, type[Any]]:
    """Spec type (`gcp.sql.database_instance`) -> its model, over every kind module of the target."""
    found: dict[str, type[Any]] = {}
    for module_name in kind_module_names():
        module = kind_module(package, module_name)
        for spec_class in getattr(module, "SPECS", ()):
            spec_type = spec_class.model_fields["type"].default
            if found.setdefault(spec_type, spec_class) is not spec_class:
                raise TypeError(f"spec type {spec_type!r} is declared by two kind modules of {package}")
    return found
