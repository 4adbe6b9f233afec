"""EC2 and VPC, continued: the account's own EBS snapshots and AMIs, VPC endpoints, VPC peering connections.

Snapshots and AMIs are asked for with OwnerIds/Owners ["self"], and items owned by another
account are dropped as well (an emulator may return public ones). A peering connection between
two regions is listed by both; it is kept once, in the region of the account's own side.
"""

from __future__ import annotations

import json
import re
from typing import Any

from providers.aws.inventory.context import JobContext
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import ids, iso

# "Created by CreateImage(i-0abc) for ami-0def" is how AWS describes an AMI's snapshots.
INSTANCE_IN_DESCRIPTION = re.compile(r"\b(i-[0-9a-f]{8,17})\b")
GONE_ENDPOINT_STATES = frozenset({"deleted", "deleting", "failed", "rejected", "expired"})
GONE_PEERING_STATES = frozenset({"deleted", "deleting", "rejected", "failed", "expired"})


def _owned_by_account(ctx: JobContext, items: list[Item]) -> list[Item]:
    return [item for item in items if item.get("OwnerId") in (None, ctx.account_id)]


# --- snapshots and images -----------------------------------------------------------------------


def _build_snapshot(item: Item, ctx: JobContext) -> Built:
    size_gib = item.get("VolumeSize")
    full_bytes = item.get("FullSnapshotSizeInBytes")
    instance = INSTANCE_IN_DESCRIPTION.search(str(item.get("Description") or ""))
    return Built(
        props={
            "volume_id": item.get("VolumeId"),
            "volume_size_gib": size_gib,
            "full_size_bytes": full_bytes,
            # The volume's size is an upper bound: a snapshot holds the blocks written, never more.
            "size_source": "full-snapshot-size" if full_bytes else "volume-size",
            "state": item.get("State"),
            "encrypted": bool(item.get("Encrypted", False)),
            "kms_key_id": item.get("KmsKeyId"),
            "storage_tier": item.get("StorageTier"),
            "started": iso(item.get("StartTime")),
            "description": item.get("Description"),
        },
        refs=[item.get("VolumeId"), instance.group(1) if instance else None],
    )


def _block_devices(item: Item) -> list[dict[str, Any]]:
    return [
        {
            "device": mapping.get("DeviceName"),
            "snapshot_id": mapping["Ebs"].get("SnapshotId"),
            "size_gib": mapping["Ebs"].get("VolumeSize"),
            "volume_type": mapping["Ebs"].get("VolumeType"),
        }
        for mapping in item.get("BlockDeviceMappings", [])
        if mapping.get("Ebs")
    ]


def _build_image(item: Item, ctx: JobContext) -> Built:
    devices = _block_devices(item)
    snapshots = [device["snapshot_id"] for device in devices if device["snapshot_id"]]
    return Built(
        props={
            "image_name": item.get("Name"),
            "state": item.get("State"),
            "architecture": item.get("Architecture"),
            "platform": "windows" if str(item.get("Platform", "")).lower() == "windows" else "linux",
            "platform_details": item.get("PlatformDetails"),
            "root_device_type": item.get("RootDeviceType"),
            "virtualization_type": item.get("VirtualizationType"),
            "boot_mode": item.get("BootMode"),
            "block_devices": devices,
            "snapshot_ids": snapshots,
            "total_size_gib": sum(int(device["size_gib"] or 0) for device in devices),
            "public": bool(item.get("Public", False)),
            "source_instance_id": item.get("SourceInstanceId"),
            "created": item.get("CreationDate"),
        },
        refs=[*snapshots, item.get("SourceInstanceId")],
    )


# --- endpoints and peering ----------------------------------------------------------------------


def _full_access(policy: str | None) -> bool:
    """Whether an endpoint policy is AWS's default: allow everything to everyone."""
    if not policy:
        return True
    try:
        statements = json.loads(policy).get("Statement", [])
    except (ValueError, AttributeError):
        return False
    everything = {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}
    return all(isinstance(statement, dict) and all(statement.get(key) == value for key, value in everything.items())
               for statement in statements)


