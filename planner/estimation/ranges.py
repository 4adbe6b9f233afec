"""The range around each headline figure: a seeded Monte Carlo over the assumptions' ranges, and the assumptions
that move each figure most (a tornado).

Every ranged assumption is drawn from a triangular distribution (low, default, high); a table with a `scale` is
multiplied, value by value, by one factor drawn from (low, 1, high). The draws are seeded, so that the same plan
and assumptions give the same ranges. The tornado sets one assumption at a time to its low, then its high, with
every other at its value, and ranks the assumptions by how far the figure swings.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planner.estimation.assumptions import Assumption, Assumptions

if TYPE_CHECKING:
    from planner.estimation import Estimate

SEED = 20261203
SAMPLES = 200
MIN_SAMPLES = 40
ITEM_BUDGET = 400_000  # samples x plan items: a large plan gets fewer samples, said in the report
DRIVERS_SHOWN = 3
P10, P90 = 0.1, 0.9

# Headline figure -> how to read it from an estimate (None: not in this estimate, such as data at risk without a
# deadline).
FIGURES: dict[str, Callable[[Estimate], float | None]] = {
    "monthly-cost": lambda estimate: estimate.cost.comparable_target_monthly_usd,
    "egress": lambda estimate: estimate.cost.egress_one_time_usd,
    "downtime": lambda estimate: estimate.downtime.hours,
    "calendar": lambda estimate: estimate.effort.calendar_weeks_p50,
    "at-risk": lambda estimate: float(estimate.deadline.bytes_lost) if estimate.deadline else None,
}


@dataclass
class Driver:
    assumption: str
    figure_at_low: float
    figure_at_high: float

    @property
    def swing(self) -> float:
        return abs(self.figure_at_high - self.figure_at_low)


@dataclass
class FigureRange:
    figure: str
    value: float
    p10: float
    p90: float
    drivers: list[Driver] = field(default_factory=list)  # the largest swings, largest first


@dataclass
class Ranges:
    samples: int
    seed: int
    figures: dict[str, FigureRange]
    ranged: list[str]  # the assumptions sampled
    fixed: list[str]  # the assumptions without a range (each says why in assumptions.yaml)


def _triangular(rng: random.Random, low: float, mode: float, high: float) -> float:
    low, high = min(low, mode), max(high, mode)
    return mode if low == high else rng.triangular(low, high, mode)


def _scaled(value: Any, factor: float) -> Any:
    if isinstance(value, dict):
        return {key: _scaled(entry, factor) for key, entry in value.items()}
    if isinstance(value, list):
        return [_scaled(entry, factor) for entry in value]
    return value * factor if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _as_type(entry: Assumption, value: float) -> Any:
    return max(1, round(value)) if entry.type == "integer" else value


def _at(entry: Assumption, end: str) -> Any:
    """The assumption at the low or high end of its range."""
    if entry.scale is not None:
        return _scaled(entry.value, entry.scale[0] if end == "low" else entry.scale[1])
    return _as_type(entry, float(entry.low if end == "low" else entry.high))


def _drawn(entry: Assumption, rng: random.Random) -> Any:
    if entry.scale is not None:
        return _scaled(entry.value, _triangular(rng, entry.scale[0], 1.0, entry.scale[1]))
    return _as_type(entry, _triangular(rng, float(entry.low), float(entry.value), float(entry.high)))


def _quantile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def sample_count(item_count: int) -> int:
    return max(MIN_SAMPLES, min(SAMPLES, ITEM_BUDGET // max(1, item_count)))


def estimate_ranges(point: Estimate, assumptions: Assumptions, run: Callable[[Assumptions], Estimate],
                    item_count: int) -> Ranges:
    """P10-P90 of each figure of `point` over `samples` draws, and each figure's largest drivers."""
    ranged = [entry for entry in assumptions.entries() if entry.ranged]
    rng = random.Random(SEED)
    samples = sample_count(item_count)
    drawn: dict[str, list[float]] = {name: [] for name in FIGURES}
    for _ in range(samples):
        estimate = run(assumptions.with_values({entry.name: _drawn(entry, rng) for entry in ranged}))
        for name, read in FIGURES.items():
            value = read(estimate)
            if value is not None:
                drawn[name].append(value)
    swings = {entry.name: (run(assumptions.with_values({entry.name: _at(entry, "low")})),
                           run(assumptions.with_values({entry.name: _at(entry, "high")}))) for entry in ranged}
    figures = {}
    for name, read in FIGURES.items():
        value = read(point)
        if value is None or not drawn[name]:
            continue
        drivers = [Driver(assumption, float(read(low) or 0.0), float(read(high) or 0.0))
                   for assumption, (low, high) in swings.items()]
        moving = sorted((driver for driver in drivers if driver.swing > 0), key=lambda driver: -driver.swing)
        figures[name] = FigureRange(name, value, _quantile(drawn[name], P10), _quantile(drawn[name], P90),
                                    moving[:DRIVERS_SHOWN])
    return Ranges(samples, SEED, figures, [entry.name for entry in ranged],
                  [entry.name for entry in assumptions.entries() if not entry.ranged])
