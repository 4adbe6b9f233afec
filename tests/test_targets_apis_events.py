"""APIs and eventing on both targets: what each type maps to, and what the builders create under Pulumi's mocks
(real pulumi-gcp / pulumi-aws classes); the seeded moto account planned end to end."""

from __future__ import annotations

import base64
import json
from functools import cache
from pathlib import Path
from typing import Any

import pulumi
import pytest
import test_inventory_coverage as coverage
from test_inventory_coverage import Seeded

from planner.core.aws_ids import contains_aws_id
from planner.core.model.inventory import Inventory
from planner.core.model.plan import Plan, PlanItem
from planner.planning.engine import build_plan
from planner.pulumi_mocks import MockRun, run_under_mocks
from providers.gcp.kinds._schedule import pubsub_filter, unix_schedule
from providers.gcp.kinds.api import gateway_region
from stacks.aws._eventing import partition_of

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
OUR_KEYS = (
    "aws.apigateway.rest_api", "aws.apigatewayv2.api", "aws.events.event_bus", "aws.events.rule", "aws.sfn.state_machine",
    "aws.kinesis.stream", "aws.lambda.event_source_mapping", "aws.ssm.parameter", "aws.cloudwatch.alarm",
)
scanned = coverage.scanned  # the coverage module's one seeded scan, as a fixture of this module


@cache
def plan_of(target: str) -> Plan:
    return build_plan(Inventory.model_validate(json.loads(SYNTHETIC.read_text())), target)


def item(target: str, item_id: str) -> PlanItem:
    return plan_of(target).by_id()[item_id]


def spec(target: str, item_id: str) -> dict[str, Any]:
    return item(target, item_id).target or {}


def ours(plan: Plan) -> list[PlanItem]:
    return [entry for entry in plan.items if entry.source.key in OUR_KEYS]


def _run(target: str, config: dict[str, str] | None = None) -> MockRun:
    module = __import__(f"stacks.{target}", fromlist=["build"])

    def program() -> None:
        for name, value in module.build(plan_of(target)).items():
            pulumi.export(name, value)

    return run_under_mocks(program, config={"gcp:project": "demo", **(config or {})})


@pytest.fixture(scope="module")
def gcp_run() -> MockRun:
    return _run("gcp")


@pytest.fixture(scope="module")
def aws_run() -> MockRun:
    return _run("aws", {"planner:parameter-config-parameter-app-flags": "dark-mode,new-feed"})


def named(run: MockRun, name: str) -> Any:
    return next(resource for resource in run.resources if resource.name == name)


# --- the seeded account, end to end ----------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["gcp", "aws"])
def test_the_seeded_account_maps_with_few_manual_items(scanned: tuple[Seeded, Inventory], target: str) -> None:
    _, inventory = scanned
    items = ours(build_plan(inventory, target))
    statuses = {entry.status for entry in items}
    manual = [entry for entry in items if entry.status == "manual"]
    assert len(items) >= 20 and statuses <= {"mapped", "partial", "manual", "skipped"}
    if target == "aws":
        assert manual == []
    else:
        assert [entry.source.key for entry in manual] == ["aws.apigatewayv2.api"]  # the WebSocket API
        assert len(manual) <= 0.1 * len(items)
    assert not [entry.id for entry in items if entry.target and contains_aws_id(json.dumps(entry.target))]


# --- Google Cloud: mapping -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("expression", "expected"), [
    ("cron(0 3 * * ? *)", "0 3 * * *"),
    ("cron(15 10 ? * MON-FRI *)", "15 10 * * MON-FRI"),
    ("cron(0 8 ? * 2-6 *)", "0 8 * * 1-5"),
    ("rate(5 minutes)", "*/5 * * * *"),
    ("rate(1 minute)", "* * * * *"),
    ("rate(120 minutes)", "0 */2 * * *"),
    ("rate(1 hour)", "0 * * * *"),
    ("rate(1 day)", "0 0 * * *"),
    ("cron(0 12 L * ? *)", None),
    ("at(2026-01-01T00:00:00)", None),
])
def test_schedule_expressions_become_unix_cron(expression: str, expected: str | None) -> None:
    converted = unix_schedule(expression)
    assert converted.value == expected
    assert bool(converted.notes) == (expected is None)


