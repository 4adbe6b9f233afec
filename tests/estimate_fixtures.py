"""Tiny hand-made plans for the estimate tests: one builder instead of one per test module."""

from __future__ import annotations

from typing import Any

from planner.core.model import Plan


def plan_item(
    item_id: str,
    kind: str,
    *,
    data_bytes: int = 0,
    region: str = "us-east-1",
    source_key: str = "x.y",
    status: str = "mapped",
    depends_on: list[str] | None = None,
    cost: tuple[float | None, float | None] = (None, None),
    facts: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One plan item as plan.json holds it; `cost` is (source, target) USD per month."""
    return {
        "id": item_id,
        "source": {"key": source_key, "id": item_id, "region": region, "name": item_id},
        "kind": kind,
        "group": "data",
        "status": status,
        "data_bytes": data_bytes,
        "stateful": data_bytes > 0,
        "depends_on": depends_on or [],
        "cost": {"source_monthly_usd": cost[0], "target_monthly_usd": cost[1]},
        "facts": facts or {},
    }


def plan_of(*items: dict[str, Any], target: str = "gcp") -> Plan:
    return Plan.model_validate(
        {
            "schema": "planner.plan/1",
            "tool": {"version": "0"},
            "inventory": {"account_id": "1", "regions": [], "resource_count": 0, "generated_at": "", "sha256": ""},
            "target": {"provider": target},
            "items": list(items),
        }
    )
