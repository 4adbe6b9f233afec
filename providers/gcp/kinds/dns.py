"""`dns.zone` and `dns.record` -> Cloud DNS managed zones and record sets; aliases to mapped load balancers,
distributions and addresses become A records on their new addresses."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._alias import resolve_alias
from providers.gcp.kinds._shared import done, network_item, refs
from providers.gcp.spec import GcpSpec

# Route 53 record types Cloud DNS creates itself at the zone apex.
APEX_RECORDS_OWNED_BY_CLOUD_DNS = frozenset({"NS", "SOA"})
ALIAS_TTL_S = 300  # alias records have no TTL of their own; Route 53 serves the target's. A stated default.
# Record types whose rdata holds domain names -> the position of the name among the value's space-separated
# fields: CNAME, NS, PTR (RFC 1035 3.3), MX preference exchange (RFC 1035 3.3.9), SRV priority weight port target
# (RFC 2782), NAPTR order preference flags services regexp replacement (RFC 3403 4.1), SVCB/HTTPS priority target
# params (RFC 9460 2.2). Route 53 accepts them relative or absolute; Cloud DNS wants them fully qualified.
DOMAIN_NAME_FIELD: dict[str, int] = {"CNAME": 0, "NS": 0, "PTR": 0, "MX": 1, "SRV": 3, "NAPTR": 5, "SVCB": 1,
                                     "HTTPS": 1}


class DnsZoneSpec(GcpSpec):
    type: Literal["gcp.dns.managed_zone"] = "gcp.dns.managed_zone"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('networks',)
    dns_name: str  # with the trailing dot
    visibility: Literal["public", "private"] = "public"
    networks: list[str] = Field(default_factory=list)


class DnsRecordSpec(GcpSpec):
    type: Literal["gcp.dns.record_set"] = "gcp.dns.record_set"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('managed_zone', 'address_from')
    managed_zone: str  # plan item id of the zone
    record_name: str  # fully qualified, trailing dot
    record_type: str
    ttl: int
    rrdatas: list[str] = Field(default_factory=list)
    address_from: str | None = None  # plan item id whose address becomes the A record (alias records)


def map_dns_zone(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    private = bool(props.get("private_zone"))
    networks = list(dict.fromkeys(network_item(ctx.resource(v), ctx) for v in props.get("vpc_ids") or []))
    spec = DnsZoneSpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                       dns_name=str(props.get("zone_name") or resource.name).rstrip(".") + ".",
                       visibility="private" if private else "public", networks=[n for n in networks if n])
    notes = ["private zone bound to the mapped VPC networks" if private else
             "delegate the domain to the new name servers (stack output) at the registrar at cutover; "
             "lower the TTLs beforehand"]
    return done("mapped", spec, notes, pricing.unpriced("no Cloud DNS rate in the catalog snapshot: not priced"))


def fully_qualified(record_type: str, value: str) -> str:
    """The value with the domain name its rdata holds ending in a dot (`mail.example.com` -> `mail.example.com.`)."""
    position = DOMAIN_NAME_FIELD.get(record_type)
    fields = value.split()
    if position is None or position >= len(fields) or fields[position].endswith("."):
        return value
    fields[position] += "."
    return " ".join(fields)


def _set_identifier_sibling_first(resource: Resource, ctx: MappingContext) -> str | None:
    """For weighted/latency/failover sets, the id of the set member that carries the record."""
    parts = resource.id.split("/")
    if len(parts) < 4:
        return None
    return min(r.id for r in index_of(ctx).lookup(_routing_set_of_record, "/".join(parts[:3]), resource.key))


def _routing_set_of_record(record: Resource) -> list[str]:
    """The first three `/` parts of a record id of four or more parts: what the members of one set share."""
    parts = record.id.split("/")
    return ["/".join(parts[:3])] if len(parts) >= 4 else []


def map_dns_record(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    zone = ctx.resource(str(props.get("zone_id"))) or next(iter(refs(resource, ctx, "aws.route53.zone")), None)
    record_type = str(props.get("record_type") or "A")
    record_name = str(props.get("record_name") or "").replace("\\052", "*").rstrip(".") + "."
    if zone is None or ctx.item_id(zone.id) is None:
        return manual("the record's hosted zone is not inventoried", "re-create the record in its Cloud DNS zone")
    zone_name = str(zone.props.get("zone_name") or zone.name).rstrip(".") + "."
    if record_type in APEX_RECORDS_OWNED_BY_CLOUD_DNS and record_name == zone_name:
        return skipped(f"{record_type} at the zone apex: Cloud DNS creates its own")
    first = _set_identifier_sibling_first(resource, ctx)
    if first and first != resource.id:
        return skipped(f"routing-policy set member: the record is carried by item {ctx.item_id(first)}")
    notes: list[str] = []
    status = "mapped"
    values = [fully_qualified(record_type, str(v)) for v in props.get("values") or []]
    ttl = props.get("ttl")
    address_from = None
    alias = props.get("alias_target") or (values[0] if record_type in ("CNAME", "A") and len(values) == 1 else None)
    resolved = resolve_alias(str(alias), ctx) if alias else None
    if resolved is not None and ctx.item_id(resolved.id):
        address_from, record_type, values = ctx.item_id(resolved.id), "A", []
        status = "partial"
        notes.append(f"{'alias' if props.get('alias_target') else record_type} to {alias} -> A record on the new "
                     f"address of item {address_from}")
    elif props.get("alias_target"):
        return manual(f"alias to {alias}, which is not built on GCP",
                       "point the record at the new endpoint by hand (a CNAME or A record)")
    if ttl is None:
        ttl = ALIAS_TTL_S
        notes.append(f"alias records have no TTL at the source: {ALIAS_TTL_S} s used")
    if first:
        status = "partial"
        notes.append("weighted/latency/failover routing is not carried: configure a Cloud DNS routing policy")
    spec = DnsRecordSpec(name=ctx.target_name(resource), labels={}, managed_zone=ctx.item_id(zone.id),
                         record_name=record_name, record_type=record_type, ttl=int(ttl), rrdatas=values,
                         address_from=address_from)
    return done(status, spec, notes, pricing.unpriced("no Cloud DNS query rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"dns.zone": map_dns_zone, "dns.record": map_dns_record}
SPECS: tuple[type[GcpSpec], ...] = (DnsZoneSpec, DnsRecordSpec)