def test_event_patterns_become_attribute_filters() -> None:
    both = pubsub_filter({"source": ["shop"], "detail-type": ["A", {"prefix": "Order"}]})
    assert both.value == 'attributes.source = "shop" AND (attributes.detail_type = "A" OR hasPrefix(attributes.detail_type, "Order"))'
    deep = pubsub_filter({"detail": {"status": ["paid"]}})
    assert deep.value is None and "consumer" in deep.notes[0]


def test_gcp_api_routes_go_to_the_rebuilt_function_or_the_backend_origin() -> None:
    public = spec("gcp", "api-public-api")
    routes = {(route["method"], route["path"]): route for route in public["routes"]}
    assert routes[("get", "/posts")]["backend_item"] == "function-thumbnailer"
    assert {method for method, path in routes if path == "/{proxy}"} == {"get", "post", "put", "patch", "delete", "head", "options"}
    assert routes[("post", "/{proxy}")]["backend_url"] == "https://legacy.example.com"
    assert public["region"] == "us-east4" and public["gateway_id"] == "public-api"
    assert item("gcp", "api-public-api").status == "partial"


def test_gcp_websocket_api_is_manual_with_the_work() -> None:
    live = item("gcp", "api-live")
    assert live.status == "manual" and live.target is None
    assert "WebSocket" in live.manual.reason and "Cloud Run" in live.manual.work


def test_gateway_regions_fall_back_to_the_nearest_offered() -> None:
    assert gateway_region("us-east4") == "us-east4"
    assert gateway_region("europe-west4") in {"europe-west1", "europe-west2"}


def test_gcp_buses_and_rules() -> None:
    assert item("gcp", "events-bus-default").status == "skipped"
    assert spec("gcp", "events-bus-orders")["type"] == "gcp.pubsub.event_bus"
    nightly = spec("gcp", "events-rule-nightly")
    assert (nightly["schedule"], nightly["time_zone"]) == ("0 3 * * MON-FRI", "Etc/UTC")
    assert nightly["targets"] == [{"kind": "function", "target_item": "function-thumbnailer"},
                                  {"kind": "workflow", "target_item": "workflow-order-flow"}]
    assert any("constant input" in note for note in item("gcp", "events-rule-nightly").notes)
    placed = spec("gcp", "events-rule-order-placed")
    assert placed["bus_item"] == "events-bus-orders" and placed["own_topic"] is None
    assert 'attributes.source = "shop.orders"' in placed["filter"]
    uploads = spec("gcp", "events-rule-s3-uploads")
    assert uploads["bus_item"] is None and uploads["own_topic"] and uploads["targets"] == [{"kind": "topic", "target_item": "stream-clicks"}]


def test_gcp_workflow_never_carries_the_definition() -> None:
    workflow = spec("gcp", "workflow-order-flow")
    assert workflow["type"] == "gcp.workflows.workflow" and "definition" not in workflow
    assert workflow["task_integrations"] == ["lambda:invoke", "sqs:sendMessage"]
    assert any("http.post" in note for note in item("gcp", "workflow-order-flow").notes)


def test_gcp_stream_parameters_and_triggers() -> None:
    stream = spec("gcp", "stream-clicks")
    assert (stream["topic_retention_seconds"], stream["subscription_retention_seconds"]) == (172_800, 172_800)
    assert item("gcp", "stream-clicks").data_bytes == 5_000_000_000
    assert spec("gcp", "config-parameter-app-db-url")["type"] == "gcp.secretmanager.parameter"
    assert spec("gcp", "config-parameter-app-flags")["type"] == "gcp.parametermanager.parameter"
    assert spec("gcp", "function-trigger-thumbnailer-jobs")["source_kind"] == "pubsub"
    assert spec("gcp", "function-trigger-thumbnailer-feed")["source_kind"] == "firestore"
    kafka = item("gcp", "function-trigger-thumbnailer-logs")
    assert kafka.status == "manual" and "kafka" in kafka.manual.reason


