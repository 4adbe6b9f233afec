"""Certificates, secrets (never their values), alarms, user pools and mail identities in templates and state."""

from __future__ import annotations

from providers.aws.offline.declared import (
    CfnPart,
    CfnShape,
    Declared,
    Item,
    Neighbours,
    TfShape,
    arn_attribute,
    arn_of,
    block,
    listed,
    number,
    renamed,
)


def _certificate(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {"DomainName": props.get("DomainName"), "SubjectAlternativeNames": listed(props.get("SubjectAlternativeNames")),
            "Type": "AMAZON_ISSUED" if not props.get("CertificateAuthorityArn") else "PRIVATE",
            "KeyAlgorithm": props.get("KeyAlgorithm", "RSA_2048")}


def _secret(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props  # SecretString and GenerateSecretString are never read
    return {"KmsKeyId": props.get("KmsKeyId"), "Description": props.get("Description"),
            "RotationEnabled": any(part for part in neighbours.parts(declared.id, "rotations"))}


def _alarm(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "Namespace": props.get("Namespace"), "MetricName": props.get("MetricName"), "Statistic": props.get("Statistic"),
        "ExtendedStatistic": props.get("ExtendedStatistic"), "Period": number(props.get("Period")),
        "EvaluationPeriods": number(props.get("EvaluationPeriods")), "DatapointsToAlarm": number(props.get("DatapointsToAlarm")),
        "Threshold": props.get("Threshold"), "ComparisonOperator": props.get("ComparisonOperator"),
        "TreatMissingData": props.get("TreatMissingData"), "Unit": props.get("Unit"),
        "Dimensions": listed(props.get("Dimensions")), "Metrics": listed(props.get("Metrics")),
        "ActionsEnabled": props.get("ActionsEnabled", True), "AlarmActions": listed(props.get("AlarmActions")),
        "OKActions": listed(props.get("OKActions")), "InsufficientDataActions": listed(props.get("InsufficientDataActions")),
    }


def _user_pool(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {"_pool": {
        "MfaConfiguration": props.get("MfaConfiguration", "OFF"), "UsernameAttributes": listed(props.get("UsernameAttributes")),
        "AliasAttributes": listed(props.get("AliasAttributes")),
        "AutoVerifiedAttributes": listed(props.get("AutoVerifiedAttributes")),
        "Policies": props.get("Policies") or {}, "LambdaConfig": props.get("LambdaConfig") or {},
        "SchemaAttributes": [{**attribute, "Name": f"custom:{attribute.get('Name')}"}
                             for attribute in listed(props.get("Schema")) if attribute.get("Mutable") is not None],
        "UserPoolTier": props.get("UserPoolTier"), "DeletionProtection": props.get("DeletionProtection")},
        "_clients": [part.physical_name for part in neighbours.parts(declared.id, "clients")]}


def _identity(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    dkim = props.get("DkimAttributes") or {}
    return {"_value": declared.physical_name, "_identity": {
        "DkimAttributes": {"SigningEnabled": dkim.get("SigningEnabled", True)},
        "MailFromAttributes": {"MailFromDomain": (props.get("MailFromAttributes") or {}).get("MailFromDomain")},
        "ConfigurationSetName": (props.get("ConfigurationSetAttributes") or {}).get("ConfigurationSetName")}}


CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::CertificateManager::Certificate": CfnShape(
        "aws.acm.certificate", _certificate, arn_of("acm", "certificate/{name}"), name_property="DomainName",
        unknown=("status", "in_use_by", "not_after", "renewal_eligibility")),
    "AWS::SecretsManager::Secret": CfnShape("aws.secretsmanager.secret", _secret, arn_of("secretsmanager", "secret:{name}"),
                                            name_property="Name", unknown=("last_changed_date", "last_accessed_date")),
    "AWS::CloudWatch::Alarm": CfnShape("aws.cloudwatch.alarm", _alarm, arn_of("cloudwatch", "alarm:{name}"),
                                       name_property="AlarmName", unknown=("state",)),
    "AWS::Cognito::UserPool": CfnShape("aws.cognito.user_pool", _user_pool, arn_of("cognito-idp", "userpool/{name}"),
                                       name_property="UserPoolName", tags_property="UserPoolTags",
                                       unknown=("estimated_users", "domain")),
    "AWS::SES::EmailIdentity": CfnShape("aws.ses.identity", _identity, arn_of("ses", "identity/{name}"),
                                        name_property="EmailIdentity", tags_property="",
                                        unknown=("verification_status", "verified_for_sending", "dkim_status")),
}

CLOUDFORMATION_PARTS: dict[str, tuple[CfnPart, ...]] = {
    "AWS::SecretsManager::RotationSchedule": (CfnPart("rotations", "SecretId"),),
    "AWS::Cognito::UserPoolClient": (CfnPart("clients", "UserPoolId"),),
}

TERRAFORM: dict[str, TfShape] = {
    "aws_acm_certificate": TfShape("AWS::CertificateManager::Certificate", renamed({
        "DomainName": "domain_name", "SubjectAlternativeNames": "subject_alternative_names",
        "KeyAlgorithm": "key_algorithm"}), resource_id=arn_attribute, name=lambda a: a.get("domain_name")),
    "aws_secretsmanager_secret": TfShape("AWS::SecretsManager::Secret", renamed({
        "Name": "name", "KmsKeyId": "kms_key_id", "Description": "description"}), resource_id=arn_attribute),
    "aws_cloudwatch_metric_alarm": TfShape("AWS::CloudWatch::Alarm", renamed({
        "AlarmName": "alarm_name", "Namespace": "namespace", "MetricName": "metric_name", "Statistic": "statistic",
        "Period": "period", "EvaluationPeriods": "evaluation_periods", "Threshold": "threshold",
        "ComparisonOperator": "comparison_operator", "TreatMissingData": "treat_missing_data",
        "AlarmActions": "alarm_actions", "OKActions": "ok_actions",
        "Dimensions": lambda a: [{"Name": key, "Value": value} for key, value in (a.get("dimensions") or {}).items()]}),
        resource_id=arn_attribute, name=lambda a: a.get("alarm_name")),
    "aws_cognito_user_pool": TfShape("AWS::Cognito::UserPool", renamed({
        "UserPoolName": "name", "MfaConfiguration": "mfa_configuration", "UsernameAttributes": "username_attributes",
        "AutoVerifiedAttributes": "auto_verified_attributes",
        "Policies": lambda a: {"PasswordPolicy": {"MinimumLength": block(a, "password_policy").get("minimum_length")}}}),
        resource_id=arn_attribute),
}
