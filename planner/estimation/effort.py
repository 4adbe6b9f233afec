"""Effort: person-hours per item and per unit of work, waves from the dependency graph,
and calendar time for a team.

hours(item) = rate[kind] (P50, P90) x size multiplier x status multiplier.
Items with the same unit_key are one unit of work: the largest member's hours
once, plus `per_copy_fraction` of it for every other copy.
An item's wave is the later of its kind's wave and the waves of what it depends
on. Within a wave units are spread over the team (longest first, each unit to
the least loaded person); waves run one after another.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from planner.core.model import Plan, PlanItem
from planner.estimation.assumptions import WAVES, Assumptions

GIB = 1024**3
STATUS_REASONS = {
    "partial": "partial: the target covers part of the resource; the rest is hand work (see the item's notes)",
    "manual": "manual: no target equivalent; designed, built and tested by hand",
    "skipped": "skipped: not moved, no work",
}


@dataclass
class ItemEffort:
    item_id: str
    kind: str
    status: str
    size_class: str
    wave: str
    unit: str
    p50: float  # the item's own hours, before identical units are merged
    p90: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class WorkUnit:
    unit: str
    kind: str
    wave: str
    item_ids: list[str]
    p50: float
    p90: float


@dataclass
class Wave:
    name: str
    index: int
    item_ids: list[str]
    unit_count: int
    person_hours_p50: float
    person_hours_p90: float
    elapsed_hours_p50: float  # working hours from the wave's start to its end, for the team
    elapsed_hours_p90: float
    start_day_p50: float = 0.0
    end_day_p50: float = 0.0
    start_day_p90: float = 0.0
    end_day_p90: float = 0.0


@dataclass
class EffortEstimate:
    p50: float
    p90: float
    team: int
    items: list[ItemEffort]
    units: list[WorkUnit]
    waves: list[Wave]
    calendar_days_p50: float
    calendar_days_p90: float
    calendar_weeks_p50: float
    calendar_weeks_p90: float


def size_class(item: PlanItem, assumptions: Assumptions) -> str:
    basis = assumptions["effort.size_basis_by_kind"].get(item.kind, "none")
    measure = {"vcpu": _vcpu(item), "data_gib": item.data_bytes / GIB, "none": None}[basis]
    if measure is None:
        return "medium"
    small_upto, medium_upto = assumptions["effort.size_thresholds"][basis]
    if measure <= small_upto:
        return "small"
    return "medium" if measure <= medium_upto else "large"


def _vcpu(item: PlanItem) -> float | None:
    value = item.facts.get("vcpu")
    return float(value) if isinstance(value, (int, float)) else None


def item_effort(item: PlanItem, wave: str, assumptions: Assumptions) -> ItemEffort:
    base = assumptions["effort.hours_by_kind"].get(item.kind, assumptions["effort.default_hours"])
    size = size_class(item, assumptions)
    size_factor = assumptions["effort.size_multipliers"].get(size, 1.0)
    status_factor = assumptions["effort.status_multipliers"].get(item.status, 1.0)
    reasons = []
    if item.kind not in assumptions["effort.hours_by_kind"]:
        reasons.append(f"kind {item.kind} not in effort.hours_by_kind: default rate")
    if item.status in STATUS_REASONS:
        reasons.append(f"{STATUS_REASONS[item.status]} (x{status_factor:g})")
    if item.manual is not None:
        reasons.append(f"manual work: {item.manual.work}")
    return ItemEffort(
        item_id=item.id,
        kind=item.kind,
        status=item.status,
        size_class=size,
        wave=wave,
        unit=item.unit_key or item.id,
        p50=base[0] * size_factor * status_factor,
        p90=base[1] * size_factor * status_factor,
        reasons=reasons,
    )


def assign_waves(plan: Plan, assumptions: Assumptions) -> dict[str, str]:
    """item id -> wave: its kind's wave, pushed later by anything it depends on."""
    wave_of_kind: dict[str, str] = assumptions["waves.wave_by_kind"]
    default_wave: str = assumptions["waves.default_wave"]
    by_id = plan.by_id()
    rank: dict[str, int] = {}
    visiting: set[str] = set()

    def resolve(item_id: str) -> int:
        if item_id in rank:
            return rank[item_id]
        visiting.add(item_id)
        item = by_id[item_id]
        own = WAVES.index(wave_of_kind.get(item.kind, default_wave))
        # A dependency cycle (security groups naming each other) adds no ordering.
        deps = [resolve(dep) for dep in item.depends_on if dep in by_id and dep not in visiting]
        visiting.discard(item_id)
        rank[item_id] = max([own, *deps])
        return rank[item_id]

    return {item.id: WAVES[resolve(item.id)] for item in plan.items}


