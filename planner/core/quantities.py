"""Numbers that size, count, time or price something: finite, never negative, and no larger than a 64-bit integer.

A hand-edited file must not turn into "$nan" or "$-190,000" in a report, nor into an OverflowError deep in the
estimate: the models check these where a file enters (`Quantity`, `Count` fields, and `check_quantities` on the
free-form props, facts and target specs, whose quantities are known by their names).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import Field

MAX_QUANTITY = 2**63 - 1  # what every JSON tool and database column holds as an integer
MAX_DEPTH = 32  # nesting looked into; deeper props hold no quantity planner reads

ValuesT = TypeVar("ValuesT", bound=Mapping[str, Any] | None)
Quantity = Annotated[float, Field(ge=0, le=MAX_QUANTITY, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=MAX_QUANTITY)]

# How a quantity's name ends (docs/inventory-props.md: sizes in *_bytes or *_gib, times in seconds...), and the
# quantities whose names say so otherwise. Ports, priorities and thresholds are not here: -1 and below are real.
QUANTITY_SUFFIXES: tuple[str, ...] = (
    "_bytes", "_gib", "_gb", "_mib", "_mb", "_mibps", "_count", "_days", "_hours", "_s", "_seconds", "_usd",
    "_capacity", "_size", "_nodes", "_messages", "_users",
)
QUANTITY_NAMES: frozenset[str] = frozenset({"ttl", "iops", "vcpu", "replicas", "members", "size"})


def is_quantity_name(name: str) -> bool:
    return name in QUANTITY_NAMES or name.endswith(QUANTITY_SUFFIXES)


def quantity_problem(value: Any) -> str | None:
    """Why a number cannot be a quantity ('not a finite number', 'negative', ...), or None when it can, or is no
    number (a wrong type is the reader's to handle, as for any prop)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "not a finite number"
    if value < 0:
        return "negative"
    if value > MAX_QUANTITY:
        return "larger than 2**63"
    return None


def check_quantities(values: ValuesT) -> ValuesT:
    """`values` (props, facts, a target spec, or None), after checking every quantity in it, nested ones too (a
    mapping under a quantity's name, such as `storage_class_bytes`, holds quantities); raises ValueError naming the
    first bad one."""
    problem = None if values is None else _first_problem(values, "", False, 0)
    if problem is not None:
        raise ValueError(problem)
    return values


def _first_problem(value: Any, path: str, quantity: bool, depth: int) -> str | None:
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            name = str(key)
            found = _first_problem(item, f"{path}.{name}" if path else name, quantity or is_quantity_name(name), depth + 1)
            if found:
                return found
        return None
    if isinstance(value, list):
        for position, item in enumerate(value):
            found = _first_problem(item, f"{path}[{position}]", quantity, depth + 1)
            if found:
                return found
        return None
    problem = quantity_problem(value) if quantity else None
    return f"{path}: {problem} ({_shown(value)}); a size, count, time or price must be a finite number >= 0" if problem else None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 24 else f"{text[:20]}... ({len(str(abs(int(value))))} digits)"
