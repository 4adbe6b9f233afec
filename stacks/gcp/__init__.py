"""The Google Cloud stack: a plan with target `gcp` built with pulumi-gcp, one component per group.

    build(plan) -> stack outputs

Each group (network, security, storage, compute, data, edge, messaging) is a
`ComponentResource` whose children are the items' resources. Items are built
in plan-wide order of the references inside their specs (a backend service
after the instance groups it serves, a DNS record after the address it points
at), so every reference is a Pulumi output. Manual items create nothing and
are listed in `manual_items` with the reason and the work.
"""

from __future__ import annotations

from typing import Any

import pulumi
from pydantic import ValidationError

from planner.core.fileio import describe_validation_error
from planner.core.model.plan import Plan, PlanItem
from providers.gcp.spec import parse_spec
from stacks.common.errors import StackProgramError
from stacks.common.registry import BUILDABLE_STATUSES
from stacks.common.spec_check import check_target_specs
from stacks.common.stack import build_groups, manual_items
from stacks.gcp._apis import enable_apis_for_stack
from stacks.gcp.base import GcpGroup
from stacks.gcp.groups import Compute, Data, Edge, Messaging, Network, Security, Storage

COMPONENTS: dict[str, type[GcpGroup]] = {
    "network": Network,
    "security": Security,
    "storage": Storage,
    "compute": Compute,
    "data": Data,
    "edge": Edge,
    "messaging": Messaging,
}

# Item outputs gathered under one stack output each, for the operator's next steps.
OUTPUT_SECTIONS: dict[str, str] = {
    "address": "addresses",
    "external_ip": "addresses",
    "internal_ip": "internal_ips",
    "connection_name": "sql_connection_names",
    "admin_password_secret": "sql_admin_password_secrets",
    "url": "urls",
    "name_servers": "dns_name_servers",
    "dns_authorization_records": "certificate_dns_authorizations",
    "host": "cache_hosts",
    "discovery_endpoint": "cache_hosts",
    "endpoint": "gke_endpoints",
}


def build(plan: Plan) -> dict[str, pulumi.Input[Any]]:
    """Create the plan's resources; return the stack outputs (per item, by section, and manual items)."""
    if plan.target.provider != "gcp":
        raise StackProgramError(f"stacks.gcp builds plans for target 'gcp', not {plan.target.provider!r}")
    apis = enable_apis_for_stack()  # before any resource: each one depends on the Service of its APIs
    built = build_groups(_ordered_by_spec_references(plan), COMPONENTS)
    item_outputs = built.item_outputs()
    outputs: dict[str, Any] = {section: {} for section in sorted(set(OUTPUT_SECTIONS.values()))}
    for item_id, values in item_outputs.items():
        for name, value in values.items():
            if name in OUTPUT_SECTIONS:
                outputs[OUTPUT_SECTIONS[name]][item_id] = value
    outputs["items"] = item_outputs
    outputs["manual_items"] = manual_items(plan) + built.runtime_manual
    outputs["enabled_apis"] = apis.enabled()
    if apis.unknown_modules:  # a module the API table does not know: its API may need enabling by hand
        outputs["apis_not_enabled_for_modules"] = sorted(apis.unknown_modules)
    return outputs


def _ordered_by_spec_references(plan: Plan) -> Plan:
    """The plan with each buildable item's depends_on set to the items its spec refers to.

    Inventory refs can point the other way round (an Elastic IP refers to its
    instance, while the GCP instance needs the address first); the spec's
    references are what the stack resolves, so they decide the order.
    """
    by_id = plan.by_id()
    items = [_with_spec_dependencies(item, by_id) for item in plan.items]
    return plan.model_copy(update={"items": items})


def _with_spec_dependencies(item: PlanItem, by_id: dict[str, PlanItem]) -> PlanItem:
    if item.status not in BUILDABLE_STATUSES or not item.target:
        return item.model_copy(update={"depends_on": []})
    try:
        referenced = parse_spec(item.target).referenced_ids()
    except ValidationError as exc:
        raise StackProgramError(f"target spec is not a valid GCP spec: target.{describe_validation_error(exc)}",
                                item_id=item.id) from None
    except (KeyError, ValueError) as exc:
        raise StackProgramError(f"target spec is not a valid GCP spec ({type(exc).__name__}: {exc})",
                                item_id=item.id) from None
    for target_id in referenced:
        if target_id not in by_id:
            raise StackProgramError(f"refers to {target_id!r}, which is not an item of the plan", item_id=item.id)
    return item.model_copy(update={"depends_on": sorted(set(referenced) - {item.id})})


def check_plan(plan: Plan) -> None:
    """Refuse, before a project is written, a plan whose specs this program cannot read (`planner generate`)."""
    check_target_specs(plan, parse_spec)


__all__ = ["COMPONENTS", "build", "check_plan"]
