"""Builds ALB listener rules (lb.rule) on the rebuilt listeners, forwarding to the rebuilt target groups."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.lb_rule import ListenerRuleSpec, RuleConditionSpec
from stacks.aws.base import AwsBuilder, AwsGroup

# ELBv2 condition field -> pulumi-aws lb.ListenerRule condition argument holding {"values": [...]}.
VALUE_CONDITIONS: dict[str, str] = {
    "host-header": "host_header",
    "path-pattern": "path_pattern",
    "http-request-method": "http_request_method",
    "source-ip": "source_ip",
}
# RedirectConfig (ELBv2 API) -> pulumi-aws redirect argument.
REDIRECT_FIELDS: dict[str, str] = {"StatusCode": "status_code", "Protocol": "protocol", "Port": "port", "Host": "host",
                                   "Path": "path", "Query": "query"}


def _condition(condition: RuleConditionSpec) -> dict[str, Any]:
    if condition.field in VALUE_CONDITIONS:
        return {VALUE_CONDITIONS[condition.field]: {"values": condition.values}}
    if condition.field == "http-header":
        return {"http_header": {"http_header_name": condition.header_name, "values": condition.values}}
    pairs = [value.partition("=") for value in condition.values]  # query-string "key=value" ("=value": any key)
    return {"query_strings": [{"key": key or None, "value": value} for key, _, value in pairs]}


def _action(group: AwsGroup, item: PlanItem, spec: ListenerRuleSpec) -> dict[str, Any]:
    if spec.action_type == "redirect":
        redirect = {REDIRECT_FIELDS[k]: str(v) for k, v in (spec.redirect or {}).items() if k in REDIRECT_FIELDS and v}
        return {"type": "redirect", "redirect": {"status_code": "HTTP_302", **redirect}}
    if spec.action_type == "fixed-response":
        return {"type": "fixed-response", "fixed_response": {"content_type": "text/plain",
                                                             "status_code": spec.fixed_response_status or "503"}}
    groups = group.refs(item, spec.target_group_items, "arn")
    if len(groups) == 1:
        return {"type": "forward", "target_group_arn": groups[0]}
    return {"type": "forward", "forward": {"target_groups": [{"arn": arn, "weight": 1} for arn in groups]}}


def build_listener_rule(group: AwsGroup, item: PlanItem, spec: ListenerRuleSpec) -> pulumi.Resource:
    return aws.lb.ListenerRule(
        item.id, listener_arn=group.ref(item, spec.listener_item, "arn"), priority=spec.priority,
        conditions=[_condition(condition) for condition in spec.conditions], actions=[_action(group, item, spec)],
        **group.tagged(spec),
    )


BUILD: dict[str, AwsBuilder] = {"aws.lb.listener_rule": build_listener_rule}
