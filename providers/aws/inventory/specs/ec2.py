"""EC2 and VPC: instances, volumes, addresses, key pairs, launch templates, network."""

from __future__ import annotations

import re
from typing import Any

from botocore.exceptions import ClientError

from providers.aws.inventory.context import JobContext, error_code, error_message, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import chunks, ids, tag_value

INSTANCE_TYPES_PER_CALL = 100  # DescribeInstanceTypes accepts up to 100 names
LIVE_INSTANCE_STATES = ["pending", "running", "shutting-down", "stopping", "stopped"]


# --- instances -------------------------------------------------------------------------------


def _attach_instance_types(ctx: JobContext, items: list[Item]) -> list[Item]:
    """vCPU, memory, GPU and burstable flags for every distinct type, 100 types per call."""
    wanted = sorted({item["InstanceType"] for item in items if item.get("InstanceType")})
    info: dict[str, dict[str, Any]] = {}
    for batch in chunks(wanted, INSTANCE_TYPES_PER_CALL):
        for type_info in _describe_instance_types(ctx, batch):
            info[type_info["InstanceType"]] = type_info
    key_pair_ids = _key_pair_ids(ctx)  # key pairs are collected before instances (spec order)
    for item in items:
        item["_type_info"] = info.get(item.get("InstanceType", ""), {})
        item["_key_pair_id"] = key_pair_ids.get(item.get("KeyName", ""))
    return items


def _describe_instance_types(ctx: JobContext, names: list[str]) -> list[dict[str, Any]]:
    """One call for up to 100 types; types the region does not know are recorded and left out."""
    client = ctx.client()
    try:
        return client.describe_instance_types(InstanceTypes=names).get("InstanceTypes", [])
    except ClientError as exc:
        if error_code(exc) != "InvalidInstanceType":
            ctx.record(exc)
            return []
        ctx.record(exc)
        unknown = set(re.findall(r"[a-z0-9-]+\.[a-z0-9-]+", error_message(exc).partition("[")[2]))
        known = [name for name in names if name not in unknown]
        if not known or len(known) == len(names):
            return []
        return guarded(ctx, lambda: client.describe_instance_types(InstanceTypes=known), {}).get("InstanceTypes", [])


def _gpu_facts(type_info: dict[str, Any]) -> dict[str, Any]:
    gpus = type_info.get("GpuInfo", {}).get("Gpus", [])
    if not gpus:
        return {"gpu_count": 0, "gpu_model": None, "gpu_memory_mib": 0}
    return {
        "gpu_count": sum(int(gpu.get("Count", 0)) for gpu in gpus),
        "gpu_model": " ".join(filter(None, [gpus[0].get("Manufacturer"), gpus[0].get("Name")])) or None,
        "gpu_memory_mib": type_info.get("GpuInfo", {}).get("TotalGpuMemoryInMiB")
        or sum(int(gpu.get("Count", 0)) * int(gpu.get("MemoryInfo", {}).get("SizeInMiB", 0)) for gpu in gpus),
    }


def _key_pair_ids(ctx: JobContext) -> dict[str, str]:
    return {item["KeyName"]: item["KeyPairId"] for item in ctx.collected.get("aws.ec2.key_pair", []) if item.get("KeyPairId")}


def _build_instance(item: Item, ctx: JobContext) -> Built:
    type_info = item.get("_type_info", {})
    tags = item.get("Tags")
    launch_template_id = tag_value(tags, "aws:ec2launchtemplate:id")
    volumes = [mapping["Ebs"]["VolumeId"] for mapping in item.get("BlockDeviceMappings", []) if mapping.get("Ebs", {}).get("VolumeId")]
    key_pair_id = item.get("_key_pair_id")
    security_groups = ids(item.get("SecurityGroups"), "GroupId")
    props = {
        "instance_type": item.get("InstanceType"),
        "state": item.get("State", {}).get("Name"),
        "vcpu": type_info.get("VCpuInfo", {}).get("DefaultVCpus"),
        "memory_mib": type_info.get("MemoryInfo", {}).get("SizeInMiB"),
        **_gpu_facts(type_info),
        "architecture": item.get("Architecture"),
        "burstable": bool(type_info.get("BurstablePerformanceSupported", False)),
        "image_id": item.get("ImageId"),
        "platform": "windows" if str(item.get("Platform", "")).lower() == "windows" else "linux",
        "launch_template_id": launch_template_id,
        "autoscaling_group": tag_value(tags, "aws:autoscaling:groupName"),
        "availability_zone": item.get("Placement", {}).get("AvailabilityZone"),
        "private_ip": item.get("PrivateIpAddress"),
        "public_ip": item.get("PublicIpAddress"),
        "ebs_optimized": bool(item.get("EbsOptimized", False)),
        "root_device_type": item.get("RootDeviceType"),
        "vpc_id": item.get("VpcId"),
        "subnet_id": item.get("SubnetId"),
        "security_group_ids": security_groups,
        "volume_ids": volumes,
        "key_name": item.get("KeyName"),
        "key_pair_id": key_pair_id,
        "iam_instance_profile_arn": item.get("IamInstanceProfile", {}).get("Arn"),
    }
    refs = [item.get("SubnetId"), *security_groups, *volumes, launch_template_id, key_pair_id]
    return Built(props=props, refs=refs)


