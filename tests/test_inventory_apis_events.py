"""APIs and eventing, seeded in moto over real HTTP (tests/seeds/seed_apis_events.py), found with their props and refs."""

from __future__ import annotations

import json

import test_inventory_coverage as coverage
from seeds.seed_apis_events import CLICKSTREAM_INCOMING_BYTES, SECURE_VALUE, STATE_MACHINE_API_KEY
from test_inventory_coverage import Seeded, find

from planner.core.model.inventory import Inventory
from providers.aws.inventory.session import is_allowed_operation

scanned = coverage.scanned  # the coverage module's one seeded scan, as a fixture of this module
Scanned = tuple[Seeded, Inventory]
OUR_TYPES = {
    "aws.apigateway.rest_api", "aws.apigatewayv2.api", "aws.events.event_bus", "aws.events.rule", "aws.sfn.state_machine",
    "aws.kinesis.stream", "aws.lambda.event_source_mapping", "aws.ssm.parameter", "aws.cloudwatch.alarm",
}
OUR_SERVICES = {"apigateway", "apigatewayv2", "events", "stepfunctions", "kinesis", "lambda", "ssm", "cloudwatch"}


def test_every_type_is_found_without_errors_from_its_services(scanned: Scanned) -> None:
    _, inventory = scanned
    assert OUR_TYPES <= {resource.key for resource in inventory.resources}
    assert [error for error in inventory.errors if error.service in OUR_SERVICES] == []


def test_rest_api_routes_stages_and_function_refs(scanned: Scanned) -> None:
    seeded, inventory = scanned
    api = find(inventory, "aws.apigateway.rest_api", seeded["rest_api"])
    assert api.name == "public-api" and api.tags == {"team": "api"}
    assert api.props["endpoint_types"] == ["REGIONAL"] and api.props["stages"] == ["prod"]
    routes = {(route["path"], route["method"]): route for route in api.props["routes"]}
    assert set(routes) == {("/posts", "GET"), ("/posts", "POST"), ("/posts/{id}", "GET")}
    assert routes[("/posts", "GET")]["target_id"] == seeded["function"]
    assert routes[("/posts/{id}", "GET")]["target_url"] == "https://legacy.social.example/posts/{id}"
    assert "seed-token" not in json.dumps(api.props)
    assert api.refs == [seeded["function"]]


def test_http_and_websocket_apis(scanned: Scanned) -> None:
    seeded, inventory = scanned
    http = find(inventory, "aws.apigatewayv2.api", seeded["http_api"])
    assert (http.props["protocol_type"], http.tags, http.props["stages"]) == ("HTTP", {"team": "feed"}, ["$default"])
    assert [route["route_key"] for route in http.props["routes"]] == ["GET /feed", "POST /feed/{id}"]
    assert {route["target_id"] for route in http.props["routes"]} == {seeded["function"]}
    assert http.refs == [seeded["function"]]
    live = find(inventory, "aws.apigatewayv2.api", seeded["ws_api"])
    assert live.props["protocol_type"] == "WEBSOCKET"
    assert [route["route_key"] for route in live.props["routes"]] == ["$connect", "$default"]


def test_event_buses_and_rules_with_their_targets(scanned: Scanned) -> None:
    seeded, inventory = scanned
    bus = find(inventory, "aws.events.event_bus", seeded["bus"])
    assert bus.tags == {"team": "orders"} and bus.props["is_default"] is False
    assert find(inventory, "aws.events.event_bus", seeded["default_bus"]).props["is_default"] is True
    defaults = [r for r in inventory.resources if r.key == "aws.events.event_bus" and r.props["is_default"]]
    assert len(defaults) == 3  # one per scanned region
    nightly = find(inventory, "aws.events.rule", seeded["rule_nightly"])
    assert nightly.props["schedule_expression"] == "cron(0 3 * * ? *)" and nightly.props["event_bus_name"] == "default"
    flow = next(target for target in nightly.props["targets"] if target["target_key"] == "flow")
    assert (flow["service"], flow["target_id"], flow["input_mode"]) == ("states", seeded["state_machine"], "constant")
    assert "seed-input-secret" not in json.dumps(nightly.props)
    orders = find(inventory, "aws.events.rule", seeded["rule_orders"])
    assert orders.props["event_pattern"] == {"source": ["shop.orders"], "detail-type": ["OrderPlaced"]}
    thumbs = next(target for target in orders.props["targets"] if target["target_key"] == "thumbs")
    assert thumbs["target_id"] == seeded["function"] and thumbs["input_path"] == "$.detail"  # the alias is dropped
    assert {seeded["bus"], seeded["jobs"], seeded["function"], seeded["state_machine"], seeded["role"]} <= set(orders.refs)


