"""Lambda functions: environment variable names only, never their values."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register


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
