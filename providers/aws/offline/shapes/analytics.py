"""OpenSearch domains and Redshift clusters in templates and state."""

from __future__ import annotations

from providers.aws.offline.declared import (
    CfnShape,
    Declared,
    Item,
    Neighbours,
    TfShape,
    arn_attribute,
    arn_of,
    block,
    flag,
    listed,
    number,
    renamed,
)


def _domain(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    fields = ("EngineVersion", "ClusterConfig", "EBSOptions", "VPCOptions", "EncryptionAtRestOptions",
              "NodeToNodeEncryptionOptions", "AdvancedSecurityOptions")
    return {name: props.get(name) for name in fields if props.get(name) is not None}


def _redshift(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    group = neighbours.find(props.get("ClusterSubnetGroupName"))
    return {
        "NodeType": props.get("NodeType"), "NumberOfNodes": number(props.get("NumberOfNodes", 1)),
        "DBName": props.get("DBName"), "Endpoint": {"Port": number(props.get("Port"))},
        "ClusterVersion": props.get("ClusterVersion"), "Encrypted": flag(props.get("Encrypted")),
        "KmsKeyId": props.get("KmsKeyId"), "PubliclyAccessible": flag(props.get("PubliclyAccessible")),
        "MultiAZ": "enabled" if flag(props.get("MultiAZ")) else "disabled",
        "VpcSecurityGroups": [{"VpcSecurityGroupId": group_id} for group_id in listed(props.get("VpcSecurityGroupIds"))],
        "IamRoles": [{"IamRoleArn": role} for role in listed(props.get("IamRoles"))],
        "ClusterSubnetGroupName": group.physical_name if group else props.get("ClusterSubnetGroupName"),
        "_subnets": listed(group.props.get("SubnetIds")) if group else [],
        "AutomatedSnapshotRetentionPeriod": number(props.get("AutomatedSnapshotRetentionPeriod", 1)),
        "AvailabilityZone": props.get("AvailabilityZone"),
    }


CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::OpenSearchService::Domain": CfnShape("aws.opensearch.domain", _domain, arn_of("es", "domain/{name}"),
                                               name_property="DomainName", unknown=("endpoint",)),
    "AWS::Redshift::Cluster": CfnShape("aws.redshift.cluster", _redshift, arn_of("redshift", "cluster:{name}"),
                                       name_property="ClusterIdentifier", unknown=("endpoint_address", "status")),
}

TERRAFORM: dict[str, TfShape] = {
    "aws_opensearch_domain": TfShape("AWS::OpenSearchService::Domain", renamed({
        "DomainName": "domain_name", "EngineVersion": "engine_version",
        "ClusterConfig": lambda a: {"InstanceType": block(a, "cluster_config").get("instance_type"),
                                    "InstanceCount": block(a, "cluster_config").get("instance_count")},
        "EBSOptions": lambda a: {"EBSEnabled": block(a, "ebs_options").get("ebs_enabled"),
                                 "VolumeType": block(a, "ebs_options").get("volume_type"),
                                 "VolumeSize": block(a, "ebs_options").get("volume_size")},
        "VPCOptions": lambda a: {"SubnetIds": listed(block(a, "vpc_options").get("subnet_ids")),
                                 "SecurityGroupIds": listed(block(a, "vpc_options").get("security_group_ids"))}}),
        resource_id=arn_attribute, name=lambda a: a.get("domain_name")),
    "aws_redshift_cluster": TfShape("AWS::Redshift::Cluster", renamed({
        "ClusterIdentifier": "cluster_identifier", "NodeType": "node_type", "NumberOfNodes": "number_of_nodes",
        "DBName": "database_name", "Port": "port", "Encrypted": "encrypted", "KmsKeyId": "kms_key_id",
        "PubliclyAccessible": "publicly_accessible", "VpcSecurityGroupIds": "vpc_security_group_ids",
        "IamRoles": "iam_roles", "ClusterSubnetGroupName": "cluster_subnet_group_name",
        "AvailabilityZone": "availability_zone"}), resource_id=arn_attribute, name=lambda a: a.get("cluster_identifier")),
    "aws_redshift_subnet_group": TfShape("AWS::Redshift::ClusterSubnetGroup", renamed({"SubnetIds": "subnet_ids"}),
                                         resource_id=arn_attribute),
}
