"""Provider defaults that the target creates (or does not need) on its own: skipped, with the reason.

One table: source type -> (predicate on the resource, reason). The first rule that
matches skips the item; the item still appears in the plan.

Some defaults carry what the resources in them need: the default security group's
rules, and on Google Cloud (which has no default VPC to reuse) the default VPC and
its subnets. `KEPT_WHEN_USED` lists, per target, the default types that are mapped
like any other resource when a resource that is not skipped itself refers to them;
unused ones stay skipped. `skipped_defaults` applies both tables to an inventory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from planner.core.model.inventory import Inventory, Resource

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
         "the VPC's default security group: a provider default, and no resource of the plan uses it"),
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

# target -> default types mapped like any resource when something kept refers to them.
# GCP: no default VPC to reuse, so the stack builds a network, subnetworks and firewall rules for them.
# AWS: the new account's default VPC and subnets serve (the stack looks them up); the default
# security group is kept so that its rules are set on the new default group.
KEPT_WHEN_USED: dict[str, frozenset[str]] = {
    "gcp": frozenset({"aws.ec2.vpc", "aws.ec2.subnet", "aws.ec2.security_group"}),
    "aws": frozenset({"aws.ec2.security_group"}),
}

# target -> what happens to a used default that stays skipped, appended to the reason.
USED_DEFAULT_PLACEMENT: dict[str, dict[str, str]] = {
    "aws": {
        "aws.ec2.vpc": "the resources in it go into the new account's default VPC of the region (the stack looks it up)",
        "aws.ec2.subnet": "the resources in it go into the new account's default subnet of the same zone (the stack looks it up)",
    },
}


def skip_reason(resource: Resource) -> str | None:
    """Why the resource is a provider default that the plan skips, or None (whatever uses it)."""
    for matches, reason in SKIP_RULES.get(resource.key, []):
        if matches(resource):
            return reason
    return None


def skipped_defaults(inventory: Inventory, provider: str) -> dict[str, str]:
    """Resource id -> skip reason for the inventory's provider defaults, planned for `provider`.

    A default of a type in `KEPT_WHEN_USED[provider]` is not skipped when a kept resource
    refers to it (a kept subnet or security group keeps its VPC in turn).
    """
    reasons = {resource.id: reason for resource in inventory.resources if (reason := skip_reason(resource)) is not None}
    by_id = inventory.by_id()
    used = _used_defaults(inventory.resources, reasons, by_id)
    kept_types = KEPT_WHEN_USED.get(provider, frozenset())
    for resource_id in used:
        key = by_id[resource_id].key
        if key in kept_types:
            del reasons[resource_id]
        elif (placement := USED_DEFAULT_PLACEMENT.get(provider, {}).get(key)) is not None:
            reasons[resource_id] = f"{reasons[resource_id]}; {placement}"
    return reasons


def _used_defaults(resources: Iterable[Resource], skipped: dict[str, str], by_id: dict[str, Resource]) -> set[str]:
    """The skipped defaults that a resource which is not skipped refers to, and the VPCs of those."""
    used = {ref for resource in resources if resource.id not in skipped for ref in resource.refs if ref in skipped}
    for default_id in list(used):
        used.update(ref for ref in by_id[default_id].refs if ref in skipped and by_id[ref].key == "aws.ec2.vpc")
    return used
