"""`storage.snapshot` (EBS) and `db.snapshot` (RDS) -> manual: a snapshot's data must leave AWS before it can be
restored anywhere; the notes give its size and the way out."""

from __future__ import annotations

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp.spec import GcpSpec


def size_note(resource: Resource, gib_prop: str) -> str:
    props = resource.props
    if props.get("full_size_bytes"):
        return f"{props['full_size_bytes']} bytes to move (the snapshot's full size)"
    return f"at most {props.get(gib_prop) or '?'} GiB to move (its source's size: an upper bound)"


def source_note(resource: Resource, ctx: MappingContext, prop: str) -> list[str]:
    source = ctx.resource(str(resource.props.get(prop) or ""))
    if source is None:
        return ["its source is gone or not inventoried: this snapshot may hold the only copy of that data"]
    return [f"its source {source.name} is planned on its own item: this snapshot is needed only for the point "
            "in time it holds (a pre-change copy, a legal hold); drop it from the evacuation if it is not"]


def map_snapshot(resource: Resource, ctx: MappingContext) -> MappedTarget:
    return manual(
        "an EBS snapshot cannot leave AWS as it is: Google Cloud needs its data first",
        "create a volume from it and attach it to a helper instance, then export the disk (VM Import/Export "
        "`export-image`, or stream it with `dd | gsutil cp -`) to S3/Cloud Storage, copy it to Cloud Storage and "
        "`gcloud compute images import` it (or create a disk from the image)",
        [size_note(resource, "volume_size_gib"), *source_note(resource, ctx, "volume_id")],
    )


def map_db_snapshot(resource: Resource, ctx: MappingContext) -> MappedTarget:
    engine = resource.props.get("engine") or "the engine"
    return manual(
        "an RDS snapshot can only be restored inside AWS",
        f"export it to S3 as Parquet (`aws rds start-export-task`) and load it into BigQuery or Cloud SQL, or restore "
        f"it to a temporary instance and dump it ({engine}: pg_dump/mysqldump) into Cloud SQL; copy the files to "
        "Cloud Storage before the cut-off",
        [size_note(resource, "allocated_storage_gib"), *source_note(resource, ctx, "db_instance_id")],
    )


MAP: dict[str, MapFunction] = {"storage.snapshot": map_snapshot, "db.snapshot": map_db_snapshot}
SPECS: tuple[type[GcpSpec], ...] = ()
