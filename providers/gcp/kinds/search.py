"""`search` -> manual: Google Cloud has no managed OpenSearch/Elasticsearch; the notes size the cluster to run."""

from __future__ import annotations

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp.spec import GcpSpec


def _shape(props: dict) -> str:
    nodes = f"{props.get('instance_count') or '?'} data node(s) of at least {props.get('instance_type') or 'the source type'}"
    masters = f", {props.get('dedicated_master_count')} dedicated masters" if props.get("dedicated_master") else ""
    disk = f", {props.get('volume_size_gib')} GiB of disk each" if props.get("volume_size_gib") else ""
    return nodes + masters + disk


def map_search(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    bound = props.get("storage_upper_bound_gib")
    size = (f"at most {bound} GiB to move (EBS size x data nodes: allocated space with replicas, an upper bound; "
            "read the used size with `GET _cat/indices` before planning the copy)") if bound else \
        "data size unknown (no EBS volumes: instance storage): read it with `GET _cat/indices`"
    return manual(
        "Google Cloud has no managed OpenSearch/Elasticsearch service",
        f"run {props.get('engine_version') or 'the same engine'} as Elastic Cloud on Google Cloud (Marketplace) or "
        f"self-managed on GKE (the OpenSearch/ECK operator) with {_shape(props)}; move the indices by "
        "snapshot/restore through a GCS snapshot repository (repository-gcs) or reindex from the source of truth; "
        "repoint clients at the new endpoint",
        [size],
    )


MAP: dict[str, MapFunction] = {"search": map_search}
SPECS: tuple[type[GcpSpec], ...] = ()
