"""Listener rules (lb.rule) -> ALB listener rules with the same priority, conditions and forward/redirect/fixed
response, forwarding to the rebuilt target groups; authenticating rules are manual."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import common_fields, linked, linked_one, optional_int, result
from providers.aws.spec import Spec, _Part

ACTIONS = frozenset({"forward", "redirect", "fixed-response"})


class RuleConditionSpec(_Part):
    field: str  # host-header | path-pattern | http-header | http-request-method | query-string | source-ip
    values: list[str] = Field(default_factory=list)
    header_name: str | None = None


class ListenerRuleSpec(Spec):
    type: Literal["aws.lb.listener_rule"] = "aws.lb.listener_rule"
    listener_item: str
    priority: int | None = None
    conditions: list[RuleConditionSpec] = Field(default_factory=list)
    action_type: Literal["forward", "redirect", "fixed-response"] = "forward"
    target_group_items: list[str] = Field(default_factory=list)
    redirect: dict[str, Any] | None = None  # the source's RedirectConfig (Protocol, Host, Port, Path, Query, StatusCode)
    fixed_response_status: str | None = None


def _conditions(props: dict[str, Any]) -> list[RuleConditionSpec]:
    return [RuleConditionSpec(field=str(c.get("field")), values=[str(v) for v in c.get("values") or []],
                              header_name=c.get("header_name")) for c in props.get("conditions") or []]


def map_rule(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    listener = linked_one(resource, ctx, "listener_arn", "aws.elbv2.listener")
    action = str(props.get("action_type") or "")
    if props.get("authenticates") or action not in ACTIONS or listener is None:
        return manual("the rule authenticates (Cognito/OIDC) or its listener is not inventoried"
                      if action in ACTIONS else f"action {action!r} is not rebuilt here",
                      "recreate the rule by hand with its identity provider settings")
    spec = ListenerRuleSpec(
        **common_fields(resource, ctx), listener_item=listener, priority=optional_int(props.get("priority")),
        conditions=_conditions(props), action_type=action,
        target_group_items=linked(resource, ctx, "target_group_arns", "aws.elbv2.target_group"),
        redirect=props.get("redirect"), fixed_response_status=props.get("fixed_response_status"),
    )
    notes = []
    if len(spec.target_group_items) > 1:
        notes.append("weights between the target groups are not inventoried: they get equal weights")
    if action == "fixed-response":
        notes.append("the fixed response's body and content type are not inventoried: plain text, empty body")
    if action == "forward" and not spec.target_group_items:
        return manual("its target groups are not in the plan", "recreate the rule once they exist")
    return result("partial" if notes else "mapped", spec, None, notes)


MAP: dict[str, MapFunction] = {"lb.rule": map_rule}
SPECS: tuple[type[Spec], ...] = (ListenerRuleSpec,)
