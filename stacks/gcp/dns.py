"""Builds `gcp.dns.managed_zone` and `gcp.dns.record_set` (`dns.zone`, `dns.record`): Cloud DNS zones and records."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.dns import DnsRecordSpec, DnsZoneSpec
from stacks.gcp.base import ADDRESS_ROLE, GcpBuilder, GcpGroup


def build_zone(group: GcpGroup, item: PlanItem, spec: DnsZoneSpec) -> pulumi.Resource:
    private = {"private_visibility_config": {"networks": [{"network_url": group.ref(item, n)} for n in spec.networks]}}
    zone = gcp.dns.ManagedZone(item.id, name=spec.name, dns_name=spec.dns_name, visibility=spec.visibility,
                               labels=spec.labels, **(private if spec.visibility == "private" else {}),
                               opts=group.opts())
    group.export(item, "name_servers", zone.name_servers)
    return zone


def build_record(group: GcpGroup, item: PlanItem, spec: DnsRecordSpec) -> pulumi.Resource:
    rrdatas: list[Any] = list(spec.rrdatas)
    if spec.address_from:
        rrdatas = [group.ref(item, spec.address_from, "address", ADDRESS_ROLE)]
    return gcp.dns.RecordSet(item.id, managed_zone=group.ref(item, spec.managed_zone, "name"),
                             name=spec.record_name, type=spec.record_type, ttl=spec.ttl, rrdatas=rrdatas,
                             opts=group.opts())


BUILD: dict[str, GcpBuilder] = {"gcp.dns.managed_zone": build_zone, "gcp.dns.record_set": build_record}
