"""Seed: APIs and eventing (API Gateway REST, HTTP and WebSocket APIs, EventBridge buses and rules, a Step
Functions state machine, Kinesis streams, Lambda event source mappings, SSM parameters, CloudWatch alarms),
in moto over real HTTP.

Runs after the coverage module's own seeds: the `thumbnailer` function, the `jobs` queue, the `uploads` topic,
the `timeline` table (with its stream), the transcoder instance, the ALB, `pg-main` and the KMS key exist.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

ACCOUNT = "123456789012"
REGION = "us-west-2"
SECURE_VALUE = "postgres://app:seed-parameter-secret@db.internal/social"  # must never reach the inventory
STATE_MACHINE_API_KEY = "sk-live-seed-0123456789"  # a secret literal inside a definition: redacted
CLICKSTREAM_INCOMING_BYTES = (3_000_000_000, 2_000_000_000)  # two daily IncomingBytes datapoints


def seed(clients_in: Any, seeded: Any) -> None:
    west = clients_in(REGION)
    _apis(west, seeded)
    _streams(west, clients_in("eu-west-1"), seeded)
    _state_machine(west, seeded)
    _events(west, seeded)
    _mappings(west, seeded)
    _parameters(west, seeded)
    _alarms(west, seeded)


def _invocation_uri(function_arn: str) -> str:
    return f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function_arn}/invocations"


def _rest_api(clients: Any, seeded: Any) -> None:
    gateway = clients("apigateway")
    api = gateway.create_rest_api(name="public-api", tags={"team": "api"}, endpointConfiguration={"types": ["REGIONAL"]})
    root = gateway.get_resources(restApiId=api["id"])["items"][0]["id"]
    posts = gateway.create_resource(restApiId=api["id"], parentId=root, pathPart="posts")["id"]
    post = gateway.create_resource(restApiId=api["id"], parentId=posts, pathPart="{id}")["id"]
    for resource, method in ((posts, "GET"), (posts, "POST"), (post, "GET")):
        gateway.put_method(restApiId=api["id"], resourceId=resource, httpMethod=method, authorizationType="NONE")
    for method in ("GET", "POST"):
        gateway.put_integration(restApiId=api["id"], resourceId=posts, httpMethod=method, type="AWS_PROXY",
                                integrationHttpMethod="POST", uri=_invocation_uri(seeded["function"]))
    gateway.put_integration(restApiId=api["id"], resourceId=post, httpMethod="GET", type="HTTP_PROXY",
                            integrationHttpMethod="GET", uri="https://legacy.social.example/posts/{id}?token=seed-token")
    gateway.create_deployment(restApiId=api["id"], stageName="prod")
    seeded["rest_api"] = f"arn:aws:apigateway:{REGION}::/restapis/{api['id']}"


def _http_and_websocket_apis(clients: Any, seeded: Any) -> None:
    gateway = clients("apigatewayv2")
    http = gateway.create_api(Name="feed-api", ProtocolType="HTTP", Tags={"team": "feed"})["ApiId"]
    integration = gateway.create_integration(ApiId=http, IntegrationType="AWS_PROXY", IntegrationUri=seeded["function"],
                                             PayloadFormatVersion="2.0")["IntegrationId"]
    for route_key in ("GET /feed", "POST /feed/{id}"):
        gateway.create_route(ApiId=http, RouteKey=route_key, Target=f"integrations/{integration}")
    gateway.create_stage(ApiId=http, StageName="$default", AutoDeploy=True)
    live = gateway.create_api(Name="live-ws", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")["ApiId"]
    ws_integration = gateway.create_integration(ApiId=live, IntegrationType="AWS_PROXY", IntegrationUri=seeded["function"])["IntegrationId"]
    for route_key in ("$connect", "$default"):
        gateway.create_route(ApiId=live, RouteKey=route_key, Target=f"integrations/{ws_integration}")
    seeded["http_api"] = f"arn:aws:apigateway:{REGION}::/apis/{http}"
    seeded["ws_api"] = f"arn:aws:apigateway:{REGION}::/apis/{live}"


def _apis(clients: Any, seeded: Any) -> None:
    _rest_api(clients, seeded)
    _http_and_websocket_apis(clients, seeded)


def _streams(clients: Any, eu_clients: Any, seeded: Any) -> None:
    kinesis = clients("kinesis")
    kinesis.create_stream(StreamName="clickstream", ShardCount=2)
    kinesis.increase_stream_retention_period(StreamName="clickstream", RetentionPeriodHours=48)
    stream = kinesis.describe_stream_summary(StreamName="clickstream")["StreamDescriptionSummary"]["StreamARN"]
    now = datetime.now(UTC)
    clients("cloudwatch").put_metric_data(Namespace="AWS/Kinesis", MetricData=[
        {"MetricName": "IncomingBytes", "Dimensions": [{"Name": "StreamName", "Value": "clickstream"}], "Value": value,
         "Timestamp": now - timedelta(hours=6 + 24 * day), "Unit": "Bytes"}
        for day, value in enumerate(CLICKSTREAM_INCOMING_BYTES)
    ])
    eu_clients("kinesis").create_stream(StreamName="audit", StreamModeDetails={"StreamMode": "ON_DEMAND"})
    seeded["stream"] = stream
    seeded["eu_stream"] = f"arn:aws:kinesis:eu-west-1:{ACCOUNT}:stream/audit"


def _definition(seeded: Any, jobs_url: str) -> dict[str, Any]:
    return {
        "StartAt": "Thumbnail",
        "States": {
            "Thumbnail": {"Type": "Task", "Resource": seeded["function"], "Next": "Enqueue"},
            "Enqueue": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                        "Parameters": {"QueueUrl": jobs_url, "MessageBody.$": "$"}, "Next": "Notify"},
            "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                       "Parameters": {"TopicArn": seeded["topic"], "Message.$": "$", "ApiKey": STATE_MACHINE_API_KEY},
                       "Next": "Fanout"},
            "Fanout": {"Type": "Parallel", "End": True, "Branches": [
                {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}]},
        },
    }


def _state_machine(clients: Any, seeded: Any) -> None:
    jobs_url = clients("sqs").get_queue_url(QueueName="jobs")["QueueUrl"]
    machine = clients("stepfunctions").create_state_machine(
        name="order-flow", definition=json.dumps(_definition(seeded, jobs_url)), roleArn=seeded["role"],
        tags=[{"key": "team", "value": "orders"}])["stateMachineArn"]
    seeded["state_machine"] = machine
    seeded["jobs_url"] = jobs_url


def _events(clients: Any, seeded: Any) -> None:
    events = clients("events")
    seeded["bus"] = events.create_event_bus(Name="orders-bus", Tags=[{"Key": "team", "Value": "orders"}])["EventBusArn"]
    seeded["default_bus"] = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/default"
    seeded["rule_nightly"] = events.put_rule(Name="nightly-report", ScheduleExpression="cron(0 3 * * ? *)")["RuleArn"]
    events.put_targets(Rule="nightly-report", Targets=[
        {"Id": "report", "Arn": seeded["function"]},
        {"Id": "flow", "Arn": seeded["state_machine"], "RoleArn": seeded["role"], "Input": json.dumps({"token": "seed-input-secret"})},
    ])
    seeded["rule_rate"] = events.put_rule(Name="every-5-minutes", ScheduleExpression="rate(5 minutes)")["RuleArn"]
    events.put_targets(Rule="every-5-minutes", Targets=[{"Id": "jobs", "Arn": seeded["jobs"]}])
    pattern = {"source": ["shop.orders"], "detail-type": ["OrderPlaced"]}
    seeded["rule_orders"] = events.put_rule(Name="order-placed", EventBusName="orders-bus", EventPattern=json.dumps(pattern))["RuleArn"]
    events.put_targets(Rule="order-placed", EventBusName="orders-bus", Targets=[
        {"Id": "jobs", "Arn": seeded["jobs"]},
        {"Id": "thumbs", "Arn": f"{seeded['function']}:live", "InputPath": "$.detail"},
        {"Id": "flow", "Arn": seeded["state_machine"], "RoleArn": seeded["role"]},
    ])


def _mappings(clients: Any, seeded: Any) -> None:
    functions = clients("lambda")
    table_stream = clients("dynamodb").describe_table(TableName="timeline")["Table"]["LatestStreamArn"]
    seeded["esm_queue"] = functions.create_event_source_mapping(
        EventSourceArn=seeded["jobs"], FunctionName="thumbnailer", BatchSize=10)["EventSourceMappingArn"]
    seeded["esm_stream"] = functions.create_event_source_mapping(
        EventSourceArn=seeded["stream"], FunctionName=seeded["function"], StartingPosition="LATEST",
        BatchSize=100)["EventSourceMappingArn"]
    seeded["esm_table"] = functions.create_event_source_mapping(
        EventSourceArn=table_stream, FunctionName="thumbnailer", StartingPosition="TRIM_HORIZON")["EventSourceMappingArn"]


def _parameters(clients: Any, seeded: Any) -> None:
    ssm = clients("ssm")
    ssm.put_parameter(Name="/social/db/url", Value=SECURE_VALUE, Type="SecureString", Tags=[{"Key": "team", "Value": "db"}])
    ssm.put_parameter(Name="/social/feature-flags", Value="dark-mode,new-feed", Type="StringList")
    ssm.put_parameter(Name="social-region", Value="us-west-2", Type="String", Tier="Advanced", Description="home region")
    arn = f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/"
    seeded["param_secure"], seeded["param_list"], seeded["param_plain"] = (
        f"{arn}social/db/url", f"{arn}social/feature-flags", f"{arn}social-region")


ALARMS: dict[str, tuple[str, str, str, str, float, str]] = {
    # name: (namespace, metric, dimension, seeded key of its value, threshold, comparison)
    "transcoder-cpu-high": ("AWS/EC2", "CPUUtilization", "InstanceId", "instance", 80, "GreaterThanThreshold"),
    "jobs-backlog-age": ("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", "jobs", 600, "GreaterThanOrEqualToThreshold"),
    "web-alb-5xx": ("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", "alb", 10, "GreaterThanThreshold"),
    "pg-main-cpu": ("AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "rds_primary", 90, "GreaterThanThreshold"),
    "thumbnailer-errors": ("AWS/Lambda", "Errors", "FunctionName", "function", 1, "GreaterThanOrEqualToThreshold"),
    "signups-low": ("Social/App", "Signups", "Environment", "", 5, "LessThanThreshold"),
}


def _dimension_value(dimension: str, key: str, seeded: Any) -> str:
    if not key:
        return "prod"
    value = seeded[key]
    if dimension == "LoadBalancer":
        return value.split(":loadbalancer/", 1)[1]  # app/<name>/<id>
    return value.rsplit(":", 1)[-1] if value.startswith("arn:") else value


def _alarms(clients: Any, seeded: Any) -> None:
    cloudwatch = clients("cloudwatch")
    for name, (namespace, metric, dimension, key, threshold, comparison) in ALARMS.items():
        cloudwatch.put_metric_alarm(
            AlarmName=name, Namespace=namespace, MetricName=metric, Statistic="Sum" if "Count" in metric else "Average",
            Dimensions=[{"Name": dimension, "Value": _dimension_value(dimension, key, seeded)}], Period=300,
            EvaluationPeriods=2, Threshold=threshold, ComparisonOperator=comparison, AlarmActions=[seeded["topic"]],
        )
        seeded[f"alarm_{name}"] = f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:{name}"
