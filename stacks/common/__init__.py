"""Helpers shared by the per-target stack builders (`stacks.gcp`, `stacks.aws`).

- `PlanGroup` / `GroupArgs`: one ComponentResource per plan group, `parent=self`
  children, kinds dispatched through a `builders` table; `SpecGroup`: items
  dispatched by the type of their typed target spec (`spec_builders`).
- `ResourceRegistry`: built resources by plan item id; references between
  items become Pulumi outputs, and a bad id fails naming the item.
- `topological_order`, `group_order`, `check_references`: dependency order.
- `build_groups`, `buildable_by_group`, `manual_items`, `logical_name`: the whole-plan driver and outputs.
- `building`, `spec`, `field`: read a target spec with errors naming the item.
"""

from stacks.common.component import GroupArgs, ItemBuilder, PlanGroup, SpecBuilder, SpecGroup, buildable
from stacks.common.errors import ItemBuildError, PlanReferenceError, StackProgramError
from stacks.common.ordering import GROUP_ORDER, check_references, group_order, topological_order
from stacks.common.registry import BUILDABLE_STATUSES, MAIN_ROLE, ResourceRegistry
from stacks.common.stack import StackBuild, build_groups, buildable_by_group, logical_name, manual_items
from stacks.common.targets import building, field, spec

__all__ = [
    "BUILDABLE_STATUSES",
    "GROUP_ORDER",
    "MAIN_ROLE",
    "GroupArgs",
    "ItemBuildError",
    "ItemBuilder",
    "PlanGroup",
    "PlanReferenceError",
    "ResourceRegistry",
    "SpecBuilder",
    "SpecGroup",
    "StackBuild",
    "StackProgramError",
    "build_groups",
    "buildable_by_group",
    "buildable",
    "building",
    "check_references",
    "field",
    "group_order",
    "logical_name",
    "manual_items",
    "spec",
    "topological_order",
]
