"""Route 53 hosted zones and their record sets (with TTLs); a global service."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, for_resource, guarded
from providers.aws.inventory.links import DNS_REF_PREFIX
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import chunks

# ListTagsForResources takes at most 10 resource ids a call (Route 53 API reference, ListTagsForResources).
ZONES_PER_TAG_CALL = 10


def zone_id(item: Item, ctx: JobContext | None = None) -> str:
    return str(item["Id"]).rsplit("/", 1)[-1]


def _zone_details(ctx: JobContext, items: list[Item]) -> list[Item]:
    """Tags of 10 zones a call; the VPCs of private zones (GetHostedZone: the only call that names them), per zone.
    Route 53 allows 5 requests a second per account, so one call per zone for tags would set the scan's floor."""
    client = ctx.client()
    by_id = {zone_id(item): item for item in items}
    for item in items:
        item["Tags"] = []
    batches = list(chunks(list(by_id), ZONES_PER_TAG_CALL))
    answers = ctx.map(lambda batch: guarded(ctx, lambda: client.list_tags_for_resources(
        ResourceType="hostedzone", ResourceIds=batch), {}), batches)
    for answer in answers:
        for tag_set in answer.get("ResourceTagSets", []):
            if tag_set.get("ResourceId") in by_id:
                by_id[tag_set["ResourceId"]]["Tags"] = tag_set.get("Tags", [])
    private = [item for item in items if item.get("Config", {}).get("PrivateZone")]
    ctx.map(lambda item: for_resource(zone_id(item), lambda: _vpcs_of(ctx, client, item)), private)
    return items


def _vpcs_of(ctx: JobContext, client: object, item: Item) -> None:
    answer = guarded(ctx, lambda: client.get_hosted_zone(Id=zone_id(item)), {})  # type: ignore[attr-defined]
    item["_vpcs"] = answer.get("VPCs", [])


def _build_zone(item: Item, ctx: JobContext) -> Built:
    vpcs = [vpc["VPCId"] for vpc in item.get("_vpcs", []) if vpc.get("VPCId")]
    return Built(
        props={
            "zone_name": item.get("Name"),
            "private_zone": bool(item.get("Config", {}).get("PrivateZone", False)),
            "record_count": item.get("ResourceRecordSetCount"),
            "vpc_ids": vpcs,
        },
        name=str(item.get("Name", "")).rstrip(".") or None,
    )


def _record_id(item: Item, ctx: JobContext) -> str:
    parts = [zone_id(item["_parent"]), item["Name"], item["Type"]]
    if item.get("SetIdentifier"):
        parts.append(item["SetIdentifier"])
    return "/".join(parts)


def _build_record(item: Item, ctx: JobContext) -> Built:
    alias = item.get("AliasTarget") or {}
    alias_name = str(alias["DNSName"]).rstrip(".") if alias.get("DNSName") else None
    return Built(
        props={
            "zone_id": zone_id(item["_parent"]),
            "record_name": item.get("Name"),
            "record_type": item.get("Type"),
            "ttl": None if alias else item.get("TTL"),
            "values": [record["Value"] for record in item.get("ResourceRecords", []) if "Value" in record],
            "alias_target": alias_name,
            "set_identifier": item.get("SetIdentifier"),
            "routing": next((policy for policy in ("Weight", "Region", "Failover", "GeoLocation") if item.get(policy) is not None), None),
        },
        refs=[zone_id(item["_parent"]), f"{DNS_REF_PREFIX}{alias_name}" if alias_name else None],
        name=f"{item.get('Name')} {item.get('Type')}",
    )


register(
    ResourceSpec(
        "aws.route53.zone", "route53", "list_hosted_zones", "HostedZones[]", zone_id, _build_zone,
        name_field="Name", scope="global", page_size=100, enrich=_zone_details,
    ),
    ResourceSpec(
        "aws.route53.record_set", "route53", "list_resource_record_sets", "ResourceRecordSets[]", _record_id,
        _build_record, tags_field=None, scope="global", page_size=300, parent="aws.route53.zone",
        parent_params=lambda parent: {"HostedZoneId": zone_id(parent)},
    ),
)
