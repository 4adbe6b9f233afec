"""What an inventory's errors leave out of the figures made from it, worded once for `plan` and `estimate`.

A failed call is a resource that may be missing: its run cost, its work, and, for a service that holds data, its
bytes (so the egress, the downtime and the data at risk) are not counted. Each figure a failed service can make
low is named; a service the kinds table does not know could hold anything, so it makes every figure low.
"""

from __future__ import annotations

from functools import cache

from planner.core.kinds import source_types
from planner.core.model.plan import InventoryErrors

GROUPS_NAMED = 3  # groups named in the one-line phrase; the plan keeps more
# Headline figure key -> (its name in the phrase, what can make it low: "any" failed call, or a call of a service
# that holds "data").
FIGURES: dict[str, tuple[str, str]] = {
    "monthly-cost": ("run cost", "any"),
    "egress": ("egress", "data"),
    "downtime": ("downtime", "data"),
    "calendar": ("effort", "any"),
    "at-risk": ("data at risk", "data"),
}
PLAN_FIGURES = ("the item count", "the run cost")  # what `planner plan` prints


@cache
def _services() -> tuple[frozenset[str], frozenset[str]]:
    """(services with a source type, services with a source type that holds data), by boto3 name."""
    known: set[str] = set()
    holding: set[str] = set()
    for name, source_type in source_types().items():
        service = name.split(".")[1]
        known.add(service)
        if source_type.stateful:
            holding.add(service)
    return frozenset(known), frozenset(holding)


def may_hold_data(service: str) -> bool:
    known, holding = _services()
    return service in holding or service not in known


def incomplete_figures(errors: InventoryErrors) -> list[str]:
    """The keys of the headline figures the errors can make low, in headline order; none without errors."""
    if errors.count == 0:
        return []
    data = any(may_hold_data(group.service) for group in errors.groups) or errors.count > sum(
        group.count for group in errors.groups)
    return [key for key, (_, cause) in FIGURES.items() if cause == "any" or data]


def figure_names(keys: list[str]) -> list[str]:
    return [FIGURES[key][0] for key in keys]


def errors_phrase(errors: InventoryErrors, figures: list[str] | tuple[str, ...]) -> str:
    """'inventory had 12 errors (ec2 us-east-1 AccessDenied ×10, ...): run cost and effort may be low'; '' without errors."""
    if errors.count == 0:
        return ""
    named = ", ".join(f"{group.service} {group.region} {group.code} ×{group.count}"
                      for group in errors.groups[:GROUPS_NAMED])
    more = f", {len(errors.groups) - GROUPS_NAMED} more groups" if len(errors.groups) > GROUPS_NAMED else ""
    noun = "error" if errors.count == 1 else "errors"
    return f"inventory had {errors.count} {noun} ({named}{more}): {_listed(list(figures))} may be low"


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
