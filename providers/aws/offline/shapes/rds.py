"""RDS instances and Aurora clusters in templates (no password property is ever read)."""

from __future__ import annotations

from providers.aws.offline.declared import (
    CfnShape,
    Declared,
    Item,
    Neighbours,
    TfShape,
    arn_attribute,
    arn_of,
    flag,
    listed,
    number,
    renamed,
)


def _subnet_group(neighbours: Neighbours, group: object) -> Item:
    found = neighbours.find(group)
    if found is None:
        return {}
    subnets = listed(found.props.get("SubnetIds"))
    vpc = next((neighbours.find(subnet).props.get("VpcId") for subnet in subnets if neighbours.find(subnet)), None)
    return {"Subnets": [{"SubnetIdentifier": subnet} for subnet in subnets], "VpcId": vpc}


def _groups(props: Item) -> list[Item]:
    return [{"VpcSecurityGroupId": group} for group in listed(props.get("VPCSecurityGroups") or props.get("VpcSecurityGroupIds"))]


def _instance(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    cluster = neighbours.find(props.get("DBClusterIdentifier"))
    source = props.get("SourceDBInstanceIdentifier")
    return {
        "Engine": props.get("Engine") or (cluster.props.get("Engine") if cluster else None),
        "EngineVersion": props.get("EngineVersion"),
        "DBInstanceClass": props.get("DBInstanceClass"),
        "AllocatedStorage": number(props.get("AllocatedStorage")),
        "StorageType": props.get("StorageType") or ("io1" if props.get("Iops") else "gp2"),
        "Iops": number(props.get("Iops")),
        "StorageThroughput": number(props.get("StorageThroughput")),
        "MultiAZ": flag(props.get("MultiAZ")),
        "ReadReplicaSourceDBInstanceIdentifier": source,
        "DBClusterIdentifier": props.get("DBClusterIdentifier"),
        "Endpoint": {"Port": number(props.get("Port"))},
        "BackupRetentionPeriod": number(props.get("BackupRetentionPeriod", 1)),
        "DBInstanceStatus": "available",
        "StorageEncrypted": flag(props.get("StorageEncrypted")),
        "KmsKeyId": props.get("KmsKeyId"),
        "PubliclyAccessible": flag(props.get("PubliclyAccessible")),
        "AvailabilityZone": props.get("AvailabilityZone"),
        "DBName": props.get("DBName"),
        "VpcSecurityGroups": _groups(props),
        "DBSubnetGroup": _subnet_group(neighbours, props.get("DBSubnetGroupName")),
    }


def _cluster(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    members = neighbours.referrers(declared.id, "AWS::RDS::DBInstance")
    return {
        "Engine": props.get("Engine"),
        "EngineVersion": props.get("EngineVersion"),
        "EngineMode": props.get("EngineMode", "provisioned"),
        "DBClusterMembers": [{"DBInstanceIdentifier": member.id, "IsClusterWriter": index == 0}
                             for index, member in enumerate(members)],
        "MultiAZ": len(members) > 1,
        "AllocatedStorage": number(props.get("AllocatedStorage")),
        "StorageType": props.get("StorageType"),
        "Port": number(props.get("Port")),
        "BackupRetentionPeriod": number(props.get("BackupRetentionPeriod", 1)),
        "StorageEncrypted": flag(props.get("StorageEncrypted")),
        "KmsKeyId": props.get("KmsKeyId"),
        "VpcSecurityGroups": _groups(props),
        "Status": "available",
    }


CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::RDS::DBInstance": CfnShape("aws.rds.instance", _instance, arn_of("rds", "db:{name}"),
                                     name_property="DBInstanceIdentifier", unknown=("endpoint_address",)),
    "AWS::RDS::DBCluster": CfnShape("aws.rds.cluster", _cluster, arn_of("rds", "cluster:{name}"),
                                    name_property="DBClusterIdentifier", unknown=("endpoint", "reader_endpoint")),
}


# --- Terraform ------------------------------------------------------------------------------------------------------

TF_INSTANCE = {
    "DBInstanceIdentifier": "identifier", "Engine": "engine", "EngineVersion": "engine_version",
    "DBInstanceClass": "instance_class", "AllocatedStorage": "allocated_storage", "StorageType": "storage_type",
    "Iops": "iops", "StorageThroughput": "storage_throughput", "MultiAZ": "multi_az",
    "BackupRetentionPeriod": "backup_retention_period", "StorageEncrypted": "storage_encrypted",
    "KmsKeyId": "kms_key_id", "PubliclyAccessible": "publicly_accessible", "AvailabilityZone": "availability_zone",
    "DBName": lambda a: a.get("db_name") or a.get("name"), "VPCSecurityGroups": "vpc_security_group_ids",
    "DBSubnetGroupName": "db_subnet_group_name", "SourceDBInstanceIdentifier": "replicate_source_db", "Port": "port",
}

TERRAFORM: dict[str, TfShape] = {
    "aws_db_instance": TfShape("AWS::RDS::DBInstance", renamed(TF_INSTANCE), resource_id=arn_attribute,
                               name=lambda a: a.get("identifier")),
    "aws_rds_cluster_instance": TfShape("AWS::RDS::DBInstance", renamed({
        **TF_INSTANCE, "DBClusterIdentifier": "cluster_identifier"}), resource_id=arn_attribute,
        name=lambda a: a.get("identifier")),
    "aws_rds_cluster": TfShape("AWS::RDS::DBCluster", renamed({
        "DBClusterIdentifier": "cluster_identifier", "Engine": "engine", "EngineVersion": "engine_version",
        "EngineMode": "engine_mode", "AllocatedStorage": "allocated_storage", "StorageType": "storage_type",
        "Port": "port", "BackupRetentionPeriod": "backup_retention_period", "StorageEncrypted": "storage_encrypted",
        "KmsKeyId": "kms_key_id", "VpcSecurityGroupIds": "vpc_security_group_ids",
        "DBSubnetGroupName": "db_subnet_group_name"}), resource_id=arn_attribute,
        name=lambda a: a.get("cluster_identifier")),
    "aws_db_subnet_group": TfShape("AWS::RDS::DBSubnetGroup", renamed({"SubnetIds": "subnet_ids"}), resource_id=arn_attribute),
}
