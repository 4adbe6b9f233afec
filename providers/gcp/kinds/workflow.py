"""`workflow` -> a Workflows workflow with a placeholder source: the Amazon States Language definition does not
translate to Workflows syntax, and it names source-account ARNs, so it is never copied into the target spec."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, region_of
from providers.gcp.spec import GcpSpec

# What a state machine's task calls -> what the ported workflow step calls (Workflows connectors and http.*).
TASK_EQUIVALENTS: dict[str, str] = {
    "lambda:invoke": "http.post to the Cloud Run function's URL (with an OIDC token)",
    "sqs:sendMessage": "googleapis.pubsub.v1.projects.topics.publish to the queue's topic",
    "sns:publish": "googleapis.pubsub.v1.projects.topics.publish",
    "dynamodb:putItem": "googleapis.firestore.v1.projects.databases.documents.createDocument",
    "dynamodb:getItem": "googleapis.firestore.v1.projects.databases.documents.get",
    "dynamodb:updateItem": "googleapis.firestore.v1.projects.databases.documents.patch",
    "states:startExecution": "googleapis.workflowexecutions.v1.projects.locations.workflows.executions.run",
    "ecs:runTask": "googleapis.run.v2.projects.locations.jobs.run (a Cloud Run job)",
    "batch:submitJob": "googleapis.batch.v1.projects.locations.jobs.create",
}
GENERIC_EQUIVALENT = "an http.* call or a Workflows connector"


class WorkflowSpec(GcpSpec):
    type: Literal["gcp.workflows.workflow"] = "gcp.workflows.workflow"
    region: str
    description: str
    state_count: int = 0
    task_integrations: list[str] = Field(default_factory=list)


def _calls(integrations: list[str]) -> str:
    return "; ".join(f"{name} -> {TASK_EQUIVALENTS.get(name, GENERIC_EQUIVALENT)}" for name in integrations)


def map_workflow(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    integrations = list(props.get("task_integrations") or [])
    states = int(props.get("state_count") or 0)
    spec = WorkflowSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), region=region_of(resource, ctx),
                        description=f"Port of the Step Functions state machine {resource.name} ({states} states)",
                        state_count=states, task_integrations=integrations)
    notes = [f"Amazon States Language ({states} states) does not translate to Workflows syntax: the workflow is "
             "deployed with a placeholder that fails every execution; port the definition step by step",
             "the definition names source-account ARNs: it is not copied into the plan (see the inventory)"]
    if integrations:
        notes.append("task calls to port: " + _calls(integrations))
    if props.get("type") == "EXPRESS":
        notes.append("EXPRESS state machine: Workflows has one kind of workflow; check the execution rate quotas")
    notes.append("execution role -> a service account with the roles the ported steps need (manual)")
    return done("partial", spec, notes, pricing.unpriced("no Workflows rate in the catalog snapshot (per step): not priced"))


MAP: dict[str, MapFunction] = {"workflow": map_workflow}
SPECS: tuple[type[GcpSpec], ...] = (WorkflowSpec,)
