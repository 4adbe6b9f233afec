"""SSM Parameter Store parameters: metadata only.

One paginated DescribeParameters per region (50 a page). Values are never read:
GetParameter, GetParameters, GetParametersByPath and GetParameterHistory are not
called (the read-only guard refuses the first three), so the props say what a
parameter is, never what it holds.
"""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import iso

PARAMETERS_PER_PAGE = 50
AWS_MANAGED_KEY_ALIAS = "alias/aws/ssm"


def parameter_arn(item: Item, ctx: JobContext) -> str:
    """The parameter's ARN (DescribeParameters gives it; older answers do not): `parameter/<name without leading />`."""
    return str(item.get("ARN") or ctx.arn("ssm", f"parameter/{str(item['Name']).lstrip('/')}"))


def _tags(ctx: JobContext, item: Item) -> None:
    name = item["Name"]
    response = guarded(ctx, lambda: ctx.client().list_tags_for_resource(ResourceType="Parameter", ResourceId=name), {})
    item["Tags"] = response.get("TagList", [])


def key_ref(key_id: str | None, ctx: JobContext) -> str | None:
    """The KMS key's inventory id (its ARN) for a key id or ARN; None for aliases (the AWS-managed one included)."""
    if not key_id or key_id.startswith("alias/"):
        return None
    return key_id if key_id.startswith("arn:") else ctx.arn("kms", f"key/{key_id}")


def _build(item: Item, ctx: JobContext) -> Built:
    key_id = item.get("KeyId")
    return Built(
        props={
            "parameter_name": item.get("Name"),
            "type": item.get("Type"),
            "tier": item.get("Tier"),
            "data_type": item.get("DataType"),
            "key_id": key_id,
            "aws_managed_key": key_id == AWS_MANAGED_KEY_ALIAS,
            "version": item.get("Version"),
            "last_modified": iso(item.get("LastModifiedDate")),
            "description": item.get("Description"),
            "has_policies": bool(item.get("Policies")),
        },
        refs=[key_ref(key_id, ctx)],
    )


register(
    ResourceSpec(
        key="aws.ssm.parameter", service="ssm", operation="describe_parameters", result_path="Parameters[]",
        id_field=parameter_arn, build=_build, name_field="Name", page_size=PARAMETERS_PER_PAGE,
        tag_type="ssm:parameter", item_tags=_tags,
    ),
)
