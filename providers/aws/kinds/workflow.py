"""State machines (workflow) -> Step Functions state machines whose definition points at the rebuilt resources.

Every string of the definition that names a resource the plan rebuilds (an ARN, a queue URL) becomes a token
(`${planner:N}`) the stack fills with the rebuilt resource's ARN or URL; ARNs AWS owns in every account (service
integrations such as `arn:aws:states:::sqs:sendMessage`) keep their form with the partition as a token. A
definition that still names the source account afterwards is not copied: the spec holds a placeholder.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar, Literal

from pydantic import Field

from planner.core.aws_ids import AWS_ID_PATTERN
from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, item_of, result
from providers.aws.spec import Spec, _Part

TOKEN = "${{planner:{index}}}"
PARTITION_TOKEN = "${AWS::Partition}"
ACCOUNT_FREE_ARN = re.compile(r"^arn:aws(?:-[a-z]+)*:(?P<rest>[a-z0-9-]+:[a-z0-9-]*::.*)$")
REDACTED_VALUE = "REDACTED-BY-PLANNER"
URL_PREFIX = "http"


class DefinitionRef(_Part):
    token: str
    target_item: str
    attribute: Literal["arn", "url"] = "arn"


class StateMachineSpec(Spec):
    type: Literal["aws.sfn.state_machine"] = "aws.sfn.state_machine"
    BUILT_LAST: ClassVar[bool] = True  # refers to items of later groups (stacks/aws/_late.py)
    machine_type: Literal["STANDARD", "EXPRESS"] = "STANDARD"
    definition: str  # JSON with tokens (or the placeholder)
    references: list[DefinitionRef] = Field(default_factory=list)
    placeholder: bool = False
    role_item: str | None = None
    tracing_enabled: bool = False


class _Rewriter:
    """Walks a definition, replacing the strings that name rebuilt resources by tokens."""

    def __init__(self, refs: dict[str, str], ctx: MappingContext, account_id: str) -> None:
        self.refs, self.ctx, self.account_id = refs, ctx, account_id
        self.references: list[DefinitionRef] = []
        self.unresolved: set[str] = set()

    def rewrite(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: self.rewrite(entry) for key, entry in value.items()}
        if isinstance(value, list):
            return [self.rewrite(entry) for entry in value]
        return self._string(value) if isinstance(value, str) else value

    def _string(self, text: str) -> str:
        target = item_of(self.ctx, self.refs.get(text))
        if target is not None:
            token = TOKEN.format(index=len(self.references))
            self.references.append(DefinitionRef(token=token, target_item=target,
                                                 attribute="url" if text.startswith(URL_PREFIX) else "arn"))
            return token
        account_free = ACCOUNT_FREE_ARN.match(text)
        if account_free:
            return f"arn:{PARTITION_TOKEN}:{account_free.group('rest')}"
        if AWS_ID_PATTERN.search(text) or (self.account_id and self.account_id in text):
            self.unresolved.add(text)
        return text


def placeholder_definition(name: str) -> str:
    state = {"Type": "Fail", "Error": "PlannerPlaceholder",
             "Cause": f"the definition of {name} named resources the plan does not rebuild: port it"}
    return json.dumps({"Comment": "Placeholder deployed by planner", "StartAt": "NotPorted", "States": {"NotPorted": state}})


def _definition(resource: Resource, ctx: MappingContext) -> tuple[str, list[DefinitionRef], bool, list[str]]:
    definition = resource.props.get("definition")
    rewriter = _Rewriter(dict(resource.props.get("definition_refs") or {}), ctx, ctx.inventory.source.account_id)
    rewritten = rewriter.rewrite(definition) if isinstance(definition, dict) else None
    if rewritten is None or rewriter.unresolved:
        why = (f"{len(rewriter.unresolved)} string(s) of the definition name source-account resources the plan does "
               "not rebuild" if rewritten is not None else "the definition was not inventoried")
        return placeholder_definition(ctx.target_name(resource)), [], True, [
            f"{why}: the state machine is deployed with a placeholder that fails; port the definition"]
    notes = [f"{len(rewriter.references)} reference(s) in the definition point at the rebuilt resources"]
    if int(resource.props.get("redacted_values") or 0):
        notes.append(f"{resource.props['redacted_values']} secret-looking value(s) of the definition were never "
                     f"inventoried and read {REDACTED_VALUE}: set them (better: read them from Secrets Manager)")
    return json.dumps(rewritten, sort_keys=True), rewriter.references, False, notes


def map_workflow(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    definition, references, placeholder, notes = _definition(resource, ctx)
    role = item_of(ctx, props.get("role_arn"))
    spec = StateMachineSpec(**common_fields(resource, ctx), machine_type="EXPRESS" if props.get("type") == "EXPRESS" else "STANDARD",
                            definition=definition, references=references, placeholder=placeholder, role_item=role,
                            tracing_enabled=bool(props.get("tracing_enabled")))
    if role is None:
        notes.append("the execution role is not rebuilt: the stack makes one trusting states.amazonaws.com with no "
                     "permissions; grant it what the definition calls")
    if props.get("logging_level") not in (None, "OFF"):
        notes.append(f"logging ({props['logging_level']}) needs a CloudWatch Logs group: set logging_configuration")
    complete = not placeholder and role is not None and len(notes) == 1
    return result("mapped" if complete else "partial", spec, unpriced("Step Functions (per state transition)"), notes)


MAP: dict[str, MapFunction] = {"workflow": map_workflow}
SPECS: tuple[type[Spec], ...] = (StateMachineSpec,)
