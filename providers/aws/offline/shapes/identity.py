"""IAM roles, KMS keys, SSM parameters (never their values) and log groups in templates."""

from __future__ import annotations

import json

from providers.aws.offline.declared import (
    PART_ONLY,
    CfnPart,
    CfnShape,
    Declared,
    Item,
    Neighbours,
    TfShape,
    arn_attribute,
    listed,
    number,
    renamed,
)

POLICY_ATTACHMENT = "Planner::IAM::RolePolicyAttachment"  # Terraform's aws_iam_role_policy_attachment


def _role(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    attached = (part.props.get("PolicyArn") for part in neighbours.parts(declared.id, "attachments"))
    managed = list(dict.fromkeys(str(arn) for arn in [*listed(props.get("ManagedPolicyArns")), *attached] if arn))
    return {
        "RoleName": declared.physical_name,
        "Path": props.get("Path", "/"),
        "AssumeRolePolicyDocument": props.get("AssumeRolePolicyDocument"),
        "_attached_arns": managed,
        "_attached": [arn.rsplit("/", 1)[-1] for arn in managed],
        "_inline": [policy.get("PolicyName") for policy in listed(props.get("Policies")) if policy.get("PolicyName")],
        "MaxSessionDuration": number(props.get("MaxSessionDuration", 3600)),
    }


def _role_id(declared: Declared) -> str:
    path = str(declared.props.get("Path") or "/")
    return f"arn:{declared.partition}:iam::{declared.account_id}:role{path}{declared.physical_name}"


def _key(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "_metadata": {"KeyManager": "CUSTOMER", "KeySpec": props.get("KeySpec", "SYMMETRIC_DEFAULT"),
                      "KeyUsage": props.get("KeyUsage", "ENCRYPT_DECRYPT"), "KeyState": "Enabled",
                      "MultiRegion": props.get("MultiRegion", False), "Origin": props.get("Origin", "AWS_KMS"),
                      "Description": props.get("Description")},
        "_aliases": [str(part.props.get("AliasName")) for part in neighbours.parts(declared.id, "aliases")],
    }


def _parameter(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {"Name": declared.physical_name, "Type": props.get("Type"), "Tier": props.get("Tier", "Standard"),
            "DataType": props.get("DataType", "text"), "Description": props.get("Description"),
            "Policies": props.get("Policies")}


def _log_group(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {"logGroupName": declared.physical_name, "retentionInDays": number(props.get("RetentionInDays")),
            "kmsKeyId": props.get("KmsKeyId"), "logGroupClass": props.get("LogGroupClass")}


CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::IAM::Role": CfnShape("aws.iam.role", _role, _role_id, name_property="RoleName"),
    "AWS::KMS::Key": CfnShape("aws.kms.key", _key, lambda d: d.arn("kms", f"key/{d.stack}-{d.logical_id}"),
                              unknown=("key_state",)),
    "AWS::SSM::Parameter": CfnShape("aws.ssm.parameter", _parameter,
                                    lambda d: d.arn("ssm", f"parameter/{d.physical_name.lstrip('/')}"),
                                    name_property="Name", unknown=("version", "last_modified")),
    "AWS::Logs::LogGroup": CfnShape("aws.logs.log_group", _log_group, lambda d: d.arn("logs", f"log-group:{d.physical_name}"),
                                    name_property="LogGroupName", unknown=("stored_bytes", "metric_filter_count", "created")),
}

CLOUDFORMATION_PARTS: dict[str, tuple[CfnPart, ...]] = {
    "AWS::KMS::Alias": (CfnPart("aliases", "TargetKeyId"),),
    POLICY_ATTACHMENT: (CfnPart("attachments", "RoleName"),),
}


# --- Terraform ------------------------------------------------------------------------------------------------------


def _policy_document(value: object) -> object:
    try:
        return json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return None


TERRAFORM: dict[str, TfShape] = {
    "aws_iam_role": TfShape("AWS::IAM::Role", renamed({
        "RoleName": "name", "Path": "path", "AssumeRolePolicyDocument": lambda a: _policy_document(a.get("assume_role_policy")),
        "ManagedPolicyArns": "managed_policy_arns", "MaxSessionDuration": "max_session_duration",
        "Policies": lambda a: [{"PolicyName": policy.get("name")} for policy in listed(a.get("inline_policy")) if policy.get("name")]}),
        resource_id=arn_attribute),
    "aws_iam_role_policy_attachment": TfShape(PART_ONLY, lambda a: {}, parts=lambda a: [
        (POLICY_ATTACHMENT, {"RoleName": a.get("role"), "PolicyArn": a.get("policy_arn")})]),
    "aws_kms_key": TfShape("AWS::KMS::Key", renamed({
        "Description": "description", "KeyUsage": "key_usage", "KeySpec": "customer_master_key_spec",
        "MultiRegion": "multi_region"}), resource_id=arn_attribute, name=lambda a: a.get("key_id")),
    "aws_kms_alias": TfShape(PART_ONLY, lambda a: {}, parts=lambda a: [
        ("AWS::KMS::Alias", {"AliasName": a.get("name"), "TargetKeyId": a.get("target_key_arn") or a.get("target_key_id")})]),
    "aws_ssm_parameter": TfShape("AWS::SSM::Parameter", renamed({
        "Name": "name", "Type": "type", "Tier": "tier", "DataType": "data_type", "Description": "description"}),
        resource_id=arn_attribute),
    "aws_cloudwatch_log_group": TfShape("AWS::Logs::LogGroup", renamed({
        "LogGroupName": "name", "RetentionInDays": "retention_in_days", "KmsKeyId": "kms_key_id",
        "LogGroupClass": "log_group_class"}), resource_id=arn_attribute),
}