def _build_endpoint(item: Item, ctx: JobContext) -> Built:
    subnets, route_tables = list(item.get("SubnetIds") or []), list(item.get("RouteTableIds") or [])
    groups = ids(item.get("Groups"), "GroupId")
    service_name = str(item.get("ServiceName") or "")
    return Built(
        props={
            "endpoint_type": item.get("VpcEndpointType") or "Gateway",  # the API's default type
            "service_name": service_name,
            "service": service_name.rsplit(".", 1)[-1] if service_name else None,
            "vpc_id": item.get("VpcId"),
            "subnet_ids": subnets,
            "route_table_ids": route_tables,
            "security_group_ids": groups,
            "private_dns_enabled": bool(item.get("PrivateDnsEnabled", False)),
            "requester_managed": bool(item.get("RequesterManaged", False)),
            "custom_policy": not _full_access(item.get("PolicyDocument")),
            "state": item.get("State"),
        },
        refs=[item.get("VpcId"), *subnets, *route_tables, *groups],
    )


def _own_side_here(ctx: JobContext, item: Item) -> bool:
    requester, accepter = item.get("RequesterVpcInfo") or {}, item.get("AccepterVpcInfo") or {}
    own = requester if requester.get("OwnerId") in (None, ctx.account_id) else accepter
    return own.get("Region") in (None, ctx.region)


def _live_peerings_once(ctx: JobContext, items: list[Item]) -> list[Item]:
    live = [item for item in items if (item.get("Status") or {}).get("Code") not in GONE_PEERING_STATES]
    return [item for item in live if _own_side_here(ctx, item)]


def _side(info: dict[str, Any], prefix: str) -> dict[str, Any]:
    options = info.get("PeeringOptions") or {}
    return {
        f"{prefix}_vpc_id": info.get("VpcId"),
        f"{prefix}_owner_id": info.get("OwnerId"),
        f"{prefix}_region": info.get("Region"),
        f"{prefix}_cidr": info.get("CidrBlock"),
        f"{prefix}_dns_resolution": bool(options.get("AllowDnsResolutionFromRemoteVpc", False)),
    }


def _build_peering(item: Item, ctx: JobContext) -> Built:
    requester, accepter = item.get("RequesterVpcInfo") or {}, item.get("AccepterVpcInfo") or {}
    own_vpcs = [info.get("VpcId") for info in (requester, accepter) if info.get("OwnerId") in (None, ctx.account_id)]
    return Built(
        props={
            "status": (item.get("Status") or {}).get("Code"),
            **_side(requester, "requester"),
            **_side(accepter, "accepter"),
            "cross_account": requester.get("OwnerId") != accepter.get("OwnerId"),
            "cross_region": (requester.get("Region") or ctx.region) != (accepter.get("Region") or ctx.region),
        },
        refs=own_vpcs,
    )


register(
    ResourceSpec(
        key="aws.ec2.snapshot", service="ec2", operation="describe_snapshots", result_path="Snapshots[]",
        id_field="SnapshotId", build=_build_snapshot, params={"OwnerIds": ["self"]}, page_size=1000,
        enrich=_owned_by_account,
    ),
    ResourceSpec(
        key="aws.ec2.image", service="ec2", operation="describe_images", result_path="Images[]",
        id_field="ImageId", build=_build_image, name_field="Name", params={"Owners": ["self"]}, page_size=1000,
        enrich=_owned_by_account,
    ),
    ResourceSpec(
        key="aws.ec2.vpc_endpoint", service="ec2", operation="describe_vpc_endpoints", result_path="VpcEndpoints[]",
        id_field="VpcEndpointId", build=_build_endpoint, page_size=1000,
        keep=lambda item: str(item.get("State", "")).lower() not in GONE_ENDPOINT_STATES,
    ),
    ResourceSpec(
        key="aws.ec2.vpc_peering_connection", service="ec2", operation="describe_vpc_peering_connections",
        result_path="VpcPeeringConnections[]", id_field="VpcPeeringConnectionId", build=_build_peering,
        page_size=1000, enrich=_live_peerings_once,
    ),
)