def test_gcp_alarms_watch_the_rebuilt_resources() -> None:
    cpu = spec("gcp", "monitoring-alarm-orders-cpu")
    assert cpu["metric_type"] == "cloudsql.googleapis.com/database/cpu/utilization" and cpu["threshold"] == pytest.approx(0.9)
    assert 'resource.labels.database_id = ends_with(":orders")' in cpu["filter"] and cpu["notify_items"] == ["topic-events"]
    assert 'starts_with("web-asg")' in spec("gcp", "monitoring-alarm-web-1-cpu")["filter"]  # a group member
    assert 'forwarding_rule_name = one_of("web-443")' in spec("gcp", "monitoring-alarm-web-5xx")["filter"]
    age = item("gcp", "monitoring-alarm-jobs-age")
    assert age.target["comparison"] == "COMPARISON_GT" and any(">= becomes >" in note for note in age.notes)
    custom = spec("gcp", "monitoring-alarm-signups-low")
    assert custom["custom_metric"] and custom["metric_type"] == "custom.googleapis.com/aws/Social/App/Signups"
    assert custom["metric_labels"] == ["environment"] and custom["comparison"] == "COMPARISON_LT"
    ebs = spec("gcp", "monitoring-alarm-archive-disk-queue")
    assert ebs["custom_metric"] and "vol-" not in ebs["filter"]  # source ids of AWS dimensions are dropped


# --- Google Cloud: stack under mocks ---------------------------------------------------------------------------


def test_gcp_gateway_document_routes_to_the_function_url(gcp_run: MockRun) -> None:
    config = named(gcp_run, "api-public-api-config")
    document = json.loads(base64.b64decode(config.inputs["openapiDocuments"][0]["document"]["contents"]))
    backend = document["paths"]["/posts"]["get"]["x-google-backend"]
    assert document["swagger"] == "2.0" and backend["address"] == "https://function-thumbnailer.mock.invalid"
    assert document["paths"]["/{proxy}"]["get"]["parameters"][0]["name"] == "proxy"
    assert named(gcp_run, "api-public-api-gateway").inputs["region"] == "us-east4"


def test_gcp_rules_become_jobs_subscriptions_and_triggers(gcp_run: MockRun) -> None:
    job = named(gcp_run, "events-rule-nightly-function-thumbnailer")
    assert job.type == "gcp:cloudscheduler/job:Job" and job.inputs["httpTarget"]["uri"] == "https://function-thumbnailer.mock.invalid"
    flow = named(gcp_run, "events-rule-nightly-workflow-order-flow")
    assert flow.inputs["httpTarget"]["uri"].endswith("/workflow-order-flow-id/executions")
    push = named(gcp_run, "events-rule-order-placed-to-function-thumbnailer")
    assert push.inputs["topic"] == "events-bus-orders-id" and push.inputs["filter"].startswith("(attributes.detail_type")
    trigger = named(gcp_run, "events-rule-order-placed-to-workflow-order-flow")
    assert trigger.inputs["destination"] == {"workflow": "workflow-order-flow-id"}