def merge_units(efforts: list[ItemEffort], per_copy_fraction: float) -> list[WorkUnit]:
    members: dict[str, list[ItemEffort]] = defaultdict(list)
    for effort in efforts:
        members[effort.unit].append(effort)
    units = []
    for unit, group in members.items():
        lead = max(group, key=lambda effort: effort.p90)
        copies = len(group) - 1
        factor = 1 + per_copy_fraction * copies
        wave = max((effort.wave for effort in group), key=WAVES.index)
        units.append(WorkUnit(unit, lead.kind, wave, [e.item_id for e in group], lead.p50 * factor, lead.p90 * factor))
    return units


def makespan(durations: list[float], team: int) -> float:
    """Longest-first list scheduling of independent jobs on `team` people: the finish time."""
    loads = [0.0] * max(team, 1)
    for duration in sorted(durations, reverse=True):
        least = heapq.heappop(loads)
        heapq.heappush(loads, least + duration)
    return max(loads)


def build_waves(units: list[WorkUnit], team: int, hours_per_day: float) -> list[Wave]:
    waves = []
    day_p50 = day_p90 = 0.0
    for index, name in enumerate(WAVES):
        in_wave = [unit for unit in units if unit.wave == name]
        if not in_wave:
            continue
        wave = Wave(
            name=name,
            index=index,
            item_ids=[item_id for unit in in_wave for item_id in unit.item_ids],
            unit_count=len(in_wave),
            person_hours_p50=sum(unit.p50 for unit in in_wave),
            person_hours_p90=sum(unit.p90 for unit in in_wave),
            elapsed_hours_p50=makespan([unit.p50 for unit in in_wave], team),
            elapsed_hours_p90=makespan([unit.p90 for unit in in_wave], team),
        )
        wave.start_day_p50, wave.start_day_p90 = day_p50, day_p90
        day_p50 += wave.elapsed_hours_p50 / hours_per_day
        day_p90 += wave.elapsed_hours_p90 / hours_per_day
        wave.end_day_p50, wave.end_day_p90 = day_p50, day_p90
        waves.append(wave)
    return waves


def estimate_effort(plan: Plan, assumptions: Assumptions, team: int) -> EffortEstimate:
    wave_of = assign_waves(plan, assumptions)
    efforts = [item_effort(item, wave_of[item.id], assumptions) for item in plan.items]
    working = [effort for effort in efforts if effort.p90 > 0]
    units = merge_units(working, assumptions["effort.per_copy_fraction"])
    hours_per_day = assumptions["calendar.focus_hours_per_day"]
    waves = build_waves(units, team, hours_per_day)
    days_p50 = waves[-1].end_day_p50 if waves else 0.0
    days_p90 = waves[-1].end_day_p90 if waves else 0.0
    days_per_week = assumptions["calendar.days_per_week"]
    return EffortEstimate(
        p50=sum(unit.p50 for unit in units),
        p90=sum(unit.p90 for unit in units),
        team=team,
        items=efforts,
        units=units,
        waves=waves,
        calendar_days_p50=days_p50,
        calendar_days_p90=days_p90,
        calendar_weeks_p50=days_p50 / days_per_week,
        calendar_weeks_p90=days_p90 / days_per_week,
    )