# --- volumes, addresses, key pairs, launch templates ---------------------------------------


def _build_volume(item: Item, ctx: JobContext) -> Built:
    return Built(
        props={
            "size_gib": item.get("Size"),
            "volume_type": item.get("VolumeType"),
            "iops": item.get("Iops"),
            "throughput_mibps": item.get("Throughput"),
            "encrypted": bool(item.get("Encrypted", False)),
            "kms_key_id": item.get("KmsKeyId"),
            "availability_zone": item.get("AvailabilityZone"),
            "attached_instance_ids": ids(item.get("Attachments"), "InstanceId"),
            "snapshot_id": item.get("SnapshotId") or None,
            "state": item.get("State"),
        },
    )


def _build_address(item: Item, ctx: JobContext) -> Built:
    return Built(
        props={
            "public_ip": item.get("PublicIp"),
            "domain": item.get("Domain"),
            "instance_id": item.get("InstanceId"),
            "network_interface_id": item.get("NetworkInterfaceId"),
            "private_ip": item.get("PrivateIpAddress"),
        },
        refs=[item.get("InstanceId")],
    )


def _build_key_pair(item: Item, ctx: JobContext) -> Built:
    return Built(props={"key_type": item.get("KeyType"), "fingerprint": item.get("KeyFingerprint")})


def _latest_launch_template_data(ctx: JobContext, items: list[Item]) -> list[Item]:
    """The latest version of every launch template of the region in one paginated call.

    DescribeLaunchTemplateVersions with Versions=["$Latest"] and no template id or name
    describes the latest version of all the account's templates (AWS API reference).
    """
    paginator = ctx.client().get_paginator("describe_launch_template_versions")
    pages = guarded(ctx, lambda: list(paginator.paginate(Versions=["$Latest"], PaginationConfig={"PageSize": 200})), [])
    latest: dict[str, dict[str, Any]] = {}
    for page in pages:
        for version in page.get("LaunchTemplateVersions", []):
            data = dict(version.get("LaunchTemplateData", {}))
            data.pop("UserData", None)  # may hold secrets; never kept
            latest[version["LaunchTemplateId"]] = data
    for item in items:
        item["_data"] = latest.get(item["LaunchTemplateId"], {})
    return items


def _launch_template_groups(data: dict[str, Any]) -> list[str]:
    groups = list(data.get("SecurityGroupIds", []))
    for interface in data.get("NetworkInterfaces", []):
        groups.extend(interface.get("Groups", []))
    return list(dict.fromkeys(groups))


def _build_launch_template(item: Item, ctx: JobContext) -> Built:
    data = item.get("_data", {})
    groups = _launch_template_groups(data)
    return Built(
        props={
            "latest_version": item.get("LatestVersionNumber"),
            "default_version": item.get("DefaultVersionNumber"),
            "instance_type": data.get("InstanceType"),
            "image_id": data.get("ImageId"),
            "security_group_ids": groups,
            "key_name": data.get("KeyName"),
        },
        refs=groups,
    )


# --- network ------------------------------------------------------------------------------------


def _build_vpc(item: Item, ctx: JobContext) -> Built:
    blocks = [block["CidrBlock"] for block in item.get("CidrBlockAssociationSet", []) if block.get("CidrBlock")]
    return Built(
        props={
            "cidr_block": item.get("CidrBlock"),
            "is_default": bool(item.get("IsDefault", False)),
            "cidr_blocks": blocks or [item.get("CidrBlock")],
            "ipv6_cidr_blocks": [block["Ipv6CidrBlock"] for block in item.get("Ipv6CidrBlockAssociationSet", []) if block.get("Ipv6CidrBlock")],
        }
    )


def _build_subnet(item: Item, ctx: JobContext) -> Built:
    return Built(
        props={
            "cidr_block": item.get("CidrBlock"),
            "availability_zone": item.get("AvailabilityZone"),
            "map_public_ip_on_launch": bool(item.get("MapPublicIpOnLaunch", False)),
            "default_for_az": bool(item.get("DefaultForAz", False)),
            "vpc_id": item.get("VpcId"),
            "available_ip_address_count": item.get("AvailableIpAddressCount"),
        },
        refs=[item.get("VpcId")],
    )


