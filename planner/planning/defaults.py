"""Provider defaults that the target creates (or does not need) on its own: skipped, with the reason.

One table: source type -> (predicate on the resource, reason). The first rule that
matches skips the item; the item still appears in the plan.
"""

from __future__ import annotations

from collections.abc import Callable

from planner.model.inventory import Resource

SkipRule = tuple[Callable[[Resource], bool], str]


def _prop(name: str, *values: object) -> Callable[[Resource], bool]:
    return lambda resource: resource.props.get(name) in values


def _is_apex_ns_or_soa(resource: Resource) -> bool:
    record_type = str(resource.props.get("record_type", "")).upper()
    return record_type in {"NS", "SOA"} and _same_dns_name(resource.props.get("record_name"), resource.props.get("zone_name"))


def _same_dns_name(a: object, b: object) -> bool:
    return bool(a) and bool(b) and str(a).rstrip(".").lower() == str(b).rstrip(".").lower()


SKIP_RULES: dict[str, list[SkipRule]] = {
    "aws.ec2.vpc": [(_prop("is_default", True), "the account's default VPC: a provider default, the target has its own network")],
    "aws.ec2.subnet": [(_prop("default_for_az", True), "a default subnet of the default VPC: a provider default")],
    "aws.ec2.security_group": [
        (lambda r: bool(r.props.get("is_default")) or r.props.get("group_name") == "default",
         "the VPC's default security group: a provider default (its rules are recreated on the target network where used)"),
    ],
    "aws.ec2.route_table": [(_prop("is_main", True), "the VPC's main route table: a provider default")],
    "aws.kms.key": [(_prop("key_manager", "AWS"), "an AWS-managed KMS key: AWS creates it per service; the target uses its own default encryption")],
    "aws.iam.role": [
        (lambda r: str(r.props.get("path", "")).startswith("/aws-service-role/"),
         "a service-linked role: AWS creates it for its own services; nothing to move"),
    ],
    "aws.ec2.instance": [(_prop("state", "terminated", "shutting-down"), "the instance is terminated: nothing left to move")],
    "aws.route53.record_set": [(_is_apex_ns_or_soa, "the zone's apex NS/SOA record: the target DNS zone creates its own")],
}


def skip_reason(resource: Resource) -> str | None:
    """Why the resource is a provider default that the plan skips, or None."""
    for matches, reason in SKIP_RULES.get(resource.key, []):
        if matches(resource):
            return reason
    return None
