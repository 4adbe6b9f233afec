"""Key-value tables (db.kv) -> DynamoDB tables with the source's keys, billing mode and stream.

Attribute types the inventory does not give are assumed string (S), said in a note.
"""

from __future__ import annotations

from typing import Any, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, optional_int, result
from providers.aws.spec import Spec, _Part

ATTRIBUTE_TYPES = ("S", "N", "B")


class KeyAttribute(_Part):
    name: str
    attribute_type: Literal["S", "N", "B"]
    key_type: Literal["HASH", "RANGE"]


class DynamoTableSpec(Spec):
    type: Literal["aws.dynamodb.table"] = "aws.dynamodb.table"
    billing_mode: Literal["PROVISIONED", "PAY_PER_REQUEST"] = "PAY_PER_REQUEST"
    keys: list[KeyAttribute]
    read_capacity: int | None = None
    write_capacity: int | None = None
    stream_view_type: str | None = None  # None: no stream


def _key_attributes(props: dict[str, Any]) -> tuple[list[KeyAttribute], list[str]]:
    types = {str(entry.get("name")): str(entry.get("type")) for entry in props.get("attribute_definitions") or []}
    keys, assumed = [], []
    for entry in props.get("key_schema") or []:
        name = str(entry.get("name"))
        attribute_type = types.get(name)
        if attribute_type not in ATTRIBUTE_TYPES:
            attribute_type = "S"
            assumed.append(name)
        keys.append(KeyAttribute(name=name, attribute_type=attribute_type, key_type=entry.get("type", "HASH")))
    notes = [f"key attribute types are not inventoried; assumed string (S) for {', '.join(assumed)}: check them"] if assumed else []
    return keys, notes


def _table_notes(props: dict[str, Any], stream_view: str | None) -> list[str]:
    """What the table spec cannot carry: a stream of unknown view type, secondary indexes, replicas."""
    notes = []
    if props.get("stream_enabled") and not stream_view:
        notes.append("the source has a stream but its view type is not inventoried: enable it again")
    if props.get("gsi_count") or props.get("lsi_count"):
        notes.append("secondary indexes are not inventoried in detail: recreate them")
    if props.get("global_table"):
        notes.append("a global table: replicas in other regions are not rebuilt")
    return notes


def map_kv(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    keys, notes = _key_attributes(props)
    if not keys:
        return manual("the table's key schema is not in the inventory", "recreate the table with its keys by hand")
    provisioned = props.get("billing_mode") == "PROVISIONED"
    stream_view = props.get("stream_view_type")
    spec = DynamoTableSpec(
        **common_fields(resource, ctx),
        billing_mode="PROVISIONED" if provisioned else "PAY_PER_REQUEST",
        keys=keys,
        read_capacity=optional_int(props.get("read_capacity")) if provisioned else None,
        write_capacity=optional_int(props.get("write_capacity")) if provisioned else None,
        stream_view_type=stream_view if props.get("stream_enabled") else None,
    )
    notes.extend(_table_notes(props, stream_view))
    return result("partial" if notes else "mapped", spec, unpriced("DynamoDB"), notes)


MAP: dict[str, MapFunction] = {"db.kv": map_kv}
SPECS: tuple[type[Spec], ...] = (DynamoTableSpec,)
