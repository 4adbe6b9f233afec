"""DNS zones (dns.zone) and records (dns.record) -> Route 53 hosted zones and records.

NS and SOA records are skipped (Route 53 creates them with each zone); an
alias or a one-value CNAME to a load balancer or distribution this plan
rebuilds points at the rebuilt one.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.model.inventory import Resource
from providers.aws.kinds._alias import AliasSpec, alias_target
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import VPC, common_fields, linked, linked_one, optional_int, result
from providers.aws.spec import Spec

ZONE_RECORD_TYPES = ("NS", "SOA")  # created by Route 53 with each zone


class HostedZoneSpec(Spec):
    type: Literal["aws.route53.zone"] = "aws.route53.zone"
    zone_name: str
    private: bool = False
    vpc_items: list[str] = Field(default_factory=list)


class DnsRecordSpec(Spec):
    type: Literal["aws.route53.record"] = "aws.route53.record"
    zone_item: str
    record_name: str
    record_type: str
    ttl: int | None = None
    values: list[str] = Field(default_factory=list)
    alias: AliasSpec | None = None
    cname_target: AliasSpec | None = None  # a CNAME to a rebuilt load balancer or distribution
    set_identifier: str | None = None


def map_zone(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = HostedZoneSpec(
        **common_fields(resource, ctx),
        zone_name=str(props.get("zone_name") or resource.name),
        private=bool(props.get("private_zone")),
        vpc_items=linked(resource, ctx, "vpc_ids", VPC),
    )
    notes = [] if spec.private else ["new name servers: update the delegation at the registrar (outputs list them)"]
    return result("mapped", spec, unpriced("Route 53"), notes)


def _record_notes(props: dict[str, Any], alias: AliasSpec | None, record_type: str) -> list[str]:
    notes = []
    if alias is None and record_type in ("A", "AAAA"):
        notes.append("literal addresses are copied: point them at the new IPs after cutover")
    if props.get("set_identifier"):
        notes.append("routing policy (weighted/latency/failover) is not inventoried: set it again")
    return notes


def _record_spec(resource: Resource, ctx: MappingContext, zone: str, alias: AliasSpec | None) -> DnsRecordSpec:
    props = resource.props
    record_type = str(props.get("record_type") or "A")
    values = list(props.get("values") or [])
    return DnsRecordSpec(
        **common_fields(resource, ctx),
        zone_item=zone,
        record_name=str(props.get("record_name") or resource.name),
        record_type=record_type,
        ttl=optional_int(props.get("ttl")),
        values=values,
        alias=alias,
        cname_target=alias_target(values[0], ctx) if record_type == "CNAME" and len(values) == 1 else None,
        set_identifier=props.get("set_identifier"),
    )


def map_record(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    zone = linked_one(resource, ctx, "zone_id", "aws.route53.zone")
    record_type = str(props.get("record_type") or "A")
    if zone is None:
        return manual("the record's hosted zone is not in the inventory", "recreate the record in its zone")
    if record_type in ZONE_RECORD_TYPES:
        return skipped(f"{record_type} records are created by Route 53 with each new zone")
    alias = alias_target(str(props["alias_target"]), ctx) if props.get("alias_target") else None
    if props.get("alias_target") and alias is None:
        return manual(
            f"alias to {props['alias_target']}, which this plan does not rebuild",
            "recreate the alias once its target exists on the new side",
        )
    spec = _record_spec(resource, ctx, zone, alias)
    notes = _record_notes(props, alias, record_type)
    return result("partial" if notes else "mapped", spec, None, notes)


MAP: dict[str, MapFunction] = {"dns.zone": map_zone, "dns.record": map_record}
SPECS: tuple[type[Spec], ...] = (HostedZoneSpec, DnsRecordSpec)
