"""Builds `gcp.workflows.workflow` (`workflow`): a workflow whose placeholder source fails every execution until the
state machine is ported."""

from __future__ import annotations

import json

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.workflow import WorkflowSpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def placeholder_source(spec: WorkflowSpec) -> str:
    """Workflows YAML that raises: nothing runs until the definition is ported."""
    calls = ", ".join(spec.task_integrations) or "none inventoried"
    message = json.dumps(f"planner placeholder: port the state machine {spec.name} ({spec.state_count} states) to Workflows")
    return (f"# Placeholder deployed by planner. Source tasks called: {calls}.\n"
            "main:\n  params: [input]\n  steps:\n    - not_ported:\n"
            f"        raise: {message}\n")


def build_workflow(group: GcpGroup, item: PlanItem, spec: WorkflowSpec) -> pulumi.Resource:
    workflow = gcp.workflows.Workflow(
        item.id, name=spec.name, region=spec.region, description=spec.description, labels=spec.labels,
        source_contents=placeholder_source(spec), deletion_protection=False, opts=group.opts())
    group.export(item, "workflow", workflow.id)
    return workflow


BUILD: dict[str, GcpBuilder] = {"gcp.workflows.workflow": build_workflow}
