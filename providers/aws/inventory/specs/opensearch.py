"""OpenSearch Service (and legacy Elasticsearch) domains: engine, nodes, EBS storage, VPC placement.

ListDomainNames returns every domain of the region in one answer; DescribeDomains takes at
most 5 names a call (OpenSearch API reference), so the details come in batches of 5.
No master password is returned by these calls.
"""

from __future__ import annotations

from typing import Any

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import chunks

DOMAINS_PER_DESCRIBE = 5


def _describe_domains(ctx: JobContext, items: list[Item]) -> list[Item]:
    client = ctx.client()
    found: dict[str, dict[str, Any]] = {}
    for batch in chunks([item["DomainName"] for item in items], DOMAINS_PER_DESCRIBE):
        response = guarded(ctx, lambda batch=batch: client.describe_domains(DomainNames=batch), {})
        found.update({status["DomainName"]: status for status in response.get("DomainStatusList", [])})
    return [{**item, **found.get(item["DomainName"], {})} for item in items]


def _domain_arn(item: Item, ctx: JobContext) -> str:
    return str(item.get("ARN") or ctx.arn("es", f"domain/{item['DomainName']}"))


def _tags(ctx: JobContext, item: Item) -> None:
    arn = _domain_arn(item, ctx)
    item["Tags"] = guarded(ctx, lambda: ctx.client().list_tags(ARN=arn), {}).get("TagList", [])


def _storage_upper_bound_gib(cluster: dict[str, Any], ebs: dict[str, Any]) -> int | None:
    """EBS size per data node x data nodes: allocated space (primaries and replicas), an upper bound of the data."""
    if not ebs.get("EBSEnabled") or not ebs.get("VolumeSize"):
        return None
    return int(ebs["VolumeSize"]) * int(cluster.get("InstanceCount") or 1)


def _cluster_props(cluster: dict[str, Any]) -> dict[str, Any]:
    zones = cluster.get("ZoneAwarenessConfig") or {}
    return {
        "instance_type": cluster.get("InstanceType"),
        "instance_count": cluster.get("InstanceCount"),
        "dedicated_master": bool(cluster.get("DedicatedMasterEnabled", False)),
        "dedicated_master_type": cluster.get("DedicatedMasterType"),
        "dedicated_master_count": cluster.get("DedicatedMasterCount"),
        "zone_awareness": bool(cluster.get("ZoneAwarenessEnabled", False)),
        "availability_zone_count": zones.get("AvailabilityZoneCount"),
        "warm_enabled": bool(cluster.get("WarmEnabled", False)),
        "warm_type": cluster.get("WarmType"),
        "warm_count": cluster.get("WarmCount"),
    }


def _build(item: Item, ctx: JobContext) -> Built:
    cluster, ebs, vpc = item.get("ClusterConfig") or {}, item.get("EBSOptions") or {}, item.get("VPCOptions") or {}
    subnets, groups = list(vpc.get("SubnetIds") or []), list(vpc.get("SecurityGroupIds") or [])
    return Built(
        props={
            "engine_version": item.get("EngineVersion"),
            **_cluster_props(cluster),
            "ebs_enabled": bool(ebs.get("EBSEnabled", False)),
            "volume_type": ebs.get("VolumeType"),
            "volume_size_gib": ebs.get("VolumeSize"),
            "iops": ebs.get("Iops"),
            "throughput_mibps": ebs.get("Throughput"),
            "storage_upper_bound_gib": _storage_upper_bound_gib(cluster, ebs),
            "endpoint": item.get("Endpoint") or (item.get("Endpoints") or {}).get("vpc"),
            "vpc_id": vpc.get("VPCId"),
            "subnet_ids": subnets,
            "security_group_ids": groups,
            "encrypted_at_rest": bool((item.get("EncryptionAtRestOptions") or {}).get("Enabled", False)),
            "node_to_node_encryption": bool((item.get("NodeToNodeEncryptionOptions") or {}).get("Enabled", False)),
            "fine_grained_access": bool((item.get("AdvancedSecurityOptions") or {}).get("Enabled", False)),
        },
        refs=[*subnets, *groups],
    )


register(
    ResourceSpec(
        key="aws.opensearch.domain", service="opensearch", operation="list_domain_names", result_path="DomainNames[]",
        id_field=_domain_arn, build=_build, name_field="DomainName", enrich=_describe_domains, detail=_tags,
    ),
)
