"""Errors of the stack program, each naming the plan item it is about."""

from __future__ import annotations

from planner.core.errors import EXIT_FAILED, PlannerError


class StackProgramError(PlannerError):
    """The stack program cannot build the plan; `item_id` names the plan item when known."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, *, item_id: str | None = None) -> None:
        prefix = f"plan item {item_id!r}: " if item_id else ""
        super().__init__(f"{prefix}{message}")
        self.item_id = item_id


class PlanReferenceError(StackProgramError):
    """An item refers (depends_on or inside its target spec) to an item that cannot serve it."""


class UnbuildableReferenceError(PlanReferenceError):
    """An item refers to an item that creates no resource (manual, skipped, or found unbuildable)."""

    def __init__(self, detail: str, *, item_id: str, target_id: str) -> None:
        super().__init__(detail, item_id=item_id)
        self.detail = detail
        self.target_id = target_id


class ItemBuildError(StackProgramError):
    """Building one item failed: a provider class refused its arguments, a spec field is missing..."""
