"""Lambda functions: environment variable names only, never their values."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._arns import arn_service, function_arn, resource_id


def _tags(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    item["Tags"] = guarded(ctx, lambda: client.list_tags(Resource=item["FunctionArn"]), {}).get("Tags", {})


def _build(item: Item, ctx: JobContext) -> Built:
    vpc = item.get("VpcConfig") or {}
    subnets = vpc.get("SubnetIds", [])
    groups = vpc.get("SecurityGroupIds", [])
    environment = (item.get("Environment") or {}).get("Variables") or {}
    return Built(
        props={
            "runtime": item.get("Runtime"),
            "memory_mb": item.get("MemorySize"),
            "timeout_s": item.get("Timeout"),
            "code_size_bytes": item.get("CodeSize"),
            "handler": item.get("Handler"),
            "architectures": item.get("Architectures", ["x86_64"]),
            "package_type": item.get("PackageType", "Zip"),
            "env_var_names": sorted(environment),
            "vpc_subnet_ids": subnets,
            "security_group_ids": groups,
            "role_arn": item.get("Role"),
            "ephemeral_storage_mb": (item.get("EphemeralStorage") or {}).get("Size"),
            "layers": [layer["Arn"] for layer in item.get("Layers", []) if layer.get("Arn")],
        },
        refs=[item.get("Role"), *subnets, *groups],
    )


register(
    ResourceSpec(
        "aws.lambda.function", "lambda", "list_functions", "Functions[]", "FunctionArn", _build,
        name_field="FunctionName", page_size=50, tag_type="lambda:function", item_tags=_tags,
    ),
)


# --- event source mappings (what invokes a function from a queue, a stream or a table's stream) ---------

MAPPINGS_PER_PAGE = 100


def _mapping_id(item: Item, ctx: JobContext) -> str:
    return str(item.get("EventSourceMappingArn") or ctx.arn("lambda", f"event-source-mapping:{item['UUID']}"))


def _last_part(arn: str | None) -> str:
    return str(arn or "").rstrip("/").replace("/", ":").rsplit(":", 1)[-1]


def _build_mapping(item: Item, ctx: JobContext) -> Built:
    source_arn = item.get("EventSourceArn")
    function = function_arn(item.get("FunctionArn"))
    source = resource_id(source_arn, ctx) if source_arn else None
    filters = ((item.get("FilterCriteria") or {}).get("Filters")) or []
    return Built(
        props={
            "function_id": function,
            "source_id": source,
            "source_service": arn_service(source_arn) or ("kafka" if item.get("SelfManagedEventSource") else None),
            "state": item.get("State"),
            "batch_size": item.get("BatchSize"),
            "max_batching_window_s": item.get("MaximumBatchingWindowInSeconds"),
            "starting_position": item.get("StartingPosition"),
            "parallelization_factor": item.get("ParallelizationFactor"),
            "maximum_retry_attempts": item.get("MaximumRetryAttempts"),
            "bisect_on_error": item.get("BisectBatchOnFunctionError"),
            "on_failure_destination": ((item.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination"),
            "filter_patterns": [str(entry.get("Pattern")) for entry in filters if entry.get("Pattern")],
            "function_response_types": item.get("FunctionResponseTypes", []),
            "topics": item.get("Topics", []),
        },
        refs=[function, source],
        name=f"{_last_part(function)} <- {_last_part(source or source_arn) or 'self-managed'}",
    )


register(
    ResourceSpec(
        key="aws.lambda.event_source_mapping", service="lambda", operation="list_event_source_mappings",
        result_path="EventSourceMappings[]", id_field=_mapping_id, build=_build_mapping, tags_field=None,
        page_size=MAPPINGS_PER_PAGE,
    ),
)
