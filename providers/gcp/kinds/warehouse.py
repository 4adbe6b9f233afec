"""`db.warehouse` -> a BigQuery dataset; tables and data move with the BigQuery Data Transfer Service."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from planner.core.naming import NameRules, sanitize_name
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, region_of
from providers.gcp.spec import GcpSpec

# BigQuery dataset ids: letters, digits and underscores, at most 1,024 characters (BigQuery "Creating datasets").
DATASET_ID_RULES = NameRules(provider="gcp", max_length=1024, pattern=r"[a-z0-9_]+", allowed="a-z0-9",
                             lowercase=True, separator="_", description="letters, digits, underscores")


class BigQueryDatasetSpec(GcpSpec):
    type: Literal["gcp.bigquery.dataset"] = "gcp.bigquery.dataset"
    dataset_id: str
    location: str
    description: str


def _size_note(props: dict) -> str:
    source, capacity = props.get("size_source"), props.get("storage_capacity_bytes")
    if capacity:
        how = "the cluster's total capacity" if source == "total-storage-capacity" else "nodes x the node type's storage"
        return f"at most {capacity} bytes to move ({how}: an upper bound; SVV_TABLE_INFO gives the used size)"
    return "data size unknown (RA3 managed storage is not in the API): read it from SVV_TABLE_INFO before planning the copy"


def map_warehouse(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    spec = BigQueryDatasetSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource),
        dataset_id=sanitize_name(resource.name, DATASET_ID_RULES, fallback="warehouse"),
        location=region_of(resource, ctx),
        description=f"from Redshift {resource.name}, database {props.get('db_name')} "
                    f"({props.get('node_count')} x {props.get('node_type')})")
    notes = [
        "Redshift -> BigQuery: schemas and data move with the BigQuery Data Transfer Service's Redshift migration "
        "(it UNLOADs through S3, so the source must still answer: start it before the cut-off), or UNLOAD to S3 as "
        "Parquet, Storage Transfer to Cloud Storage and `bq load`",
        "SQL dialect differences: translate views, stored procedures and queries (BigQuery SQL translation service); "
        "distribution and sort keys become partitioning and clustering",
        _size_note(props),
    ]
    return done("partial", spec, notes, pricing.unpriced("no BigQuery rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"db.warehouse": map_warehouse}
SPECS: tuple[type[GcpSpec], ...] = (BigQueryDatasetSpec,)
