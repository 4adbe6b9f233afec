"""Source types -> neutral kinds: one table (planner/data/source_types.csv).

Targets map kinds, never AWS types, so a new source or target is N+M work.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class SourceType:
    source_type: str
    kind: str
    group: str
    stateful: bool
    title: str


@cache
def source_types() -> dict[str, SourceType]:
    text = resources.files("planner.data").joinpath("source_types.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return {
        row["source_type"]: SourceType(
            source_type=row["source_type"],
            kind=row["kind"],
            group=row["group"],
            stateful=row["stateful"] == "true",
            title=row["title"],
        )
        for row in rows
    }


def kind_of(source_type: str) -> SourceType | None:
    """The neutral kind of a source type, or None for a type the table does not know."""
    return source_types().get(source_type)
