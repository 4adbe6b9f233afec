"""Builds `gcp.compute.url_map_rule` (`lb.rule`): listener rules as host rules and path matchers of the URL map of
their listener's frontend.

A URL map takes its rules when it is created, so the frontend's builder asks `url_map_routes` for the rules of
its listener (stacks/gcp/lb.py) and marks the ones it wired; the rule's own builder, run after the frontend,
then only checks: a rule that could not be wired (its backend was not built yet) is listed for the operator.
"""

from __future__ import annotations

from typing import Any

import pulumi

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.lb_rule import UrlMapRuleSpec
from stacks.common.registry import BUILDABLE_STATUSES
from stacks.gcp.base import GcpBuilder, GcpGroup

RULE_TYPE = "gcp.compute.url_map_rule"
WIRED = "url-map-rule"  # shared-resource key: (WIRED, rule item id) -> the frontend that carries the rule
ANY_HOST = "*"


def rules_of(group: GcpGroup, frontend_item: PlanItem) -> list[tuple[PlanItem, UrlMapRuleSpec]]:
    """The buildable rules of a frontend's listener, in ALB priority order."""
    found = [(item, UrlMapRuleSpec.model_validate(item.target)) for item in group.args.plan.items
             if item.status in BUILDABLE_STATUSES and item.target and item.target.get("type") == RULE_TYPE
             and item.target.get("frontend") == frontend_item.id]
    return sorted(found, key=lambda pair: (pair[1].priority is None, pair[1].priority or 0, pair[0].id))


def _matcher(matchers: dict[tuple[str, ...], dict[str, Any]], hosts: tuple[str, ...], default: pulumi.Output[Any]) -> dict[str, Any]:
    return matchers.setdefault(hosts, {"name": f"rules-{len(matchers) + 1}", "default_service": default,
                                       "path_rules": [], "_defaulted": False, "_paths": set()})


def _add(matcher: dict[str, Any], spec: UrlMapRuleSpec, service: pulumi.Output[Any]) -> bool:
    """Add one rule to its path matcher; False when a higher-priority rule already took its paths (or its host)."""
    if not spec.paths:
        if matcher["_defaulted"]:
            return False
        matcher["default_service"], matcher["_defaulted"] = service, True
        return True
    paths = [path for path in spec.paths if path not in matcher["_paths"]]
    if not paths:
        return False
    matcher["_paths"].update(paths)
    matcher["path_rules"].append({"paths": paths, "service": service})
    return True


def url_map_routes(group: GcpGroup, frontend_item: PlanItem, default_backend: pulumi.Resource | None) -> tuple[dict[str, Any], list[str]]:
    """(`host_rules` and `path_matchers` of the frontend's URL map, ids of the rules they carry)."""
    if default_backend is None:
        return {}, []
    matchers: dict[tuple[str, ...], dict[str, Any]] = {}
    wired: list[str] = []
    for item, spec in rules_of(group, frontend_item):
        if not group.registry.built(spec.backend):
            continue
        matcher = _matcher(matchers, tuple(spec.hosts) or (ANY_HOST,), default_backend.id)
        if _add(matcher, spec, group.ref(item, spec.backend)):
            wired.append(item.id)
    if not wired:
        return {}, []
    host_rules = [{"hosts": list(hosts), "path_matcher": matcher["name"]} for hosts, matcher in matchers.items()]
    path_matchers = [{key: value for key, value in matcher.items() if not key.startswith("_") and value != []}
                     for matcher in matchers.values()]
    return {"host_rules": host_rules, "path_matchers": path_matchers}, wired


def mark_wired(group: GcpGroup, rule_ids: list[str], frontend: pulumi.Resource | None) -> None:
    for rule_id in rule_ids if frontend is not None else []:
        group.shared((WIRED, rule_id), lambda: frontend)


def build_url_map_rule(group: GcpGroup, item: PlanItem, spec: UrlMapRuleSpec) -> pulumi.Resource | None:
    if not group.registry.built(spec.frontend):
        group.manual(item, f"its listener's frontend {spec.frontend} creates nothing here",
                     "add the rule to the URL map once the frontend exists")
        return None
    carrier = group.shared((WIRED, item.id), lambda: None)  # None: the frontend did not wire it
    if carrier is None:
        group.manual(item, f"rule not wired into the URL map of {spec.frontend}: its backend {spec.backend} was not "
                           "built before the frontend", f"add hosts {spec.hosts or [ANY_HOST]} / paths "
                                                        f"{spec.paths or ['(all)']} -> {spec.backend} to that URL map")
        return None
    return carrier


BUILD: dict[str, GcpBuilder] = {RULE_TYPE: build_url_map_rule}
