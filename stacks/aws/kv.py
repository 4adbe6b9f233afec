"""Builds DynamoDB tables (db.kv) with their keys, billing mode and stream."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.kv import DynamoTableSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_table(group: AwsGroup, item: PlanItem, spec: DynamoTableSpec) -> pulumi.Resource:
    keys = {key.key_type: key.name for key in spec.keys}
    table = aws.dynamodb.Table(
        item.id,
        name=spec.name,
        billing_mode=spec.billing_mode,
        hash_key=keys.get("HASH"),
        range_key=keys.get("RANGE"),
        attributes=[{"name": key.name, "type": key.attribute_type} for key in spec.keys],
        read_capacity=spec.read_capacity,
        write_capacity=spec.write_capacity,
        stream_enabled=spec.stream_view_type is not None,
        stream_view_type=spec.stream_view_type,
        **group.tagged(spec),
    )
    return group.exporting(item, table, table_name="name")


BUILD: dict[str, AwsBuilder] = {"aws.dynamodb.table": build_table}
