"""EC2 and VPC types in templates: instances, volumes, addresses, launch templates, network."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from providers.aws.catalog import instance_types
from providers.aws.offline.declared import (
    PART_ONLY,
    Attributes,
    CfnPart,
    CfnShape,
    Declared,
    Item,
    Neighbours,
    Props,
    TfShape,
    block,
    listed,
    number,
    related_prop,
    renamed,
    without,
)

ALLOW_ALL_EGRESS = {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}  # what EC2 adds to a new group
ROUTE_TARGETS = ("GatewayId", "NatGatewayId", "TransitGatewayId", "VpcPeeringConnectionId", "NetworkInterfaceId",
                 "InstanceId", "EgressOnlyInternetGatewayId", "CarrierGatewayId", "LocalGatewayId", "VpcEndpointId")


def _vpc(declared: Declared, neighbours: Neighbours) -> Item:
    return {"CidrBlock": declared.props.get("CidrBlock"), "IsDefault": False}


def _subnet(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {key: props.get(key) for key in ("CidrBlock", "AvailabilityZone", "MapPublicIpOnLaunch", "VpcId")}


def _permission(rule: dict[str, Any], group_field: str) -> Item:
    permission: Item = {"IpProtocol": str(rule.get("IpProtocol", "-1")), "FromPort": number(rule.get("FromPort")),
                        "ToPort": number(rule.get("ToPort"))}
    if rule.get("CidrIp"):
        permission["IpRanges"] = [{"CidrIp": rule["CidrIp"]}]
    if rule.get("CidrIpv6"):
        permission["Ipv6Ranges"] = [{"CidrIpv6": rule["CidrIpv6"]}]
    if rule.get(group_field):
        permission["UserIdGroupPairs"] = [{"GroupId": rule[group_field]}]
    prefix = rule.get("SourcePrefixListId") or rule.get("DestinationPrefixListId")
    if prefix:
        permission["PrefixListIds"] = [{"PrefixListId": prefix}]
    return permission


def _security_group(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    ingress = [*listed(props.get("SecurityGroupIngress")),
               *(part.props for part in neighbours.parts(declared.id, "ingress"))]
    egress = [*listed(props.get("SecurityGroupEgress")), *(part.props for part in neighbours.parts(declared.id, "egress"))]
    return {
        "GroupName": props.get("GroupName") or declared.physical_name,
        "Description": props.get("GroupDescription"),
        "VpcId": props.get("VpcId"),
        "IpPermissions": [_permission(rule, "SourceSecurityGroupId") for rule in ingress],
        "IpPermissionsEgress": [_permission(rule, "DestinationSecurityGroupId") for rule in egress] or [ALLOW_ALL_EGRESS],
    }


def _route(route: dict[str, Any]) -> Item:
    return {key: value for key, value in route.items() if key in ROUTE_TARGETS or key.startswith("Destination")}


def _route_table(declared: Declared, neighbours: Neighbours) -> Item:
    routes = [_route(part.props) for part in neighbours.parts(declared.id, "routes")]
    associations = [{"SubnetId": part.props.get("SubnetId")} for part in neighbours.parts(declared.id, "associations")]
    return {"VpcId": declared.props.get("VpcId"), "Routes": routes, "Associations": associations}


def _internet_gateway(declared: Declared, neighbours: Neighbours) -> Item:
    return {"Attachments": [{"VpcId": part.props.get("VpcId")} for part in neighbours.parts(declared.id, "attachments")]}


def _nat_gateway(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "SubnetId": props.get("SubnetId"),
        "VpcId": related_prop(neighbours, props.get("SubnetId"), "VpcId"),
        "ConnectivityType": props.get("ConnectivityType", "public"),
        "NatGatewayAddresses": [{"AllocationId": props["AllocationId"]}] if props.get("AllocationId") else [],
        "State": "available",
    }


def _elastic_ip(declared: Declared, neighbours: Neighbours) -> Item:
    associations = neighbours.parts(declared.id, "associations")
    instance = declared.props.get("InstanceId") or next(
        (part.props.get("InstanceId") for part in associations if part.props.get("InstanceId")), None)
    interface = next((part.props.get("NetworkInterfaceId") for part in associations), None)
    return {"Domain": declared.props.get("Domain", "vpc"), "InstanceId": instance, "NetworkInterfaceId": interface}


def _type_info(instance_type: Any) -> Item:
    """What DescribeInstanceTypes would say of the type, from the catalog (data/SOURCES.md)."""
    found = instance_types().get(str(instance_type or ""))
    if found is None:
        return {}
    info: Item = {"VCpuInfo": {"DefaultVCpus": found.vcpu}, "MemoryInfo": {"SizeInMiB": round(found.memory_gib * 1024)},
                  "BurstablePerformanceSupported": found.burstable}
    if found.gpu_count:
        info["GpuInfo"] = {"Gpus": [{"Count": found.gpu_count, "Name": found.gpu_model}]}
    return info


def _launch_template_data(neighbours: Neighbours, template: dict[str, Any]) -> dict[str, Any]:
    found = neighbours.find(template.get("LaunchTemplateId") or template.get("LaunchTemplateName"))
    return found.props.get("LaunchTemplateData", {}) if found else {}


def _instance(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    interface = (listed(props.get("NetworkInterfaces")) or [{}])[0]
    template = props.get("LaunchTemplate") or {}
    data = _launch_template_data(neighbours, template)
    instance_type = props.get("InstanceType") or data.get("InstanceType")
    subnet = props.get("SubnetId") or interface.get("SubnetId")
    groups = [*listed(props.get("SecurityGroupIds")), *listed(interface.get("GroupSet")),
              *listed(data.get("SecurityGroupIds"))]
    volumes = [part.props.get("VolumeId") for part in neighbours.parts(declared.id, "volumes")]
    volumes += [entry.get("VolumeId") for entry in listed(props.get("Volumes"))]
    tags = [{"Key": "aws:ec2launchtemplate:id", "Value": template["LaunchTemplateId"]}] if template.get("LaunchTemplateId") else []
    return {
        "InstanceType": instance_type,
        "ImageId": props.get("ImageId") or data.get("ImageId"),
        "State": {"Name": "running"},
        "_type_info": _type_info(instance_type),
        "SubnetId": subnet,
        "VpcId": related_prop(neighbours, subnet, "VpcId"),
        "SecurityGroups": [{"GroupId": group} for group in dict.fromkeys(groups)],
        "KeyName": props.get("KeyName") or data.get("KeyName"),
        "Placement": {"AvailabilityZone": props.get("AvailabilityZone") or related_prop(neighbours, subnet, "AvailabilityZone")},
        "EbsOptimized": props.get("EbsOptimized"),
        "BlockDeviceMappings": [{"Ebs": {"VolumeId": volume}} for volume in volumes if volume],
        "Tags": tags,
    }


def _volume(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    attachments = [{"InstanceId": part.props.get("InstanceId")} for part in neighbours.parts(declared.id, "attachments")]
    return {
        "Size": number(props.get("Size")),
        "VolumeType": props.get("VolumeType", "gp2"),
        "Iops": number(props.get("Iops")),
        "Throughput": number(props.get("Throughput")),
        "Encrypted": props.get("Encrypted"),
        "KmsKeyId": props.get("KmsKeyId"),
        "AvailabilityZone": props.get("AvailabilityZone"),
        "SnapshotId": props.get("SnapshotId"),
        "State": "in-use" if attachments else "available",
        "Attachments": attachments,
    }


def _launch_template(declared: Declared, neighbours: Neighbours) -> Item:
    return {"LatestVersionNumber": 1, "DefaultVersionNumber": 1,
            "_data": without(declared.props.get("LaunchTemplateData"), "UserData")}


def _vpc_endpoint(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {"VpcEndpointType": props.get("VpcEndpointType", "Gateway"), "ServiceName": props.get("ServiceName"),
            "VpcId": props.get("VpcId"), "SubnetIds": listed(props.get("SubnetIds")),
            "RouteTableIds": listed(props.get("RouteTableIds")),
            "Groups": [{"GroupId": group} for group in listed(props.get("SecurityGroupIds"))],
            "PrivateDnsEnabled": props.get("PrivateDnsEnabled"), "PolicyDocument": props.get("PolicyDocument"),
            "State": "available"}


def _peering(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {"Status": {"Code": "active"},
            "RequesterVpcInfo": {"VpcId": props.get("VpcId"), "OwnerId": declared.account_id, "Region": declared.region,
                                 "CidrBlock": related_prop(neighbours, props.get("VpcId"), "CidrBlock")},
            "AccepterVpcInfo": {"VpcId": props.get("PeerVpcId"), "OwnerId": props.get("PeerOwnerId") or declared.account_id,
                                "Region": props.get("PeerRegion") or declared.region,
                                "CidrBlock": related_prop(neighbours, props.get("PeerVpcId"), "CidrBlock")}}


def _key_pair(declared: Declared, neighbours: Neighbours) -> Item:
    return {"KeyType": declared.props.get("KeyType", "rsa")}


CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::EC2::VPCEndpoint": CfnShape("aws.ec2.vpc_endpoint", _vpc_endpoint),
    "AWS::EC2::VPCPeeringConnection": CfnShape("aws.ec2.vpc_peering_connection", _peering),
    "AWS::EC2::KeyPair": CfnShape("aws.ec2.key_pair", _key_pair, name_property="KeyName", unknown=("fingerprint",)),
    "AWS::EC2::VPC": CfnShape("aws.ec2.vpc", _vpc),
    "AWS::EC2::Subnet": CfnShape("aws.ec2.subnet", _subnet, unknown=("available_ip_address_count",)),
    "AWS::EC2::SecurityGroup": CfnShape("aws.ec2.security_group", _security_group, name_property="GroupName"),
    "AWS::EC2::RouteTable": CfnShape("aws.ec2.route_table", _route_table),
    "AWS::EC2::InternetGateway": CfnShape("aws.ec2.internet_gateway", _internet_gateway),
    "AWS::EC2::NatGateway": CfnShape("aws.ec2.nat_gateway", _nat_gateway, unknown=("public_ip",)),
    "AWS::EC2::EIP": CfnShape("aws.ec2.elastic_ip", _elastic_ip, unknown=("public_ip", "private_ip")),
    "AWS::EC2::Instance": CfnShape("aws.ec2.instance", _instance, unknown=("private_ip", "public_ip", "architecture")),
    "AWS::EC2::Volume": CfnShape("aws.ec2.volume", _volume),
    "AWS::EC2::LaunchTemplate": CfnShape("aws.ec2.launch_template", _launch_template, name_property="LaunchTemplateName"),
}

# Types that only add to another resource: (part name, the property that names the resource it adds to).
CLOUDFORMATION_PARTS: dict[str, tuple[CfnPart, ...]] = {
    "AWS::EC2::SecurityGroupIngress": (CfnPart("ingress", "GroupId"),),
    "AWS::EC2::SecurityGroupEgress": (CfnPart("egress", "GroupId"),),
    "AWS::EC2::Route": (CfnPart("routes", "RouteTableId"),),
    "AWS::EC2::SubnetRouteTableAssociation": (CfnPart("associations", "RouteTableId"),),
    "AWS::EC2::VPCGatewayAttachment": (CfnPart("attachments", "InternetGatewayId"),),
    "AWS::EC2::EIPAssociation": (CfnPart("associations", "AllocationId"), CfnPart("associations", "EIP")),
    "AWS::EC2::VolumeAttachment": (CfnPart("attachments", "VolumeId"), CfnPart("volumes", "InstanceId")),
}


# --- Terraform ------------------------------------------------------------------------------------------------------

TF_ROUTE_TARGETS = {"gateway_id": "GatewayId", "nat_gateway_id": "NatGatewayId", "transit_gateway_id": "TransitGatewayId",
                    "vpc_peering_connection_id": "VpcPeeringConnectionId", "network_interface_id": "NetworkInterfaceId",
                    "instance_id": "InstanceId", "egress_only_gateway_id": "EgressOnlyInternetGatewayId",
                    "vpc_endpoint_id": "VpcEndpointId", "carrier_gateway_id": "CarrierGatewayId",
                    "local_gateway_id": "LocalGatewayId"}


def _tf_route(route: dict[str, Any]) -> dict[str, Any]:
    found = {cfn: route[tf] for tf, cfn in TF_ROUTE_TARGETS.items() if route.get(tf)}
    destination = route.get("cidr_block") or route.get("destination_cidr_block")
    if destination:
        found["DestinationCidrBlock"] = destination
    ipv6 = route.get("ipv6_cidr_block") or route.get("destination_ipv6_cidr_block")
    if ipv6:
        found["DestinationIpv6CidrBlock"] = ipv6
    return found


def _tf_rules(rules: Any, group_field: str) -> list[dict[str, Any]]:
    """Terraform's inline rules (a rule with several CIDRs and groups) as CloudFormation's (one source each)."""
    found: list[dict[str, Any]] = []
    for rule in listed(rules):
        base = {"IpProtocol": str(rule.get("protocol", "-1")), "FromPort": rule.get("from_port"), "ToPort": rule.get("to_port")}
        found += [{**base, "CidrIp": cidr} for cidr in listed(rule.get("cidr_blocks"))]
        found += [{**base, "CidrIpv6": cidr} for cidr in listed(rule.get("ipv6_cidr_blocks"))]
        found += [{**base, group_field: group} for group in listed(rule.get("security_groups"))]
        found += [{**base, "SourcePrefixListId": prefix} for prefix in listed(rule.get("prefix_list_ids"))]
    return found


def _tf_rule_part(attributes: Attributes) -> list[tuple[str, Props]]:
    """aws_security_group_rule: one CloudFormation ingress or egress resource per source."""
    egress = attributes.get("type") == "egress"
    group_field = "DestinationSecurityGroupId" if egress else "SourceSecurityGroupId"
    rule = {"protocol": attributes.get("protocol"), "from_port": attributes.get("from_port"),
            "to_port": attributes.get("to_port"), "cidr_blocks": attributes.get("cidr_blocks"),
            "ipv6_cidr_blocks": attributes.get("ipv6_cidr_blocks"), "prefix_list_ids": attributes.get("prefix_list_ids"),
            "security_groups": [attributes["source_security_group_id"]] if attributes.get("source_security_group_id") else []}
    cfn_type = "AWS::EC2::SecurityGroupEgress" if egress else "AWS::EC2::SecurityGroupIngress"
    return [(cfn_type, {**entry, "GroupId": attributes.get("security_group_id")}) for entry in _tf_rules([rule], group_field)]


def _tf_vpc_rule(cfn_type: str, group_field: str) -> Callable[[Attributes], list[tuple[str, Props]]]:
    """aws_vpc_security_group_ingress_rule / _egress_rule: one source per rule already."""

    def parts(attributes: Attributes) -> list[tuple[str, Props]]:
        rule = {"GroupId": attributes.get("security_group_id"), "IpProtocol": str(attributes.get("ip_protocol", "-1")),
                "FromPort": attributes.get("from_port"), "ToPort": attributes.get("to_port"),
                "CidrIp": attributes.get("cidr_ipv4"), "CidrIpv6": attributes.get("cidr_ipv6"),
                group_field: attributes.get("referenced_security_group_id"),
                "SourcePrefixListId": attributes.get("prefix_list_id")}
        return [(cfn_type, {key: value for key, value in rule.items() if value is not None})]

    return parts


def _no_props(attributes: Attributes) -> Props:
    return {}


def _only_parts(parts: Callable[[Attributes], list[tuple[str, Props]]]) -> TfShape:
    """A Terraform type that is only a part of another resource: it declares nothing itself."""
    return TfShape(PART_ONLY, _no_props, parts=parts)


def _tf_launch_template_data(attributes: Attributes) -> Props:
    interfaces = listed(attributes.get("network_interfaces"))
    groups = [*listed(attributes.get("vpc_security_group_ids")),
              *(group for interface in interfaces for group in listed(interface.get("security_groups")))]
    data = {"InstanceType": attributes.get("instance_type"), "ImageId": attributes.get("image_id"),
            "KeyName": attributes.get("key_name"), "SecurityGroupIds": groups}
    return {key: value for key, value in data.items() if value}


TERRAFORM: dict[str, TfShape] = {
    "aws_vpc_endpoint": TfShape("AWS::EC2::VPCEndpoint", renamed({
        "VpcEndpointType": "vpc_endpoint_type", "ServiceName": "service_name", "VpcId": "vpc_id",
        "SubnetIds": "subnet_ids", "RouteTableIds": "route_table_ids", "SecurityGroupIds": "security_group_ids",
        "PrivateDnsEnabled": "private_dns_enabled"}), name=lambda a: a.get("service_name")),
    "aws_vpc_peering_connection": TfShape("AWS::EC2::VPCPeeringConnection", renamed({
        "VpcId": "vpc_id", "PeerVpcId": "peer_vpc_id", "PeerOwnerId": "peer_owner_id", "PeerRegion": "peer_region"})),
    "aws_key_pair": TfShape("AWS::EC2::KeyPair", renamed({"KeyName": "key_name", "KeyType": "key_type"}),
                            resource_id=lambda a: a.get("key_pair_id") or a.get("id"), name=lambda a: a.get("key_name")),
    "aws_vpc": TfShape("AWS::EC2::VPC", renamed({"CidrBlock": "cidr_block"})),
    "aws_subnet": TfShape("AWS::EC2::Subnet", renamed({
        "CidrBlock": "cidr_block", "AvailabilityZone": "availability_zone", "VpcId": "vpc_id",
        "MapPublicIpOnLaunch": "map_public_ip_on_launch"})),
    "aws_security_group": TfShape("AWS::EC2::SecurityGroup", renamed({
        "GroupName": "name", "GroupDescription": "description", "VpcId": "vpc_id",
        "SecurityGroupIngress": lambda a: _tf_rules(a.get("ingress"), "SourceSecurityGroupId"),
        "SecurityGroupEgress": lambda a: _tf_rules(a.get("egress"), "DestinationSecurityGroupId")})),
    "aws_security_group_rule": _only_parts(_tf_rule_part),
    "aws_vpc_security_group_ingress_rule": _only_parts(_tf_vpc_rule("AWS::EC2::SecurityGroupIngress", "SourceSecurityGroupId")),
    "aws_vpc_security_group_egress_rule": _only_parts(_tf_vpc_rule("AWS::EC2::SecurityGroupEgress", "DestinationSecurityGroupId")),
    "aws_internet_gateway": TfShape("AWS::EC2::InternetGateway", _no_props, parts=lambda a: [
        ("AWS::EC2::VPCGatewayAttachment", {"InternetGatewayId": a.get("id"), "VpcId": a.get("vpc_id")})] if a.get("vpc_id") else []),
    "aws_internet_gateway_attachment": _only_parts(lambda a: [
        ("AWS::EC2::VPCGatewayAttachment", {"InternetGatewayId": a.get("internet_gateway_id"), "VpcId": a.get("vpc_id")})]),
    "aws_nat_gateway": TfShape("AWS::EC2::NatGateway", renamed({
        "SubnetId": "subnet_id", "AllocationId": "allocation_id", "ConnectivityType": "connectivity_type"})),
    "aws_route_table": TfShape("AWS::EC2::RouteTable", renamed({"VpcId": "vpc_id"}), parts=lambda a: [
        ("AWS::EC2::Route", {**_tf_route(route), "RouteTableId": a.get("id")}) for route in listed(a.get("route"))]),
    "aws_route": _only_parts(lambda a: [("AWS::EC2::Route", {**_tf_route(a), "RouteTableId": a.get("route_table_id")})]),
    "aws_route_table_association": _only_parts(lambda a: [
        ("AWS::EC2::SubnetRouteTableAssociation", {"RouteTableId": a.get("route_table_id"), "SubnetId": a.get("subnet_id")})]
        if a.get("subnet_id") else []),
    "aws_eip": TfShape("AWS::EC2::EIP", renamed({"Domain": lambda a: a.get("domain") or "vpc", "InstanceId": "instance"}),
                       resource_id=lambda a: a.get("allocation_id") or a.get("id"), name=lambda a: a.get("public_ip")),
    "aws_eip_association": _only_parts(lambda a: [("AWS::EC2::EIPAssociation", {
        "AllocationId": a.get("allocation_id"), "InstanceId": a.get("instance_id"),
        "NetworkInterfaceId": a.get("network_interface_id")})]),
    "aws_instance": TfShape("AWS::EC2::Instance", renamed({
        "InstanceType": "instance_type", "ImageId": "ami", "SubnetId": "subnet_id",
        "SecurityGroupIds": "vpc_security_group_ids", "KeyName": "key_name", "AvailabilityZone": "availability_zone",
        "EbsOptimized": "ebs_optimized",
        "LaunchTemplate": lambda a: {"LaunchTemplateId": block(a, "launch_template").get("id")} if block(a, "launch_template") else None,
    }), name=lambda a: (a.get("tags") or {}).get("Name") or a.get("id")),
    "aws_ebs_volume": TfShape("AWS::EC2::Volume", renamed({
        "Size": "size", "VolumeType": "type", "Iops": "iops", "Throughput": "throughput", "Encrypted": "encrypted",
        "KmsKeyId": "kms_key_id", "AvailabilityZone": "availability_zone", "SnapshotId": "snapshot_id"}),
        name=lambda a: (a.get("tags") or {}).get("Name") or a.get("id")),
    "aws_volume_attachment": _only_parts(lambda a: [
        ("AWS::EC2::VolumeAttachment", {"VolumeId": a.get("volume_id"), "InstanceId": a.get("instance_id")})]),
    "aws_launch_template": TfShape("AWS::EC2::LaunchTemplate", renamed({
        "LaunchTemplateName": "name", "LaunchTemplateData": _tf_launch_template_data})),
}
