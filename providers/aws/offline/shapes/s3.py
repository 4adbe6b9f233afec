"""S3 buckets, EFS file systems and ECR repositories in templates: what they hold is unknown offline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    arn_attribute,
    arn_of,
    block,
    flag,
    listed,
    renamed,
)


def _bucket(declared: Declared, neighbours: Neighbours) -> Item:
    props = dict(declared.props)
    for setting in neighbours.parts(declared.id, "settings"):  # Terraform's aws_s3_bucket_* resources
        props.update({key: value for key, value in setting.props.items() if key != "Bucket"})
    rules = listed((props.get("BucketEncryption") or {}).get("ServerSideEncryptionConfiguration"))
    default = (rules[0] if rules else {}).get("ServerSideEncryptionByDefault") or {}
    return {
        "Name": declared.physical_name.lower(),
        "_versioning": (props.get("VersioningConfiguration") or {}).get("Status", "Disabled"),
        "_website": "WebsiteConfiguration" in props,
        "_encryption": {"SSEAlgorithm": default.get("SSEAlgorithm", "AES256"), "KMSMasterKeyID": default.get("KMSMasterKeyID")},
        "_region": declared.region,
    }


def _bucket_id(declared: Declared) -> str:
    return f"arn:{declared.partition}:s3:::{declared.physical_name.lower()}"


def _file_system(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "PerformanceMode": props.get("PerformanceMode", "generalPurpose"),
        "ThroughputMode": props.get("ThroughputMode", "bursting"),
        "ProvisionedThroughputInMibps": props.get("ProvisionedThroughputInMibps"),
        "Encrypted": flag(props.get("Encrypted")),
        "KmsKeyId": props.get("KmsKeyId"),
        "AvailabilityZoneName": props.get("AvailabilityZoneName"),
        "_mount_targets": [{"SubnetId": part.props.get("SubnetId")} for part in neighbours.parts(declared.id, "mount_targets")],
    }


def _repository(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "repositoryUri": f"{declared.account_id}.dkr.ecr.{declared.region}.amazonaws.com/{declared.physical_name}",
        "imageTagMutability": props.get("ImageTagMutability", "MUTABLE"),
        "imageScanningConfiguration": {"scanOnPush": flag((props.get("ImageScanningConfiguration") or {}).get("ScanOnPush"))},
    }


CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::S3::Bucket": CfnShape("aws.s3.bucket", _bucket, _bucket_id, name_property="BucketName",
                                unknown=("size_bytes", "object_count", "created")),
    "AWS::EFS::FileSystem": CfnShape("aws.efs.file_system", _file_system, tags_property="FileSystemTags",
                                     unknown=("size_bytes",)),
    "AWS::ECR::Repository": CfnShape("aws.ecr.repository", _repository, arn_of("ecr", "repository/{name}"),
                                     name_property="RepositoryName", unknown=("image_count", "size_bytes")),
}

CLOUDFORMATION_PARTS: dict[str, tuple[CfnPart, ...]] = {
    "AWS::EFS::MountTarget": (CfnPart("mount_targets", "FileSystemId"),),
    "Planner::S3::BucketSetting": (CfnPart("settings", "Bucket"),),
}


# --- Terraform ------------------------------------------------------------------------------------------------------


def _tf_encryption(rules: Any) -> dict[str, Any] | None:
    rule = block({"rule": listed(rules)}, "rule")
    default = block(rule, "apply_server_side_encryption_by_default")
    if not default:
        return None
    return {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {
        "SSEAlgorithm": default.get("sse_algorithm"), "KMSMasterKeyID": default.get("kms_master_key_id") or None}}]}


def _tf_bucket(attributes: Attributes) -> Props:
    """The bucket, with the settings provider versions before 4.0 kept inline (later ones are resources of their own)."""
    versioning = block(attributes, "versioning")
    props: Props = {"BucketName": attributes.get("bucket")}
    if versioning.get("enabled"):
        props["VersioningConfiguration"] = {"Status": "Enabled"}
    if block(attributes, "website"):
        props["WebsiteConfiguration"] = {}
    encryption = _tf_encryption(block(attributes, "server_side_encryption_configuration").get("rule"))
    if encryption:
        props["BucketEncryption"] = encryption
    return props


def _tf_bucket_setting(name: str, settings: Callable[[Attributes], Props]) -> TfShape:
    return TfShape(PART_ONLY, lambda a: {}, parts=lambda a: [(BUCKET_SETTING, {"Bucket": a.get("bucket"), name: settings(a)})])


BUCKET_SETTING = "Planner::S3::BucketSetting"

TERRAFORM: dict[str, TfShape] = {
    "aws_s3_bucket": TfShape("AWS::S3::Bucket", _tf_bucket, resource_id=arn_attribute, name=lambda a: a.get("bucket")),
    "aws_s3_bucket_versioning": _tf_bucket_setting("VersioningConfiguration", lambda a: {
        "Status": block(a, "versioning_configuration").get("status", "Disabled")}),
    "aws_s3_bucket_website_configuration": _tf_bucket_setting("WebsiteConfiguration", lambda a: {"Configured": True}),
    "aws_s3_bucket_server_side_encryption_configuration": _tf_bucket_setting(
        "BucketEncryption", lambda a: _tf_encryption(a.get("rule")) or {}),
    "aws_efs_file_system": TfShape("AWS::EFS::FileSystem", renamed({
        "PerformanceMode": "performance_mode", "ThroughputMode": "throughput_mode",
        "ProvisionedThroughputInMibps": "provisioned_throughput_in_mibps", "Encrypted": "encrypted",
        "KmsKeyId": "kms_key_id", "AvailabilityZoneName": "availability_zone_name"}),
        name=lambda a: (a.get("tags") or {}).get("Name") or a.get("id")),
    "aws_efs_mount_target": TfShape(PART_ONLY, lambda a: {}, parts=lambda a: [
        ("AWS::EFS::MountTarget", {"FileSystemId": a.get("file_system_id"), "SubnetId": a.get("subnet_id")})]),
    "aws_ecr_repository": TfShape("AWS::ECR::Repository", renamed({
        "RepositoryName": "name", "ImageTagMutability": "image_tag_mutability",
        "ImageScanningConfiguration": lambda a: {"ScanOnPush": block(a, "image_scanning_configuration").get("scan_on_push")}}),
        resource_id=arn_attribute),
}
