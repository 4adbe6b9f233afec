"""The fresh-AWS stack: a plan with target `aws` built with pulumi-aws, one component per group.

    build(plan) -> stack outputs

Groups are built in the order their references run (security, network, storage,
data, edge, compute, messaging); each region of the plan gets one explicit
`aws.Provider`. Items the stack cannot create (manual in the plan, or found
unbuildable here, such as a key pair without its public key) produce no
resource and are listed in the `manual_items` output with the reason.
"""

from __future__ import annotations

from typing import Any

import pulumi

from planner.core.model.plan import Plan
from stacks.aws._late import build_late, built_last
from stacks.aws.base import AwsGroup, AwsGroupArgs, Providers
from stacks.aws.defaults import TargetDefaults
from stacks.aws.groups import (
    Compute,
    ComputeArgs,
    Data,
    DataArgs,
    Edge,
    EdgeArgs,
    Messaging,
    MessagingArgs,
    Network,
    NetworkArgs,
    Security,
    SecurityArgs,
    Storage,
    StorageArgs,
)
from stacks.common.errors import StackProgramError
from stacks.common.registry import ResourceRegistry
from stacks.common.stack import buildable_by_group, manual_items

# Group -> (component, its Args), in build order: every reference between groups points
# backwards in this order (the compute group attaches instances to earlier groups' items).
COMPONENTS: dict[str, tuple[type[AwsGroup], type[AwsGroupArgs]]] = {
    "security": (Security, SecurityArgs),
    "network": (Network, NetworkArgs),
    "storage": (Storage, StorageArgs),
    "data": (Data, DataArgs),
    "edge": (Edge, EdgeArgs),
    "compute": (Compute, ComputeArgs),
    "messaging": (Messaging, MessagingArgs),
}


def build(plan: Plan) -> dict[str, pulumi.Input[Any]]:
    """Create the plan's resources; return the stack outputs (per-item outputs, regions, manual items)."""
    if plan.target.provider != "aws":
        raise StackProgramError(f"stacks.aws builds plans for target 'aws', not {plan.target.provider!r}")
    grouped = buildable_by_group(plan, COMPONENTS, "AWS")
    providers = Providers.for_plan(plan)
    defaults = TargetDefaults(plan=plan, provider_for=providers.for_region)
    registry = ResourceRegistry(plan)
    runtime_manual: list[dict[str, Any]] = []
    components: list[AwsGroup] = []
    late = [item for items in grouped.values() for item in items if built_last(item)]  # see stacks/aws/_late.py
    for group, (component, args_class) in COMPONENTS.items():
        if group in grouped:
            args = args_class(items=[item for item in grouped[group] if not built_last(item)], registry=registry, plan=plan,
                              providers=providers, defaults=defaults, runtime_manual=runtime_manual)
            components.append(component(group, args))
    build_late(components, late)
    item_outputs: dict[str, Any] = {}
    for built in components:
        item_outputs.update(built.item_outputs)
    return {
        "regions": sorted(providers.by_region),
        "home_region": providers.home_region,
        "items": dict(sorted(item_outputs.items())),
        "manual_items": manual_items(plan) + runtime_manual,
        "provider_defaults": dict(sorted(defaults.resolved.items())),
    }


def check_plan(plan: Plan) -> None:
    """Refuse, before a project is written, a plan whose specs this program cannot read (`planner generate`)."""
    from providers.aws.spec import parse_spec
    from stacks.common.spec_check import check_target_specs

    check_target_specs(plan, parse_spec)