def _rules(permissions: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [
        {
            "protocol": permission.get("IpProtocol"),
            "from_port": permission.get("FromPort"),
            "to_port": permission.get("ToPort"),
            "cidrs": ids(permission.get("IpRanges"), "CidrIp"),
            "ipv6_cidrs": ids(permission.get("Ipv6Ranges"), "CidrIpv6"),
            "source_group_ids": ids(permission.get("UserIdGroupPairs"), "GroupId"),
            "prefix_list_ids": ids(permission.get("PrefixListIds"), "PrefixListId"),
        }
        for permission in permissions or []
    ]


def _build_security_group(item: Item, ctx: JobContext) -> Built:
    ingress = _rules(item.get("IpPermissions"))
    egress = _rules(item.get("IpPermissionsEgress"))
    referenced = [group for rule in ingress + egress for group in rule["source_group_ids"]]
    return Built(
        props={
            "group_name": item.get("GroupName"),
            "description": item.get("Description"),
            "vpc_id": item.get("VpcId"),
            "ingress": ingress,
            "egress": egress,
            "is_default": item.get("GroupName") == "default",
        },
        refs=[item.get("VpcId"), *referenced],
    )


ROUTE_TARGET_FIELDS = (
    "GatewayId",
    "NatGatewayId",
    "TransitGatewayId",
    "VpcPeeringConnectionId",
    "NetworkInterfaceId",
    "InstanceId",
    "EgressOnlyInternetGatewayId",
    "CarrierGatewayId",
    "LocalGatewayId",
    "VpcEndpointId",
)


def _route_target(route: dict[str, Any]) -> str | None:
    return next((route[field] for field in ROUTE_TARGET_FIELDS if route.get(field)), None)


def _build_route_table(item: Item, ctx: JobContext) -> Built:
    routes = [
        {
            "destination": route.get("DestinationCidrBlock") or route.get("DestinationIpv6CidrBlock") or route.get("DestinationPrefixListId"),
            "target": _route_target(route),
            "state": route.get("State"),
        }
        for route in item.get("Routes", [])
    ]
    associations = item.get("Associations", [])
    subnets = ids(associations, "SubnetId")
    gateways = [route["target"] for route in routes if route["target"] and route["target"] != "local"]
    return Built(
        props={
            "is_main": any(association.get("Main") for association in associations),
            "routes": routes,
            "subnet_ids": subnets,
            "vpc_id": item.get("VpcId"),
        },
        refs=[item.get("VpcId"), *subnets, *gateways],
    )


def _build_internet_gateway(item: Item, ctx: JobContext) -> Built:
    vpcs = ids(item.get("Attachments"), "VpcId")
    return Built(props={"attached_vpc_ids": vpcs}, refs=vpcs)


def _build_nat_gateway(item: Item, ctx: JobContext) -> Built:
    addresses = item.get("NatGatewayAddresses", [])
    return Built(
        props={
            "connectivity_type": item.get("ConnectivityType", "public"),
            "state": item.get("State"),
            "public_ip": next((address["PublicIp"] for address in addresses if address.get("PublicIp")), None),
            "allocation_ids": ids(addresses, "AllocationId"),
            "subnet_id": item.get("SubnetId"),
            "vpc_id": item.get("VpcId"),
        },
        refs=[item.get("SubnetId"), item.get("VpcId"), *ids(addresses, "AllocationId")],
    )


register(
    ResourceSpec("aws.ec2.vpc", "ec2", "describe_vpcs", "Vpcs[]", "VpcId", _build_vpc, page_size=1000),
    ResourceSpec("aws.ec2.subnet", "ec2", "describe_subnets", "Subnets[]", "SubnetId", _build_subnet, page_size=1000),
    ResourceSpec(
        "aws.ec2.security_group", "ec2", "describe_security_groups", "SecurityGroups[]", "GroupId",
        _build_security_group, name_field="GroupName", page_size=1000,
    ),
    ResourceSpec("aws.ec2.route_table", "ec2", "describe_route_tables", "RouteTables[]", "RouteTableId", _build_route_table, page_size=100),
    ResourceSpec(
        "aws.ec2.internet_gateway", "ec2", "describe_internet_gateways", "InternetGateways[]", "InternetGatewayId",
        _build_internet_gateway, page_size=1000,
    ),
    ResourceSpec(
        "aws.ec2.nat_gateway", "ec2", "describe_nat_gateways", "NatGateways[]", "NatGatewayId", _build_nat_gateway,
        page_size=1000, keep=lambda item: item.get("State") not in {"deleted", "deleting", "failed"},
    ),
    ResourceSpec("aws.ec2.key_pair", "ec2", "describe_key_pairs", "KeyPairs[]", "KeyPairId", _build_key_pair, name_field="KeyName"),
    ResourceSpec(
        "aws.ec2.launch_template", "ec2", "describe_launch_templates", "LaunchTemplates[]", "LaunchTemplateId",
        _build_launch_template, name_field="LaunchTemplateName", page_size=200, enrich=_latest_launch_template_data,
    ),
    ResourceSpec("aws.ec2.volume", "ec2", "describe_volumes", "Volumes[]", "VolumeId", _build_volume, page_size=500),
    ResourceSpec("aws.ec2.elastic_ip", "ec2", "describe_addresses", "Addresses[]", "AllocationId", _build_address, name_field="PublicIp"),
    ResourceSpec(
        "aws.ec2.instance", "ec2", "describe_instances", "Reservations[].Instances[]", "InstanceId", _build_instance,
        params={"Filters": [{"Name": "instance-state-name", "Values": LIVE_INSTANCE_STATES}]},
        page_size=1000, enrich=_attach_instance_types,
    ),
)
