"""Streams (stream) -> Kinesis data streams with the same capacity mode, shards, retention and encryption; the
records still within retention are not moved."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, item_of, optional_int, result
from providers.aws.spec import Spec

DEFAULT_RETENTION_HOURS = 24
AWS_MANAGED_KINESIS_KEY = "alias/aws/kinesis"


class KinesisStreamSpec(Spec):
    type: Literal["aws.kinesis.stream"] = "aws.kinesis.stream"
    mode: Literal["PROVISIONED", "ON_DEMAND"] = "PROVISIONED"
    shard_count: int | None = None  # provisioned streams only
    retention_hours: int = DEFAULT_RETENTION_HOURS
    encrypted: bool = False
    kms_key_item: str | None = None  # a rebuilt customer key; else the AWS-managed key


def map_stream(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    mode = "ON_DEMAND" if props.get("stream_mode") == "ON_DEMAND" else "PROVISIONED"
    spec = KinesisStreamSpec(
        **common_fields(resource, ctx), mode=mode,
        shard_count=(optional_int(props.get("shard_count")) or 1) if mode == "PROVISIONED" else None,
        retention_hours=optional_int(props.get("retention_hours")) or DEFAULT_RETENTION_HOURS,
        encrypted=props.get("encryption_type") == "KMS", kms_key_item=item_of(ctx, props.get("kms_key_id")))
    notes = ["records within retention are not moved: let consumers drain the old stream (or replay it) before cutover"]
    if props.get("consumer_count"):
        notes.append(f"{props['consumer_count']} enhanced fan-out consumer(s) register again on the new stream")
    return result("mapped", spec, unpriced("Kinesis shard-hour"), notes)


MAP: dict[str, MapFunction] = {"stream": map_stream}
SPECS: tuple[type[Spec], ...] = (KinesisStreamSpec,)