def test_gcp_triggers_workflows_streams_and_alerts(gcp_run: MockRun) -> None:
    jobs = named(gcp_run, "function-trigger-thumbnailer-jobs")
    # The jobs queue is fed by the events SNS topic only: its messages arrive on that topic's Pub/Sub topic.
    assert jobs.inputs["transport"] == {"pubsub": {"topic": "topic-events-id"}}
    assert named(gcp_run, "function-trigger-thumbnailer-clicks").inputs["transport"] == {"pubsub": {"topic": "stream-clicks-id"}}
    assert jobs.inputs["destination"]["cloudRunService"]["service"] == "thumbnailer"
    assert "raise:" in named(gcp_run, "workflow-order-flow").inputs["sourceContents"]
    assert named(gcp_run, "stream-clicks-sub").inputs["enableMessageOrdering"] is True
    policy = named(gcp_run, "monitoring-alarm-orders-cpu")
    assert policy.inputs["notificationChannels"] == ["topic-events-channel-id"]
    assert len(gcp_run.of_type("gcp:monitoring/notificationChannel:NotificationChannel")) == 1  # shared per topic
    assert named(gcp_run, "monitoring-alarm-signups-low-metric").inputs["type"] == "custom.googleapis.com/aws/Social/App/Signups"
    assert named(gcp_run, "config-parameter-app-flags").type == "gcp:parametermanager/parameter:Parameter"


# --- AWS: mapping ----------------------------------------------------------------------------------------------


def test_aws_state_machine_definition_points_at_the_rebuilt_resources() -> None:
    machine = spec("aws", "workflow-order-flow")
    definition = json.loads(machine["definition"])
    tokens = {ref["token"]: (ref["target_item"], ref["attribute"]) for ref in machine["references"]}
    assert tokens[definition["States"]["Thumb"]["Resource"]] == ("function-thumbnailer", "arn")
    assert tokens[definition["States"]["Enqueue"]["Parameters"]["QueueUrl"]] == ("queue-jobs", "url")
    assert definition["States"]["Enqueue"]["Resource"] == "arn:${AWS::Partition}:states:::sqs:sendMessage"
    assert len(tokens) == 2 and "arn:aws" not in machine["definition"]
    assert item("aws", "workflow-order-flow").status == "mapped"


def test_aws_state_machine_naming_unplanned_resources_gets_a_placeholder() -> None:
    document = json.loads(SYNTHETIC.read_text())
    machine = next(r for r in document["resources"] if r["key"] == "aws.sfn.state_machine")
    machine["props"]["definition"]["States"]["Thumb"]["Resource"] = "arn:aws:lambda:us-east-1:999999999999:function:elsewhere"
    plan = build_plan(Inventory.model_validate(document), "aws")
    rebuilt = plan.by_id()["workflow-order-flow"]
    assert rebuilt.status == "partial" and rebuilt.target["placeholder"] is True
    assert "elsewhere" not in rebuilt.target["definition"]


def test_aws_rules_buses_and_mappings() -> None:
    assert item("aws", "events-bus-default").status == "skipped"
    placed = spec("aws", "events-rule-order-placed")
    assert placed["bus_item"] == "events-bus-orders"
    assert [(t["kind"], t["target_item"]) for t in placed["targets"]] == [
        ("sqs", "queue-jobs"), ("lambda", "function-thumbnailer"), ("states", "workflow-order-flow")]
    uploads = spec("aws", "events-rule-s3-uploads")
    assert json.loads(uploads["event_pattern"])["resources"] == ["REPLACE-source-account-id"] and not uploads["enabled"]
    assert spec("aws", "function-trigger-thumbnailer-feed")["source_kind"] == "dynamodb"
    kafka = item("aws", "function-trigger-thumbnailer-logs")
    assert kafka.status == "partial" and kafka.target["source_setting"] == "event-source-function-trigger-thumbnailer-logs"


def test_aws_parameters_hold_no_value_and_alarms_follow_their_resources() -> None:
    secure = spec("aws", "config-parameter-app-db-url")
    assert (secure["parameter_name"], secure["parameter_type"]) == ("/app/db/url", "SecureString")
    assert "value" not in secure and secure["value_setting"] == "parameter-config-parameter-app-db-url"
    cpu = spec("aws", "monitoring-alarm-web-1-cpu")["dimensions"]
    assert cpu == [{"name": "AutoScalingGroupName", "value": None, "target_item": "compute-group-web-asg", "attribute": "name"}]
    assert spec("aws", "monitoring-alarm-web-5xx")["dimensions"][0]["attribute"] == "arn_suffix"
    assert spec("aws", "monitoring-alarm-jobs-age")["alarm"]["topic_items"] == ["topic-events"]


