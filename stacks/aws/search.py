"""Builds OpenSearch Service domains (search) with the source's engine, nodes, EBS storage and VPC placement."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.search import SearchDomainSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def _cluster_config(spec: SearchDomainSpec) -> dict[str, Any]:
    config: dict[str, Any] = {"instance_type": spec.instance_type, "instance_count": spec.instance_count,
                              "zone_awareness_enabled": spec.zone_awareness}
    if spec.zone_awareness and spec.availability_zone_count:
        config["zone_awareness_config"] = {"availability_zone_count": spec.availability_zone_count}
    if spec.dedicated_master_type:
        config.update(dedicated_master_enabled=True, dedicated_master_type=spec.dedicated_master_type,
                      dedicated_master_count=spec.dedicated_master_count)
    return config


def _ebs_options(spec: SearchDomainSpec) -> dict[str, Any]:
    if not spec.volume_size_gib:
        return {"ebs_enabled": False}
    return {"ebs_enabled": True, "volume_type": spec.volume_type, "volume_size": spec.volume_size_gib,
            "iops": spec.iops, "throughput": spec.throughput_mibps}


def _vpc_options(group: AwsGroup, item: PlanItem, spec: SearchDomainSpec) -> dict[str, Any] | None:
    subnets = group.refs(item, spec.subnet_items)
    if not subnets:
        return None  # a public endpoint, as the source had no VPC placement
    return {"subnet_ids": subnets, "security_group_ids": group.refs(item, spec.security_group_items) or None}


def build_search_domain(group: AwsGroup, item: PlanItem, spec: SearchDomainSpec) -> pulumi.Resource:
    domain = aws.opensearch.Domain(
        item.id, domain_name=spec.domain_name, engine_version=spec.engine_version,
        cluster_config=_cluster_config(spec), ebs_options=_ebs_options(spec),
        vpc_options=_vpc_options(group, item, spec), encrypt_at_rest={"enabled": spec.encrypted_at_rest},
        node_to_node_encryption={"enabled": spec.node_to_node_encryption}, **group.tagged(spec),
    )
    return group.exporting(item, domain, endpoint="endpoint")


BUILD: dict[str, AwsBuilder] = {"aws.opensearch.domain": build_search_domain}
