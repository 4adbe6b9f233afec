"""`db.kv` -> a Firestore (Native mode) database for a DynamoDB table."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import child_name, done, region_of
from providers.gcp.spec import GcpSpec


class FirestoreSpec(GcpSpec):
    type: Literal["gcp.firestore.database"] = "gcp.firestore.database"
    location_id: str
    database_type: Literal["FIRESTORE_NATIVE", "DATASTORE_MODE"] = "FIRESTORE_NATIVE"
    point_in_time_recovery: bool = False


def map_kv(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    name = ctx.target_name(resource)
    spec = FirestoreSpec(name=name if len(name) >= 4 else child_name(name, "db"), labels={},
                         location_id=region_of(resource, ctx), point_in_time_recovery=True)
    keys = ", ".join(f"{k.get('AttributeName', k)}" if isinstance(k, dict) else str(k)
                     for k in props.get("key_schema") or [])
    notes = [f"DynamoDB -> Firestore (Native mode): items become documents in a collection; the key schema "
             f"({keys or 'not inventoried'}) becomes the document id or fields; queries must be rewritten",
             f"{props.get('gsi_count', 0)} global secondary indexes -> composite indexes",
             "no provisioned capacity on Firestore (reads/writes are billed per operation)"]
    if props.get("stream_enabled"):
        notes.append("DynamoDB Streams -> Firestore triggers through Eventarc (consumers rewritten)")
    if props.get("global_table"):
        notes.append("global table: use a Firestore multi-region location (nam5/eur3) instead of the regional one")
    notes.append("Bigtable is the alternative for wide-column, high-throughput tables")
    return done("partial", spec, notes, pricing.unpriced("no Firestore rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"db.kv": map_kv}
SPECS: tuple[type[GcpSpec], ...] = (FirestoreSpec,)
