"""EFS file systems and the subnets of their mount targets."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register


def _mount_targets(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    response = guarded(ctx, lambda: client.describe_mount_targets(FileSystemId=item["FileSystemId"]), {})
    item["_mount_targets"] = response.get("MountTargets", [])


def _build(item: Item, ctx: JobContext) -> Built:
    subnets = [target["SubnetId"] for target in item.get("_mount_targets", []) if target.get("SubnetId")]
    return Built(
        props={
            "size_bytes": item.get("SizeInBytes", {}).get("Value"),
            "performance_mode": item.get("PerformanceMode"),
            "throughput_mode": item.get("ThroughputMode"),
            "provisioned_throughput_mibps": item.get("ProvisionedThroughputInMibps"),
            "encrypted": bool(item.get("Encrypted", False)),
            "kms_key_id": item.get("KmsKeyId"),
            "mount_target_subnet_ids": subnets,
            "availability_zone": item.get("AvailabilityZoneName"),
        },
        refs=subnets,
    )


register(
    ResourceSpec(
        "aws.efs.file_system", "efs", "describe_file_systems", "FileSystems[]", "FileSystemId", _build,
        name_field="Name", arn_field="FileSystemArn", page_size=100, detail=_mount_targets,
    ),
)
