"""Deadline: what data leaves before the cut-off, in what order, and what is lost.

Data leaves one store after another over the whole link: priority rank first
(databases and user content are rank 1), then smaller stores first within a
rank. Copying starts after `deadline.start_delay_hours`. A store that cannot be
out by the cut-off in that order waits until every later store that still can
be out has left, then takes the link time that is left: a huge bucket never
holds a small database or volume hostage, and what is lost is concentrated in
the fewest stores. A store still copying at the cut-off is incomplete; its bytes
already out are counted as out (objects and files are usable one by one).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from planner.core.model import Plan, PlanItem
from planner.estimation.assumptions import Assumptions
from planner.estimation.cost import moving_items
from planner.estimation.transfer import transfer_hours


@dataclass
class EvacuationStep:
    item_id: str
    kind: str
    priority: int
    data_bytes: int
    start_hours: float
    end_hours: float
    bytes_out: float
    complete: bool


@dataclass
class DeadlineEstimate:
    deadline_hours: float
    start_delay_hours: float
    outcome: str  # no data | everything fits | partial | nothing fits
    total_bytes: int
    bytes_out: float
    bytes_lost: float
    items_out: list[str]
    items_lost: list[str]
    finish_hours: float  # when the last byte would be out with no deadline
    required_bps: float | None  # nominal bandwidth to lose nothing; None if impossible (no time left)
    required_streams: int | None  # parallel streams that bandwidth needs at link.stream_max_bps each
    steps: list[EvacuationStep]
    curve: list[tuple[float, float]] = field(default_factory=list)  # (hours, cumulative bytes out)


def evacuation_order(plan: Plan, assumptions: Assumptions) -> list[tuple[int, PlanItem]]:
    ranks: dict[str, int] = assumptions["deadline.priority_by_kind"]
    default_rank: int = assumptions["deadline.default_priority"]
    ranked = [(ranks.get(item.kind, default_rank), item) for item in moving_items(plan)]
    return sorted(ranked, key=lambda pair: (pair[0], pair[1].data_bytes, pair[1].id))


def deadline_first(
    ordered: list[tuple[int, PlanItem]], deadline_hours: float, start_hours: float, bits_per_second: float
) -> list[tuple[int, PlanItem]]:
    """The order, with the stores that would not be out by the cut-off moved behind those that would."""
    clock = start_hours
    fit: list[tuple[int, PlanItem]] = []
    late: list[tuple[int, PlanItem]] = []
    for rank, item in ordered:
        hours = transfer_hours(item.data_bytes, bits_per_second)
        if clock + hours <= deadline_hours:
            fit.append((rank, item))
            clock += hours
        else:
            late.append((rank, item))
    return fit + late


def estimate_deadline(plan: Plan, assumptions: Assumptions, deadline_hours: float, bits_per_second: float) -> DeadlineEstimate:
    """`bits_per_second` is the effective rate (see transfer.effective_bps)."""
    delay = assumptions["deadline.start_delay_hours"]
    clock = delay
    steps: list[EvacuationStep] = []
    curve: list[tuple[float, float]] = [(0.0, 0.0), (delay, 0.0)] if delay > 0 else [(0.0, 0.0)]
    out_total = 0.0
    for rank, item in deadline_first(evacuation_order(plan, assumptions), deadline_hours, delay, bits_per_second):
        start, end = clock, clock + transfer_hours(item.data_bytes, bits_per_second)
        window = max(0.0, min(end, deadline_hours) - start)
        bytes_out = item.data_bytes if end <= deadline_hours else item.data_bytes * window / (end - start)
        steps.append(EvacuationStep(item.id, item.kind, rank, item.data_bytes, start, end, bytes_out, end <= deadline_hours))
        out_total += item.data_bytes
        curve.append((end, out_total))
        clock = end
    total = sum(step.data_bytes for step in steps)
    bytes_out = sum(step.bytes_out for step in steps)
    required = _required_bps(total, deadline_hours - delay, assumptions["link.efficiency"])
    return DeadlineEstimate(
        deadline_hours=deadline_hours,
        start_delay_hours=delay,
        outcome=_outcome(steps),
        total_bytes=total,
        bytes_out=bytes_out,
        bytes_lost=total - bytes_out,
        items_out=[step.item_id for step in steps if step.complete],
        items_lost=[step.item_id for step in steps if not step.complete],
        finish_hours=clock if steps else 0.0,
        required_bps=required,
        required_streams=math.ceil(required / assumptions["link.stream_max_bps"]) if required else None,
        steps=steps,
        curve=curve,
    )


def _outcome(steps: list[EvacuationStep]) -> str:
    if not steps:
        return "no data"
    complete = sum(step.complete for step in steps)
    if complete == len(steps):
        return "everything fits"
    return "nothing fits" if complete == 0 else "partial"


def _required_bps(total_bytes: int, copy_window_hours: float, efficiency: float) -> float | None:
    if total_bytes == 0:
        return 0.0
    if copy_window_hours <= 0:
        return None
    return total_bytes * 8 / (copy_window_hours * 3600) / efficiency
