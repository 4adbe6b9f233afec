"""Event source mappings (function.trigger) -> Lambda event source mappings between the rebuilt function and the
rebuilt queue, stream or table stream, with the source's batching, retry and filter settings.

A source the plan does not rebuild (an MSK cluster, an MQ broker, self-managed Kafka) is read from stack config
(`planner:event-source-<item id>`, its ARN in the new account): until it is set the mapping is listed as manual.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import common_fields, item_of, optional_int, own_item_id, result
from providers.aws.spec import Spec

SourceKind = Literal["sqs", "kinesis", "dynamodb", "other"]
# Source type -> kind of source, and the output of the rebuilt source the mapping reads.
SOURCE_KINDS: dict[str, SourceKind] = {"aws.sqs.queue": "sqs", "aws.kinesis.stream": "kinesis", "aws.dynamodb.table": "dynamodb"}
SOURCE_SETTING = "event-source-{item}"
STREAM_KINDS = ("kinesis", "dynamodb")
# Source kind -> the AWS-managed policy that lets a function's role read it (Lambda developer guide, event sources).
READ_POLICIES: dict[str, str] = {"sqs": "AWSLambdaSQSQueueExecutionRole", "kinesis": "AWSLambdaKinesisExecutionRole",
                                 "dynamodb": "AWSLambdaDynamoDBExecutionRole"}
STREAM_NOTE = ("the new mapping reads the new stream from its starting position: the old stream's records are "
               "processed by the old mapping until cutover")


class EventSourceMappingSpec(Spec):
    type: Literal["aws.lambda.event_source_mapping"] = "aws.lambda.event_source_mapping"
    BUILT_LAST: ClassVar[bool] = True  # refers to items of later groups (stacks/aws/_late.py)
    function_item: str | None = None
    source_item: str | None = None
    source_kind: SourceKind = "other"
    source_setting: str | None = None  # stack config key of the source's ARN when the plan does not rebuild it
    enabled: bool = True
    batch_size: int | None = None
    max_batching_window_s: int | None = None
    starting_position: str | None = None
    parallelization_factor: int | None = None
    maximum_retry_attempts: int | None = None
    bisect_on_error: bool | None = None
    on_failure_item: str | None = None
    filter_patterns: list[str] = Field(default_factory=list)
    function_response_types: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)


def _source(resource: Resource, ctx: MappingContext) -> tuple[str | None, SourceKind]:
    source = ctx.resource(str(resource.props.get("source_id") or ""))
    kind = SOURCE_KINDS.get(source.key) if source is not None else None
    return (item_of(ctx, source.id), kind) if source is not None and kind else (None, "other")


def _gaps(resource: Resource, ctx: MappingContext, spec: EventSourceMappingSpec) -> list[str]:
    """What the rebuilt mapping lacks until the operator acts (each makes the item partial)."""
    notes = []
    if spec.source_setting:
        notes.append(f"the {resource.props.get('source_service') or 'unknown'} source is not rebuilt by the plan: set "
                     f"planner:{spec.source_setting} to its ARN in the new account")
    if spec.source_kind == "dynamodb":
        table = ctx.resource(str(resource.props.get("source_id")))
        if table is not None and not table.props.get("stream_view_type"):
            notes.append("the table's stream view type is not inventoried: enable the stream on the rebuilt table")
    if spec.function_item is None:
        notes.append("the function is not in the plan: the mapping cannot be created")
    return notes


def map_trigger(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    source_item, kind = _source(resource, ctx)
    spec = EventSourceMappingSpec(
        **common_fields(resource, ctx), function_item=item_of(ctx, props.get("function_id")), source_item=source_item,
        source_kind=kind, source_setting=None if source_item else SOURCE_SETTING.format(item=own_item_id(resource, ctx)),
        enabled=props.get("state") not in ("Disabled", "Disabling"), batch_size=optional_int(props.get("batch_size")),
        max_batching_window_s=optional_int(props.get("max_batching_window_s")),
        starting_position=props.get("starting_position") if kind in STREAM_KINDS else None,
        parallelization_factor=optional_int(props.get("parallelization_factor")),
        maximum_retry_attempts=optional_int(props.get("maximum_retry_attempts")),
        bisect_on_error=props.get("bisect_on_error"), on_failure_item=item_of(ctx, props.get("on_failure_destination")),
        filter_patterns=list(props.get("filter_patterns") or []),
        function_response_types=list(props.get("function_response_types") or []), topics=list(props.get("topics") or []))
    gaps = _gaps(resource, ctx, spec)
    info = [STREAM_NOTE] if kind in STREAM_KINDS else []
    if kind in READ_POLICIES:
        info.append(f"the function's role must read the source: attach {READ_POLICIES[kind]} (or equivalent) to it")
    return result("partial" if gaps else "mapped", spec, None, [*gaps, *info])


MAP: dict[str, MapFunction] = {"function.trigger": map_trigger}
SPECS: tuple[type[Spec], ...] = (EventSourceMappingSpec,)
