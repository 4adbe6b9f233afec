"""Does the stack serve? The serving rules over a resource tree, and each entry point of the plan checked on it.

An entry point serves when every item of its chain (planner/planning/serving_paths.py)
that the plan builds has resources in the tree, no item of it is manual, and no
serving rule names one of their resources. Otherwise the first such item is the
missing link, with the reason. A path whose missing link is a manual item awaits
that work (the plan lists it): it does not serve, but the stack is not at fault,
so it does not fail the report; a missing resource or a broken rule does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from planner import registry
from planner.core.model.plan import Plan, PlanItem, ServingPath
from planner.core.serving import Tree, TreeResource, Violation, evaluate

BUILT_STATUSES = frozenset({"mapped", "partial"})


@dataclass(frozen=True)
class PathStatus:
    entry: str
    name: str
    serving: bool
    missing_link: str = ""  # the first item of the chain that breaks it
    reason: str = ""  # why: manual, nothing built, or the rule it breaks
    awaits_manual: bool = False  # the missing link is a manual item of the plan, not a fault of the stack

    @property
    def broken(self) -> bool:
        """Not serving through a fault of the stack (a missing resource, a broken rule)."""
        return not self.serving and not self.awaits_manual


@dataclass
class ServingReport:
    rules: list[str] = field(default_factory=list)  # ids of the rules that ran
    violations: list[Violation] = field(default_factory=list)
    paths: list[PathStatus] = field(default_factory=list)

    @property
    def holds(self) -> bool:
        """No rule broken and every entry point serves or awaits only the plan's manual work."""
        return not self.violations and not self.broken_paths

    @property
    def broken_paths(self) -> list[PathStatus]:
        return [path for path in self.paths if path.broken]

    @property
    def awaiting_manual(self) -> list[PathStatus]:
        return [path for path in self.paths if path.awaits_manual]


def serving_report(plan: Plan, resources: Iterable[TreeResource]) -> ServingReport:
    rules = registry.serving_rules(plan.target.provider)
    tree = Tree(resources, context={"topic_subscribers": plan.serving.topic_subscribers})
    violations = evaluate(rules, tree)
    owners = ResourceOwners(plan.by_id())
    by_item: dict[str, list[str]] = {}
    for resource in tree.resources:
        by_item.setdefault(owners.item_of(resource.name) or "", []).append(resource.name)
    broken = {owners.item_of(violation.resource): violation for violation in violations}
    paths = [_status(path, plan.by_id(), by_item, broken) for path in plan.serving.paths]
    return ServingReport(rules=[rule.id for rule in rules], violations=violations, paths=paths)


class ResourceOwners:
    """Which plan item a resource belongs to: builders name resources `<item id>` or `<item id>-<part>`."""

    def __init__(self, items: dict[str, PlanItem]) -> None:
        self.items = items

    def item_of(self, resource_name: str) -> str | None:
        candidate = resource_name
        while candidate:
            if candidate in self.items:
                return candidate
            candidate = candidate.rpartition("-")[0]
        return None


def _status(path: ServingPath, items: dict[str, PlanItem], built: dict[str, list[str]],
            broken: dict[str | None, Violation]) -> PathStatus:
    for item_id in path.chain:
        item = items.get(item_id)
        why = _why_broken(item, built, broken)
        if why:
            return PathStatus(path.entry, path.name, serving=False, missing_link=item_id, reason=why,
                              awaits_manual=item is not None and item.status == "manual")
    return PathStatus(path.entry, path.name, serving=True)


def _why_broken(item: PlanItem | None, built: dict[str, list[str]], broken: dict[str | None, Violation]) -> str:
    if item is None:
        return "not in the plan"
    if item.status == "manual":
        return f"manual ({item.manual.reason if item.manual else 'built by hand'})"
    if item.status in BUILT_STATUSES and not built.get(item.id):
        return "creates no resource in the stack"
    violation = broken.get(item.id)
    return f"{violation.rule} on {violation.resource}" if violation else ""
