"""Builds Lambda event source mappings (function_trigger) from the rebuilt queue, stream or table stream (or the
source ARN the operator sets in stack config) to the rebuilt function."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.function_trigger import EventSourceMappingSpec
from stacks.aws._shared import planner_setting
from stacks.aws.base import AwsBuilder, AwsGroup

# Source kind -> the output of the rebuilt source a mapping reads.
SOURCE_OUTPUTS: dict[str, str] = {"sqs": "arn", "kinesis": "arn", "dynamodb": "stream_arn"}


def _source_arn(group: AwsGroup, item: PlanItem, spec: EventSourceMappingSpec) -> pulumi.Input[str] | None:
    if spec.source_item is not None:
        return group.optional_ref(item, spec.source_item, SOURCE_OUTPUTS[spec.source_kind])
    return planner_setting(spec.source_setting) if spec.source_setting else None


def _settings(group: AwsGroup, item: PlanItem, spec: EventSourceMappingSpec) -> dict[str, Any]:
    on_failure = group.optional_ref(item, spec.on_failure_item, "arn")
    return {
        "batch_size": spec.batch_size, "maximum_batching_window_in_seconds": spec.max_batching_window_s,
        "starting_position": spec.starting_position, "parallelization_factor": spec.parallelization_factor,
        "maximum_retry_attempts": spec.maximum_retry_attempts, "bisect_batch_on_function_error": spec.bisect_on_error,
        "function_response_types": spec.function_response_types or None, "topics": spec.topics or None,
        "filter_criteria": {"filters": [{"pattern": p} for p in spec.filter_patterns]} if spec.filter_patterns else None,
        "destination_config": {"on_failure": {"destination_arn": on_failure}} if on_failure is not None else None,
    }


def _missing(spec: EventSourceMappingSpec, no_function: bool) -> tuple[str, str]:
    """(reason, work) of a mapping the stack cannot create."""
    if no_function:
        return "the mapping's function is not built", "create the mapping by hand once the function exists"
    if spec.source_setting:
        return (f"its event source is not rebuilt and planner:{spec.source_setting} is not set",
                f"set planner:{spec.source_setting} to the source's ARN in the new account")
    return "the mapping's source is not built", "create the mapping by hand once the source exists"


def build_trigger(group: AwsGroup, item: PlanItem, spec: EventSourceMappingSpec) -> pulumi.Resource | None:
    function = group.optional_ref(item, spec.function_item, "arn")
    source = _source_arn(group, item, spec)
    if function is None or source is None:
        group.manual(item, *_missing(spec, function is None))
        return None
    mapping = aws.lambda_.EventSourceMapping(item.id, function_name=function, event_source_arn=source, enabled=spec.enabled,
                                             **_settings(group, item, spec), **group.tagged(spec))
    return group.exporting(item, mapping, mapping_uuid="uuid")


BUILD: dict[str, AwsBuilder] = {"aws.lambda.event_source_mapping": build_trigger}
