"""Rows of results, their targets, the printed table and the JSON file.

A row is one figure. Its target applies either to the figure itself
(`<= 10 s`) or to its ratio against the in-run baseline (`<= 0.4x baseline`).
Rows without a target are context (the baseline's own figures, counts).
"""

from __future__ import annotations

import platform
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

RESULTS_DIR = Path(__file__).resolve().parent / "results"
Status = Literal["pass", "miss", "info", "error"]


@dataclass(frozen=True)
class Target:
    """`applies_to` value or ratio must be <= `limit` (or < when `strict`)."""

    limit: float
    applies_to: Literal["value", "ratio"] = "value"
    strict: bool = False

    def met_by(self, value: float | None, ratio: float | None) -> bool | None:
        measured = ratio if self.applies_to == "ratio" else value
        if measured is None:
            return None
        return measured < self.limit if self.strict else measured <= self.limit

    def describe(self, unit: str) -> str:
        sign = "<" if self.strict else "<="
        if self.applies_to == "ratio":
            return f"{sign} {_number(self.limit)}x"
        return f"{sign} {_number(self.limit)} {unit}".rstrip()


@dataclass
class Row:
    bench: str  # inventory | planning | preview | startup
    figure: str  # what was measured, e.g. "inventory 1000 @50ms: wall"
    value: float | None
    unit: str = ""
    target: Target | None = None
    ratio: float | None = None  # value / baseline value, where there is a baseline
    baseline: float | None = None
    note: str = ""
    status: Status = "info"

    def __post_init__(self) -> None:
        if self.value is None:
            self.status = "error"
        elif self.target is not None:
            met = self.target.met_by(self.value, self.ratio)
            self.status = "error" if met is None else ("pass" if met else "miss")


@dataclass(frozen=True)
class RunOptions:
    """What every benchmark is told: quick mode, and how many times to repeat a measurement (None: its default)."""

    quick: bool = False
    repeat: int | None = None

    def repeats(self, default: int) -> int:
        return self.repeat if self.repeat is not None else (1 if self.quick else default)


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)  # raw measurements per benchmark
    options: dict[str, Any] = field(default_factory=dict)
    started_at: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def to_document(self) -> dict[str, Any]:
        return {
            "schema": "planner.bench/1",
            "started_at": self.started_at,
            "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": _cpu_count()},
            "options": self.options,
            "rows": [_row_document(row) for row in self.rows],
            "details": self.details,
        }


def ratio_of(value: float | None, baseline: float | None) -> float | None:
    if value is None or not baseline:
        return None
    return value / baseline


def format_table(rows: list[Row]) -> str:
    """A Markdown table: readable in a terminal, pasteable into bench/README.md."""
    header = ["figure", "value", "baseline", "ratio", "target", "result", "note"]
    body = [
        [
            row.figure,
            _with_unit(row.value, row.unit),
            _with_unit(row.baseline, row.unit) if row.baseline is not None else "",
            f"{row.ratio:.2f}x" if row.ratio is not None else "",
            row.target.describe(row.unit) if row.target else "",
            row.status,
            row.note,
        ]
        for row in rows
    ]
    widths = [max(len(cells[index]) for cells in [header, *body]) for index in range(len(header))]
    lines = [_line(header, widths), "|" + "|".join("-" * (width + 2) for width in widths) + "|"]
    lines.extend(_line(cells, widths) for cells in body)
    return "\n".join(lines)


def summary_line(rows: list[Row]) -> str:
    counts = {status: sum(1 for row in rows if row.status == status) for status in ("pass", "miss", "error")}
    return f"{counts['pass']} pass, {counts['miss']} miss, {counts['error']} could not run ({len(rows)} rows)"


def write_results(results: Results, directory: Path = RESULTS_DIR) -> Path:
    """bench/results/<started_at>.json, and latest.json next to it."""
    from planner.core.fileio import write_json_atomic

    document = results.to_document()
    path = directory / f"bench-{results.started_at.replace(':', '')}.json"
    write_json_atomic(path, document)
    write_json_atomic(directory / "latest.json", document)
    return path


def _row_document(row: Row) -> dict[str, Any]:
    document = asdict(row)
    document["target"] = row.target.describe(row.unit) if row.target else None
    return document


def _line(cells: list[str], widths: list[int]) -> str:
    return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"


def _with_unit(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{_number(value)} {unit}".rstrip()


def _number(value: float) -> str:
    if value == int(value) and abs(value) >= 10:
        return f"{int(value)}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def _cpu_count() -> int | None:
    import os

    return os.cpu_count()
