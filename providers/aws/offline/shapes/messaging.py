"""Queues, topics, functions, streams, state machines and event rules in templates."""

from __future__ import annotations

import json
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
    number,
    renamed,
)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)


def _queue(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    attributes = {
        "QueueArn": declared.id,
        "FifoQueue": _text(flag(props.get("FifoQueue")) or declared.physical_name.endswith(".fifo")),
        "VisibilityTimeout": _text(props.get("VisibilityTimeout")),
        "MessageRetentionPeriod": _text(props.get("MessageRetentionPeriod")),
        "MaximumMessageSize": _text(props.get("MaximumMessageSize")),
        "RedrivePolicy": _text(props.get("RedrivePolicy")),
        "KmsMasterKeyId": props.get("KmsMasterKeyId"),
        "SqsManagedSseEnabled": _text(props.get("SqsManagedSseEnabled")),
        "ContentBasedDeduplication": _text(props.get("ContentBasedDeduplication")),
    }
    url = f"https://sqs.{declared.region}.amazonaws.com/{declared.account_id}/{declared.physical_name}"
    return {"_value": url, "_attributes": {key: value for key, value in attributes.items() if value is not None}}


def _topic(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    subscriptions = [*listed(props.get("Subscription")), *(part.props for part in neighbours.parts(declared.id, "subscriptions"))]
    return {
        "TopicArn": declared.id,
        "_attributes": {"FifoTopic": _text(flag(props.get("FifoTopic"))), "KmsMasterKeyId": props.get("KmsMasterKeyId"),
                        "ContentBasedDeduplication": _text(flag(props.get("ContentBasedDeduplication")))},
        "_subscriptions": [{"Protocol": entry.get("Protocol"), "Endpoint": entry.get("Endpoint")} for entry in subscriptions],
    }


def _function(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    variables = (props.get("Environment") or {}).get("Variables") or {}
    return {
        "FunctionName": declared.physical_name,
        "Runtime": props.get("Runtime"),
        "MemorySize": number(props.get("MemorySize", 128)),
        "Timeout": number(props.get("Timeout", 3)),
        "Handler": props.get("Handler"),
        "Architectures": listed(props.get("Architectures")) or ["x86_64"],
        "PackageType": props.get("PackageType", "Zip"),
        "Environment": {"Variables": dict.fromkeys(variables)},  # names only: values never leave the template
        "VpcConfig": props.get("VpcConfig") or {},
        "Role": props.get("Role"),
        "EphemeralStorage": props.get("EphemeralStorage") or {},
        "Layers": [{"Arn": layer} for layer in listed(props.get("Layers"))],
    }


def _function_arn(neighbours: Neighbours, declared: Declared, value: Any) -> Any:
    found = neighbours.find(value)
    if found is not None:
        return found.id
    text = str(value or "")
    return text if text.startswith("arn:") else declared.arn("lambda", f"function:{text}")


def _event_source_mapping(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    item = {key: props.get(key) for key in (
        "EventSourceArn", "BatchSize", "MaximumBatchingWindowInSeconds", "StartingPosition", "ParallelizationFactor",
        "MaximumRetryAttempts", "BisectBatchOnFunctionError", "DestinationConfig", "FilterCriteria",
        "FunctionResponseTypes", "Topics", "SelfManagedEventSource")}
    item["FunctionArn"] = _function_arn(neighbours, declared, props.get("FunctionName"))
    item["State"] = "Disabled" if flag(props.get("Enabled")) is False else "Enabled"
    item["EventSourceMappingArn"] = declared.id
    return {key: value for key, value in item.items() if value is not None}


def _table(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "TableName": declared.physical_name,
        "TableArn": declared.id,
        "BillingModeSummary": {"BillingMode": props.get("BillingMode", "PROVISIONED")},
        "ProvisionedThroughput": {key: number(value) for key, value in (props.get("ProvisionedThroughput") or {}).items()},
        "KeySchema": listed(props.get("KeySchema")),
        "GlobalSecondaryIndexes": listed(props.get("GlobalSecondaryIndexes")),
        "LocalSecondaryIndexes": listed(props.get("LocalSecondaryIndexes")),
        "StreamSpecification": {"StreamEnabled": bool(props.get("StreamSpecification"))},
        "TableClassSummary": {"TableClass": props.get("TableClass", "STANDARD")},
        "TableStatus": "ACTIVE",
    }


def _stream(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    encryption = props.get("StreamEncryption") or {}
    return {
        "StreamName": declared.physical_name,
        "StreamARN": declared.id,
        "_summary": {
            "StreamModeDetails": props.get("StreamModeDetails") or {"StreamMode": "PROVISIONED"},
            "OpenShardCount": number(props.get("ShardCount", 1 if not props.get("StreamModeDetails") else None)),
            "RetentionPeriodHours": number(props.get("RetentionPeriodHours")),
            "EncryptionType": encryption.get("EncryptionType", "NONE"),
            "KeyId": encryption.get("KeyId"),
            "StreamStatus": "ACTIVE",
        },
    }


def _definition(props: Item) -> str | None:
    definition = props.get("DefinitionString") or props.get("Definition")
    text = definition if isinstance(definition, str) or definition is None else json.dumps(definition)
    for name, value in (props.get("DefinitionSubstitutions") or {}).items():
        text = text.replace("${" + name + "}", str(value)) if text else text
    return text


def _state_machine(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    return {
        "name": declared.physical_name,
        "_described": {
            "definition": _definition(props),
            "roleArn": props.get("RoleArn"),
            "type": props.get("StateMachineType", "STANDARD"),
            "status": "ACTIVE",
            "loggingConfiguration": camel_keys(props.get("LoggingConfiguration")),
            "tracingConfiguration": camel_keys(props.get("TracingConfiguration")),
        },
    }


def camel_keys(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    return {key[:1].lower() + key[1:]: entry for key, entry in value.items()}


def _bus_arn(declared: Declared, bus: Any, neighbours: Neighbours) -> str:
    found = neighbours.find(bus)
    if found is not None:
        return found.id
    text = str(bus or "default")
    return text if text.startswith("arn:") else declared.arn("events", f"event-bus/{text}")


def _rule(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    bus = props.get("EventBusName") or "default"
    bus_name = neighbours.find(bus).physical_name if neighbours.find(bus) else str(bus).rsplit("/", 1)[-1]
    pattern = props.get("EventPattern")
    return {
        "ScheduleExpression": props.get("ScheduleExpression"),
        "EventPattern": pattern if isinstance(pattern, str) or pattern is None else json.dumps(pattern),
        "State": props.get("State", "ENABLED"),
        "Description": props.get("Description"),
        "_targets": [*listed(props.get("Targets")), *(part.props for part in neighbours.parts(declared.id, "targets"))],
        "_parent": {"Name": bus_name, "Arn": _bus_arn(declared, bus, neighbours)},
    }


def _rule_id(declared: Declared) -> str:
    bus = str(declared.props.get("EventBusName") or "default")
    path = f"rule/{declared.physical_name}" if bus == "default" else f"rule/{bus.rsplit('/', 1)[-1]}/{declared.physical_name}"
    return declared.arn("events", path)


def _bus(declared: Declared, neighbours: Neighbours) -> Item:
    return {"Name": declared.physical_name, "Description": declared.props.get("Description"),
            "Policy": next((part.props for part in neighbours.parts(declared.id, "policies")), None)}


CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::Events::EventBus": CfnShape("aws.events.event_bus", _bus, arn_of("events", "event-bus/{name}"),
                                      name_property="Name"),
    "AWS::SQS::Queue": CfnShape("aws.sqs.queue", _queue, arn_of("sqs", "{name}"), name_property="QueueName",
                                unknown=("approx_messages", "approx_messages_in_flight")),
    "AWS::SNS::Topic": CfnShape("aws.sns.topic", _topic, arn_of("sns", "{name}"), name_property="TopicName"),
    "AWS::Lambda::Function": CfnShape("aws.lambda.function", _function, arn_of("lambda", "function:{name}"),
                                      name_property="FunctionName", unknown=("code_size_bytes",)),
    "AWS::Lambda::EventSourceMapping": CfnShape("aws.lambda.event_source_mapping", _event_source_mapping,
                                                arn_of("lambda", "event-source-mapping:{name}"), tags_property=""),
    "AWS::DynamoDB::Table": CfnShape("aws.dynamodb.table", _table, arn_of("dynamodb", "table/{name}"),
                                     name_property="TableName", unknown=("size_bytes", "item_count")),
    "AWS::Kinesis::Stream": CfnShape("aws.kinesis.stream", _stream, arn_of("kinesis", "stream/{name}"),
                                     name_property="Name", unknown=("retained_bytes", "consumer_count")),
    "AWS::StepFunctions::StateMachine": CfnShape("aws.sfn.state_machine", _state_machine,
                                                 arn_of("states", "stateMachine:{name}"), name_property="StateMachineName"),
    "AWS::Events::Rule": CfnShape("aws.events.rule", _rule, _rule_id, name_property="Name"),
}

CLOUDFORMATION_PARTS: dict[str, tuple[CfnPart, ...]] = {
    "AWS::SNS::Subscription": (CfnPart("subscriptions", "TopicArn"),),
    "Planner::Events::Target": (CfnPart("targets", "Rule"),),  # Terraform's aws_cloudwatch_event_target
    "AWS::Events::EventBusPolicy": (CfnPart("policies", "EventBusName"),),
}


# --- Terraform ------------------------------------------------------------------------------------------------------


def _json(value: Any) -> Any:
    try:
        return json.loads(value) if isinstance(value, str) and value.strip() else value
    except ValueError:
        return value


def _tf_key_schema(attributes: Attributes) -> list[dict[str, Any]]:
    keys = [("hash_key", "HASH"), ("range_key", "RANGE")]
    return [{"AttributeName": attributes[name], "KeyType": kind} for name, kind in keys if attributes.get(name)]


def _tf_event_target(attributes: Attributes) -> list[tuple[str, Props]]:
    target = {"Rule": attributes.get("rule"), "Id": attributes.get("target_id"), "Arn": attributes.get("arn"),
              "RoleArn": attributes.get("role_arn") or None,
              "DeadLetterConfig": {"Arn": block(attributes, "dead_letter_config").get("arn")}
              if block(attributes, "dead_letter_config") else None}
    return [(EVENT_TARGET, {key: value for key, value in target.items() if value is not None})]


EVENT_TARGET = "Planner::Events::Target"
ARN_PREFIX = "arn:{partition}"  # the reader fills in partition, region and account

TERRAFORM: dict[str, TfShape] = {
    "aws_cloudwatch_event_bus": TfShape("AWS::Events::EventBus", renamed({"Name": "name", "Description": "description"}),
                                        resource_id=arn_attribute),
    "aws_sqs_queue": TfShape("AWS::SQS::Queue", renamed({
        "QueueName": "name", "FifoQueue": "fifo_queue", "VisibilityTimeout": "visibility_timeout_seconds",
        "MessageRetentionPeriod": "message_retention_seconds", "MaximumMessageSize": "max_message_size",
        "RedrivePolicy": lambda a: _json(a.get("redrive_policy")), "KmsMasterKeyId": "kms_master_key_id",
        "SqsManagedSseEnabled": "sqs_managed_sse_enabled", "ContentBasedDeduplication": "content_based_deduplication"}),
        resource_id=arn_attribute),
    "aws_sns_topic": TfShape("AWS::SNS::Topic", renamed({
        "TopicName": "name", "FifoTopic": "fifo_topic", "KmsMasterKeyId": "kms_master_key_id",
        "ContentBasedDeduplication": "content_based_deduplication"}), resource_id=arn_attribute),
    "aws_sns_topic_subscription": TfShape(PART_ONLY, lambda a: {}, parts=lambda a: [("AWS::SNS::Subscription", {
        "TopicArn": a.get("topic_arn"), "Protocol": a.get("protocol"), "Endpoint": a.get("endpoint")})]),
    "aws_lambda_function": TfShape("AWS::Lambda::Function", renamed({
        "FunctionName": "function_name", "Runtime": "runtime", "MemorySize": "memory_size", "Timeout": "timeout",
        "Handler": "handler", "Architectures": "architectures", "PackageType": "package_type", "Role": "role",
        "Layers": "layers",
        "Environment": lambda a: {"Variables": dict.fromkeys(block(a, "environment").get("variables") or {})},
        "VpcConfig": lambda a: {"SubnetIds": listed(block(a, "vpc_config").get("subnet_ids")),
                                "SecurityGroupIds": listed(block(a, "vpc_config").get("security_group_ids"))},
        "EphemeralStorage": lambda a: {"Size": block(a, "ephemeral_storage").get("size")}}),
        resource_id=lambda a: a.get("arn"), name=lambda a: a.get("function_name")),
    "aws_lambda_event_source_mapping": TfShape("AWS::Lambda::EventSourceMapping", renamed({
        "EventSourceArn": "event_source_arn", "FunctionName": lambda a: a.get("function_arn") or a.get("function_name"),
        "BatchSize": "batch_size", "MaximumBatchingWindowInSeconds": "maximum_batching_window_in_seconds",
        "StartingPosition": "starting_position", "Enabled": "enabled", "ParallelizationFactor": "parallelization_factor",
        "MaximumRetryAttempts": "maximum_retry_attempts", "BisectBatchOnFunctionError": "bisect_batch_on_function_error",
        "FunctionResponseTypes": "function_response_types"}),
        resource_id=lambda a: a.get("arn") or f"{ARN_PREFIX}:lambda:{{region}}:{{account}}:event-source-mapping:{a.get('uuid')}",
        name=lambda a: a.get("uuid")),
    "aws_dynamodb_table": TfShape("AWS::DynamoDB::Table", renamed({
        "TableName": "name", "BillingMode": "billing_mode", "KeySchema": _tf_key_schema, "TableClass": "table_class",
        "ProvisionedThroughput": lambda a: {"ReadCapacityUnits": a.get("read_capacity"),
                                            "WriteCapacityUnits": a.get("write_capacity")}
        if a.get("billing_mode") != "PAY_PER_REQUEST" else None,
        "GlobalSecondaryIndexes": "global_secondary_index", "LocalSecondaryIndexes": "local_secondary_index",
        "StreamSpecification": lambda a: {"StreamViewType": a.get("stream_view_type")} if a.get("stream_enabled") else None}),
        resource_id=arn_attribute),
    "aws_kinesis_stream": TfShape("AWS::Kinesis::Stream", renamed({
        "Name": "name", "ShardCount": "shard_count", "RetentionPeriodHours": "retention_period",
        "StreamModeDetails": lambda a: {"StreamMode": block(a, "stream_mode_details").get("stream_mode")}
        if block(a, "stream_mode_details") else None,
        "StreamEncryption": lambda a: {"EncryptionType": a.get("encryption_type"), "KeyId": a.get("kms_key_id")}
        if a.get("encryption_type") == "KMS" else None}), resource_id=arn_attribute),
    "aws_sfn_state_machine": TfShape("AWS::StepFunctions::StateMachine", renamed({
        "StateMachineName": "name", "DefinitionString": "definition", "RoleArn": "role_arn", "StateMachineType": "type"}),
        resource_id=arn_attribute),
    "aws_cloudwatch_event_rule": TfShape("AWS::Events::Rule", renamed({
        "Name": "name", "ScheduleExpression": "schedule_expression", "EventPattern": "event_pattern",
        "State": lambda a: a.get("state") or ("DISABLED" if a.get("is_enabled") is False else "ENABLED"),
        "Description": "description", "EventBusName": "event_bus_name"}), resource_id=arn_attribute),
    "aws_cloudwatch_event_target": TfShape(PART_ONLY, lambda a: {}, parts=_tf_event_target),
}