def test_partitions() -> None:
    assert (partition_of("us-east-1"), partition_of("cn-north-1"), partition_of("us-gov-west-1")) == ("aws", "aws-cn", "aws-us-gov")


# --- AWS: stack under mocks ------------------------------------------------------------------------------------


def test_aws_apis_invoke_the_rebuilt_function(aws_run: MockRun) -> None:
    body = json.loads(named(aws_run, "api-public-api").inputs["body"])
    integration = body["paths"]["/posts"]["get"]["x-amazon-apigateway-integration"]
    assert integration["uri"] == ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                  "arn:mock:function:function-thumbnailer/invocations")
    assert body["paths"]["/{proxy+}"]["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"]["type"] == "http_proxy"
    assert named(aws_run, "api-public-api-prod").inputs["stageName"] == "prod"
    assert named(aws_run, "api-feed-api-route-any-proxy").inputs["routeKey"] == "$default"
    assert named(aws_run, "api-live-route-connect").inputs["routeKey"] == "$connect"
    permission = named(aws_run, "api-feed-api-invoke-function-thumbnailer")
    assert (permission.inputs["function"], permission.inputs["principal"]) == ("thumbnailer", "apigateway.amazonaws.com")


def test_aws_state_machine_and_rules_are_wired(aws_run: MockRun) -> None:
    definition = json.loads(named(aws_run, "workflow-order-flow").inputs["definition"])
    assert definition["States"]["Thumb"]["Resource"] == "arn:mock:function:function-thumbnailer"
    assert definition["States"]["Enqueue"]["Resource"] == "arn:aws:states:::sqs:sendMessage"
    assert named(aws_run, "workflow-order-flow").inputs["roleArn"] == "arn:mock:role:identity-role-thumbnailer-role"
    flow = named(aws_run, "events-rule-order-placed-flow")
    assert (flow.inputs["eventBusName"], flow.inputs["roleArn"]) == ("orders", "arn:mock:role:events-rule-order-placed-flow-role")
    assert named(aws_run, "events-rule-nightly-invoke-function-thumbnailer").inputs["principal"] == "events.amazonaws.com"
    stream = named(aws_run, "function-trigger-thumbnailer-clicks").inputs
    assert (stream["eventSourceArn"], stream["startingPosition"]) == ("arn:mock:stream:stream-clicks", "LATEST")


def test_aws_late_items_come_after_what_they_refer_to(aws_run: MockRun) -> None:
    order = [resource.name for resource in aws_run.resources]
    assert order.index("function-thumbnailer") < order.index("api-public-api")
    assert order.index("queue-jobs") < order.index("workflow-order-flow") < order.index("events-rule-nightly-flow")
    assert "planner:aws:Edge" in named(aws_run, "api-public-api").parent_urn


def test_aws_parameters_and_alarms(aws_run: MockRun) -> None:
    flags = named(aws_run, "config-parameter-app-flags").inputs["value"]
    assert flags["value"] == "dark-mode,new-feed"  # from the config secret, kept secret
    secure = named(aws_run, "config-parameter-app-db-url").inputs["value"]
    assert secure["value"].startswith("REPLACE-ME")
    assert aws_run.outputs["items"]["config-parameter-app-db-url"]["value_source"].startswith("placeholder")
    alarm = named(aws_run, "monitoring-alarm-web-1-cpu").inputs
    assert alarm["dimensions"] == {"AutoScalingGroupName": "web-asg"} and alarm["alarmActions"] == ["arn:mock:topic:topic-events"]
    manual = {entry["id"] for entry in aws_run.outputs["manual_items"]}
    assert "function-trigger-thumbnailer-logs" in manual  # its source ARN is not set in config
