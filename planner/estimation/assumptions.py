"""The named assumptions of every estimate: defaults from planner/data/assumptions.yaml,
overridden (partially) by a user file; every value is type-checked by name.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from planner.core.errors import TOO_DEEP, InputFileError
from planner.core.fileio import refuse_lone_surrogates

STRATEGIES = ("offline", "replicate", "precopy")
CATEGORIES = ("compute", "storage", "database", "network", "other")
WAVES = ("network", "data", "compute", "load_balancing", "dns")
SIZE_BASES = ("vcpu", "data_gib", "none")


@dataclass(frozen=True)
class Assumption:
    name: str
    value: Any
    default: Any
    unit: str
    type: str
    rationale: str
    low: Any = None  # a quantity's range, default in between
    high: Any = None
    scale: tuple[float, float] | None = None  # a table's: factors on every value
    fixed: str | None = None  # why it has no range

    @property
    def overridden(self) -> bool:
        return self.value != self.default

    @property
    def ranged(self) -> bool:
        return self.scale is not None or (self.low is not None and self.high is not None)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_number(value: Any) -> str | None:
    return None if _is_number(value) and value >= 0 else "expected a number >= 0"


def _check_positive(value: Any) -> str | None:
    return None if _is_number(value) and value > 0 else "expected a number > 0"


def _check_fraction(value: Any) -> str | None:
    return None if _is_number(value) and 0 < value <= 1 else "expected a fraction 0 < x <= 1"


def _check_integer(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    return None if ok else "expected an integer >= 1"


def _check_string(value: Any) -> str | None:
    return None if isinstance(value, str) and value else "expected a non-empty string"


def _check_pair(value: Any) -> str | None:
    ok = isinstance(value, list) and len(value) == 2 and all(_is_number(v) and v >= 0 for v in value)
    if not ok:
        return "expected [P50, P90], two numbers >= 0"
    return None if value[0] <= value[1] else "expected P50 <= P90"


def _check_string_list(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    return None if ok else "expected a list of strings"


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in choices else f"expected one of {', '.join(choices)}"

    return check


def _check_boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "expected true or false"


SCALAR_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "boolean": _check_boolean,
    "number": _check_number,
    "positive": _check_positive,
    "fraction": _check_fraction,
    "integer": _check_integer,
    "string": _check_string,
    "pair": _check_pair,
    "list<string>": _check_string_list,
    "strategy": _one_of(STRATEGIES),
    "category": _one_of(CATEGORIES),
    "wave": _one_of(WAVES),
    "size_basis": _one_of(SIZE_BASES),
}


def type_problem(type_name: str, value: Any) -> tuple[str, str] | None:
    """(sub-key, problem) when `value` is not of `type_name`; sub-key is '' for the value itself."""
    if type_name.startswith("map<"):
        if not isinstance(value, dict):
            return "", "expected a mapping of names to values"
        inner = type_name[4:-1]
        for key, item in value.items():
            problem = SCALAR_CHECKS[inner](item)
            if problem:
                return f"[{key}]", problem
        return None
    problem = SCALAR_CHECKS[type_name](value)
    return ("", problem) if problem else None


def _offending(value: Any, sub_key: str) -> Any:
    return value[sub_key[1:-1]] if sub_key else value


class Assumptions:
    """Name -> Assumption, with values already merged and checked."""

    def __init__(self, entries: Mapping[str, Assumption]) -> None:
        self._entries = dict(entries)

    def __getitem__(self, name: str) -> Any:
        return self._entries[name].value

    def entries(self) -> list[Assumption]:
        return list(self._entries.values())

    def with_values(self, values: Mapping[str, Any]) -> "Assumptions":
        """A copy with whole values replaced, unchecked: for values this module made (a range's draws)."""
        merged = dict(self._entries)
        for name, value in values.items():
            merged[name] = replace(merged[name], value=value)
        return Assumptions(merged)

    def with_overrides(self, overrides: Mapping[str, Any], origin: str = "assumptions") -> "Assumptions":
        """A copy with `overrides` applied; maps merge key by key. Errors name the key."""
        merged = dict(self._entries)
        for name, value in overrides.items():
            if name not in merged:
                near = difflib.get_close_matches(str(name), list(merged), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else " (the list: planner/data/assumptions.yaml)"
                raise InputFileError(f"{origin}: unknown assumption {name!r}{hint}")
            entry = merged[name]
            problem = type_problem(entry.type, value)
            if problem:
                sub_key, message = problem
                raise InputFileError(f"{origin}: {name}{sub_key}: {message}, got {_offending(value, sub_key)!r}")
            new_value = {**entry.value, **value} if entry.type.startswith("map<") else value
            merged[name] = replace(entry, value=new_value)
        return Assumptions(merged)


@cache
def _default_document() -> dict[str, Any]:
    text = resources.files("planner.data").joinpath("assumptions.yaml").read_text(encoding="utf-8")
    document: dict[str, Any] = yaml.safe_load(text)
    return document


def default_assumptions() -> Assumptions:
    entries = {
        name: Assumption(name, spec["default"], spec["default"], spec["unit"], spec["type"], spec["rationale"],
                         low=spec.get("low"), high=spec.get("high"),
                         scale=tuple(spec["scale"]) if spec.get("scale") else None, fixed=spec.get("fixed"))
        for name, spec in _default_document().items()
    }
    return Assumptions(entries)


def load_overrides(path: Path) -> dict[str, Any]:
    """Parse a user's assumptions file (YAML or JSON) into name -> value; one-line errors."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot read ({exc})") from None
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "parse error"
        raise InputFileError(f"{path}: not valid YAML{where}: {problem}") from None
    except RecursionError:
        raise InputFileError(f"{path}: {TOO_DEEP}") from None
    refuse_lone_surrogates(text, document, path)
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise InputFileError(f"{path}: expected a mapping of assumption name -> value, e.g. 'link.efficiency: 0.6'")
    return document


def resolve_assumptions(overrides: Assumptions | Mapping[str, Any] | Path | None) -> Assumptions:
    """Defaults, or defaults plus a mapping / file of overrides, or an Assumptions as is."""
    if isinstance(overrides, Assumptions):
        return overrides
    if overrides is None:
        return default_assumptions()
    if isinstance(overrides, Path):
        return default_assumptions().with_overrides(load_overrides(overrides), origin=str(overrides))
    return default_assumptions().with_overrides(overrides)
