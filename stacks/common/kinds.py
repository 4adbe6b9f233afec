"""A target's builders, found through the core's table of kind modules (planner.core.kinds.KIND_MODULES).

`stacks/<target>/<module>.py` holds `BUILD: dict[str, builder]`: spec type ->
`builder(component, item, spec)` for the spec types its kind module on the
provider side returns. Each group component dispatches through
`group_builders(package, group)`: the builders of the kind modules of the
kinds that planner/data/source_types.csv puts in its group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from planner.core.kinds import KIND_MODULES, kind_module_names, source_types
from planner.core.modules import optional_module

Builder = Callable[..., Any]


@cache
def builders(package: str) -> dict[str, Builder]:
    """Spec type -> builder over every kind module of `package` (`stacks.gcp`); a type built twice is an error."""
    return _merged(package, kind_module_names())


def group_builders(package: str, group: str) -> dict[str, Builder]:
    """Spec type -> builder for the kinds of one plan group (a spec type of another group stays an error there)."""
    kinds = {row.kind for row in source_types().values() if row.group == group}
    return _merged(package, [module for kind, module in KIND_MODULES.items() if kind in kinds])


def _merged(package: str, module_names: Iterable[str]) -> dict[str, Builder]:
    found: dict[str, Builder] = {}
    for module_name in dict.fromkeys(module_names):
        for spec_type, builder in getattr(optional_module(f"{package}.{module_name}"), "BUILD", {}).items():
            if found.setdefault(spec_type, builder) is not builder:
                raise TypeError(f"spec type {spec_type!r} has builders in two modules of {package}")
    return found
