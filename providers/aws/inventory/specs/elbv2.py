"""ALB / NLB / GWLB: load balancers, listeners, target groups (with their targets)."""

from __future__ import annotations

from collections.abc import Callable

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import describe_tags_in_batches, ids


def attach_tags(arn_field: str) -> Callable[[JobContext, list[Item]], list[Item]]:
    return describe_tags_in_batches(arn_field, "ResourceArns", "ResourceArn")


def _build_load_balancer(item: Item, ctx: JobContext) -> Built:
    zones = item.get("AvailabilityZones", [])
    subnets = ids(zones, "SubnetId")
    groups = item.get("SecurityGroups", [])
    return Built(
        props={
            "type": item.get("Type"),
            "scheme": item.get("Scheme"),
            "dns_name": item.get("DNSName"),
            "availability_zones": ids(zones, "ZoneName"),
            "subnet_ids": subnets,
            "security_group_ids": groups,
            "vpc_id": item.get("VpcId"),
            "ip_address_type": item.get("IpAddressType"),
        },
        refs=[*subnets, *groups, item.get("VpcId")],
    )


def _action_target_groups(actions: list[dict]) -> list[str]:
    groups: list[str] = []
    for action in actions:
        if action.get("TargetGroupArn"):
            groups.append(action["TargetGroupArn"])
        groups.extend(ids(action.get("ForwardConfig", {}).get("TargetGroups"), "TargetGroupArn"))
    return list(dict.fromkeys(groups))


def _build_listener(item: Item, ctx: JobContext) -> Built:
    actions = item.get("DefaultActions", [])
    certificates = ids(item.get("Certificates"), "CertificateArn")
    groups = _action_target_groups(actions)
    return Built(
        props={
            "protocol": item.get("Protocol"),
            "port": item.get("Port"),
            "certificate_arns": certificates,
            "default_action_type": actions[0].get("Type") if actions else None,
            "target_group_arns": groups,
            "load_balancer_arn": item.get("LoadBalancerArn"),
        },
        refs=[item.get("LoadBalancerArn"), *groups, *certificates],
        name=f"{item['_parent'].get('LoadBalancerName')}:{item.get('Protocol')}:{item.get('Port')}",
    )


def _target_health(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    response = guarded(ctx, lambda: client.describe_target_health(TargetGroupArn=item["TargetGroupArn"]), {})
    item["_targets"] = [description["Target"]["Id"] for description in response.get("TargetHealthDescriptions", [])]


def _build_target_group(item: Item, ctx: JobContext) -> Built:
    targets = item.get("_targets", [])
    load_balancers = item.get("LoadBalancerArns", [])
    instance_targets = targets if item.get("TargetType") == "instance" else []
    return Built(
        props={
            "protocol": item.get("Protocol"),
            "port": item.get("Port"),
            "target_type": item.get("TargetType"),
            "health_check_path": item.get("HealthCheckPath"),
            "health_check_port": item.get("HealthCheckPort"),
            "target_ids": targets,
            "load_balancer_arns": load_balancers,
            "vpc_id": item.get("VpcId"),
        },
        refs=[*load_balancers, item.get("VpcId"), *instance_targets],
    )


register(
    ResourceSpec(
        "aws.elbv2.load_balancer", "elbv2", "describe_load_balancers", "LoadBalancers[]", "LoadBalancerArn",
        _build_load_balancer, name_field="LoadBalancerName", page_size=400, enrich=attach_tags("LoadBalancerArn"),
    ),
    ResourceSpec(
        "aws.elbv2.listener", "elbv2", "describe_listeners", "Listeners[]", "ListenerArn", _build_listener,
        page_size=400, parent="aws.elbv2.load_balancer",
        parent_params=lambda parent: {"LoadBalancerArn": parent["LoadBalancerArn"]},
    ),
    ResourceSpec(
        "aws.elbv2.target_group", "elbv2", "describe_target_groups", "TargetGroups[]", "TargetGroupArn",
        _build_target_group, name_field="TargetGroupName", page_size=400,
        enrich=attach_tags("TargetGroupArn"), detail=_target_health,
    ),
)


# --- listener rules (the non-default ones: the listener holds the default action) ------------


def _condition(condition: dict) -> dict:
    """One rule condition as {field, values}; the *Config forms and the legacy `Values` read alike."""
    field = str(condition.get("Field"))
    configs = ("HostHeaderConfig", "PathPatternConfig", "HttpRequestMethodConfig", "SourceIpConfig")
    values = next((condition[name].get("Values", []) for name in configs if condition.get(name)), None)
    found: dict = {"field": field, "values": list(values if values is not None else condition.get("Values") or [])}
    if condition.get("HttpHeaderConfig"):
        found["header_name"] = condition["HttpHeaderConfig"].get("HttpHeaderName")
        found["values"] = list(condition["HttpHeaderConfig"].get("Values") or [])
    if condition.get("QueryStringConfig"):
        found["values"] = [f"{pair.get('Key') or ''}={pair.get('Value')}" for pair in condition["QueryStringConfig"].get("Values") or []]
    return found


def _rule_name(item: Item) -> str:
    listener = item["_parent"]
    balancer = listener.get("_parent", {}).get("LoadBalancerName", "lb")
    return f"{balancer}:{listener.get('Port')}:{item.get('Priority')}"


def _build_rule(item: Item, ctx: JobContext) -> Built:
    actions = sorted(item.get("Actions", []), key=lambda action: action.get("Order", 0))
    final = actions[-1] if actions else {}
    groups = _action_target_groups(actions)
    priority = str(item.get("Priority", ""))
    return Built(
        props={
            "priority": int(priority) if priority.isdigit() else None,
            "listener_arn": item["_parent"].get("ListenerArn"),
            "conditions": [_condition(condition) for condition in item.get("Conditions", [])],
            "action_type": final.get("Type"),
            "target_group_arns": groups,
            "redirect": final.get("RedirectConfig"),
            "fixed_response_status": (final.get("FixedResponseConfig") or {}).get("StatusCode"),
            "authenticates": any(str(action.get("Type", "")).startswith("authenticate") for action in actions),
        },
        refs=[item["_parent"].get("ListenerArn"), *groups],
        name=_rule_name(item),
    )


register(
    ResourceSpec(
        key="aws.elbv2.listener_rule", service="elbv2", operation="describe_rules", result_path="Rules[]",
        id_field="RuleArn", build=_build_rule, page_size=400, parent="aws.elbv2.listener",
        parent_params=lambda parent: {"ListenerArn": parent["ListenerArn"]}, keep=lambda item: not item.get("IsDefault"),
        enrich=attach_tags("RuleArn"),
    ),
)
