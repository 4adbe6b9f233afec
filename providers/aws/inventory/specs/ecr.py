"""ECR repositories: image count and the sum of image sizes."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register


def _images(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    paginator = client.get_paginator("describe_images")
    pages = guarded(
        ctx,
        lambda: list(paginator.paginate(repositoryName=item["repositoryName"], registryId=item["registryId"], PaginationConfig={"PageSize": 1000})),
        [],
    )
    images = [image for page in pages for image in page.get("imageDetails", [])]
    item["_image_count"] = len(images)
    item["_size_bytes"] = sum(int(image.get("imageSizeInBytes") or 0) for image in images)
    item["Tags"] = guarded(ctx, lambda: client.list_tags_for_resource(resourceArn=item["repositoryArn"]), {}).get("tags", [])


def _build(item: Item, ctx: JobContext) -> Built:
    return Built(
        props={
            "repository_uri": item.get("repositoryUri"),
            "image_count": item.get("_image_count"),
            "size_bytes": item.get("_size_bytes"),
            "image_tag_mutability": item.get("imageTagMutability"),
            "scan_on_push": bool(item.get("imageScanningConfiguration", {}).get("scanOnPush", False)),
        },
    )


register(
    ResourceSpec(
        "aws.ecr.repository", "ecr", "describe_repositories", "repositories[]", "repositoryArn", _build,
        name_field="repositoryName", page_size=1000, detail=_images,
    ),
)