def test_state_machine_definition_refs_and_redaction(scanned: Scanned) -> None:
    seeded, inventory = scanned
    machine = find(inventory, "aws.sfn.state_machine", seeded["state_machine"])
    props = machine.props
    assert (props["type"], props["role_arn"], props["state_count"]) == ("STANDARD", seeded["role"], 5)
    assert props["task_integrations"] == ["lambda:invoke", "sns:publish", "sqs:sendMessage"]
    assert props["definition_refs"] == {seeded["function"]: seeded["function"], seeded["jobs_url"]: seeded["jobs"],
                                         seeded["topic"]: seeded["topic"]}
    assert props["redacted_values"] == 1 and STATE_MACHINE_API_KEY not in json.dumps(props)
    assert {seeded["role"], seeded["function"], seeded["jobs"], seeded["topic"]} == set(machine.refs)
    assert machine.tags == {"team": "orders"}


def test_kinesis_streams_and_the_bytes_they_retain(scanned: Scanned) -> None:
    seeded, inventory = scanned
    stream = find(inventory, "aws.kinesis.stream", seeded["stream"])
    props = stream.props
    assert (props["stream_mode"], props["shard_count"], props["retention_hours"]) == ("PROVISIONED", 2, 48)
    assert (props["retained_bytes"], props["retained_bytes_source"]) == (sum(CLICKSTREAM_INCOMING_BYTES), "cloudwatch")
    audit = find(inventory, "aws.kinesis.stream", seeded["eu_stream"])
    assert audit.region == "eu-west-1" and audit.props["stream_mode"] == "ON_DEMAND"
    assert (audit.props["retained_bytes"], audit.props["retained_bytes_source"]) == (None, "unknown")
    calls = inventory.stats.calls_by_operation
    assert calls["kinesis:DescribeStreamSummary"] == 2 and "kinesis:ListTagsForStream" not in calls  # tags in bulk


def test_event_source_mappings_name_their_function_and_source(scanned: Scanned) -> None:
    seeded, inventory = scanned
    queue = find(inventory, "aws.lambda.event_source_mapping", seeded["esm_queue"])
    assert (queue.props["function_id"], queue.props["source_id"], queue.props["batch_size"]) == (seeded["function"], seeded["jobs"], 10)
    assert queue.name == "thumbnailer <- jobs" and queue.refs == [seeded["function"], seeded["jobs"]]
    stream = find(inventory, "aws.lambda.event_source_mapping", seeded["esm_stream"])
    assert (stream.props["source_service"], stream.props["starting_position"]) == ("kinesis", "LATEST")
    table = find(inventory, "aws.lambda.event_source_mapping", seeded["esm_table"])
    assert table.props["source_id"] == seeded["table"] and table.props["source_service"] == "dynamodb"


def test_parameters_are_metadata_only(scanned: Scanned) -> None:
    seeded, inventory = scanned
    secure = find(inventory, "aws.ssm.parameter", seeded["param_secure"])
    assert (secure.name, secure.props["type"], secure.props["aws_managed_key"]) == ("/social/db/url", "SecureString", True)
    assert secure.tags == {"team": "db"}
    plain = find(inventory, "aws.ssm.parameter", seeded["param_plain"])
    assert (plain.props["tier"], plain.props["description"]) == ("Advanced", "home region")
    assert find(inventory, "aws.ssm.parameter", seeded["param_list"]).props["type"] == "StringList"
    assert SECURE_VALUE not in inventory.model_dump_json()
    calls = inventory.stats.calls_by_operation
    assert not [operation for operation in calls if operation.startswith("ssm:GetParameter")]
    assert not [name for name in ("GetParameter", "GetParameters", "GetParametersByPath", "GetParameterHistory")
                if is_allowed_operation("ssm", name)]
    assert is_allowed_operation("ssm", "DescribeParameters")


def test_alarms_refer_to_the_resources_of_their_dimensions(scanned: Scanned) -> None:
    seeded, inventory = scanned
    cpu = find(inventory, "aws.cloudwatch.alarm", seeded["alarm_transcoder-cpu-high"])
    props = cpu.props
    assert (props["namespace"], props["metric_name"], props["threshold"], props["comparison"]) == (
        "AWS/EC2", "CPUUtilization", 80.0, "GreaterThanThreshold")
    assert props["dimension_refs"] == {"InstanceId": seeded["instance"]} and props["alarm_actions"] == [seeded["topic"]]
    assert set(cpu.refs) == {seeded["instance"], seeded["topic"]}
    expected = {"jobs-backlog-age": "jobs", "web-alb-5xx": "alb", "pg-main-cpu": "rds_primary", "thumbnailer-errors": "function"}
    for name, key in expected.items():
        alarm = find(inventory, "aws.cloudwatch.alarm", seeded[f"alarm_{name}"])
        assert seeded[key] in alarm.refs, name
    custom = find(inventory, "aws.cloudwatch.alarm", seeded["alarm_signups-low"])
    assert custom.props["dimension_refs"] == {} and custom.refs == [seeded["topic"]]
