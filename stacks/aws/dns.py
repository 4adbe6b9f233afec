"""Builds Route 53 hosted zones (dns.zone) and records (dns.record), aliases pointing at rebuilt targets.

A zone's new name servers are exported as `name_servers` (for the delegation).
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds._alias import AliasSpec
from providers.aws.kinds.dns import DnsRecordSpec, HostedZoneSpec
from stacks.aws.base import AwsBuilder, AwsGroup

ALIAS_ATTRIBUTES: dict[str, tuple[str, str]] = {  # alias target type -> (DNS name output, hosted zone output)
    "lb": ("dns_name", "zone_id"),
    "cdn": ("domain_name", "hosted_zone_id"),
}


def build_zone(group: AwsGroup, item: PlanItem, spec: HostedZoneSpec) -> pulumi.Resource:
    vpcs = [{"vpc_id": vpc_id} for vpc_id in group.refs(item, spec.vpc_items)] if spec.private else None
    zone = aws.route53.Zone(item.id, name=spec.zone_name, vpcs=vpcs or None, **group.tagged(spec))
    return group.exporting(item, zone, name_servers="name_servers")


def _alias(group: AwsGroup, item: PlanItem, alias: AliasSpec) -> dict[str, Any]:
    name_output, zone_output = ALIAS_ATTRIBUTES[alias.target_type]
    return {
        "aliases": [
            {
                "name": group.ref(item, alias.target_item, name_output),
                "zone_id": group.ref(item, alias.target_item, zone_output),
                "evaluate_target_health": alias.evaluate_target_health,
            }
        ]
    }


def _records(group: AwsGroup, item: PlanItem, spec: DnsRecordSpec) -> dict[str, Any]:
    """The record's `ttl` and `records` (a CNAME to a rebuilt target names its DNS name)."""
    records: list[Any] = list(spec.values)
    if spec.cname_target is not None:
        records = [group.ref(item, spec.cname_target.target_item, ALIAS_ATTRIBUTES[spec.cname_target.target_type][0])]
    return {"ttl": spec.ttl, "records": records}


def build_record(group: AwsGroup, item: PlanItem, spec: DnsRecordSpec) -> pulumi.Resource:
    target = _records(group, item, spec)
    if spec.alias is not None:
        target = _alias(group, item, spec.alias)
    return aws.route53.Record(
        item.id,
        zone_id=group.ref(item, spec.zone_item, "zone_id"),
        name=spec.record_name,
        type=spec.record_type,
        set_identifier=spec.set_identifier,
        **target,
        opts=group.opts(spec),
    )


BUILD: dict[str, AwsBuilder] = {"aws.route53.zone": build_zone, "aws.route53.record": build_record}
