"""Checking a plan's target specs before a project is written, as the stack program would read them.

Each target package calls `check_target_specs` from its `check_plan(plan)`;
`planner generate` runs that hook, so a plan the program would refuse (a
missing field, a field of the wrong type, a reference to no item) fails at
generation, naming the item and the field, not later in `preview` or in CI.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from planner.core.fileio import describe_validation_error
from planner.core.model.plan import Plan, PlanItem
from stacks.common.errors import ItemBuildError, PlanReferenceError, StackProgramError
from stacks.common.registry import BUILDABLE_STATUSES

SpecParser = Callable[[dict[str, Any]], Any]
# Spec methods that list the plan item ids a spec refers to (GCP specs, AWS specs).
REFERENCE_METHODS: tuple[str, ...] = ("referenced_ids", "item_refs")


def check_unique_ids(plan: Plan) -> None:
    """Item ids are unique: with a repeated id, references would be ambiguous."""
    repeated = sorted(item_id for item_id, count in Counter(item.id for item in plan.items).items() if count > 1)
    if repeated:
        raise StackProgramError("appears more than once (item ids must be unique)", item_id=repeated[0])


def check_target_specs(plan: Plan, parse_spec: SpecParser) -> None:
    """Every mapped/partial item's target parses as its spec, and refers only to items of the plan."""
    check_unique_ids(plan)
    known = plan.by_id()
    for item in plan.items:
        if item.status not in BUILDABLE_STATUSES:
            continue
        for referenced in referenced_ids(_parsed(item, plan.target.provider, parse_spec)):
            if referenced not in known:
                raise PlanReferenceError(f"target refers to {referenced!r}, which is not an item of the plan", item_id=item.id)


def _parsed(item: PlanItem, provider: str, parse_spec: SpecParser) -> Any:
    what = f"({item.status} {item.kind})"
    if not item.target:
        raise ItemBuildError(f"{what} no target spec", item_id=item.id)
    try:
        return parse_spec(item.target)
    except ValidationError as exc:
        raise ItemBuildError(f"{what} target.{describe_validation_error(exc)}", item_id=item.id) from None
    except (KeyError, ValueError):
        raise ItemBuildError(f"{what} unknown {provider} target type {item.target.get('type')!r}", item_id=item.id) from None


def referenced_ids(spec: Any) -> list[str]:
    """The plan item ids a parsed target spec refers to (its reference fields), in field order."""
    for method in REFERENCE_METHODS:
        if hasattr(spec, method):
            return list(getattr(spec, method)())
    return []
