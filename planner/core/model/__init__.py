"""The neutral model: versioned schemas of the files the pipeline passes along."""

from planner.core.model.inventory import INVENTORY_SCHEMA, Inventory, InventoryError, InventoryWarning, Resource
from planner.core.model.plan import PLAN_SCHEMA, ItemCost, Plan, PlanItem, PlanSource

__all__ = [
    "INVENTORY_SCHEMA",
    "PLAN_SCHEMA",
    "Inventory",
    "InventoryError",
    "InventoryWarning",
    "ItemCost",
    "Plan",
    "PlanItem",
    "PlanSource",
    "Resource",
]
