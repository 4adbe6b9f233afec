"""Secrets planted in the emulator never reach inventory.json."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from pathlib import Path

import boto3
import pytest
from click.testing import CliRunner

from planner.cli import app
from planner.core.fileio import write_model_atomic
from providers.aws.inventory import ScanOptions, scan_account

REGION = "us-west-2"
PLANTED = {
    "lambda_env": "planted-lambda-env-value-7f3a",
    "user_data": "planted-user-data-91c2",
    "template_user_data": "planted-template-user-data-5d10",
    "ecs_env": "planted-ecs-env-value-44be",
    "secret_value": "planted-secret-value-c0de",
    "rds_password": "plantedRdsPassword8e1",
    "ssm_value": "planted-ssm-parameter-2b7d",
    "sns_token": "planted-sns-token-6a6a",
    "slack_webhook": "plantedSlackWebhookSecret01",
    "teams_webhook": "planted-teams-webhook-4f2e",
    "pagerduty_key": "plantedpagerdutyintegration0e9",
    "secret_tag": "planted-tag-password-77aa",
    "integration_key": "planted-integration-key-3c3c",
}
WEBHOOKS = (  # the secret of these services' incoming webhooks is in the URL path
    f"https://hooks.slack.com/services/T0PLANT/B0PLANT/{PLANTED['slack_webhook']}",
    f"https://contoso.webhook.office.com/webhookb2/{PLANTED['teams_webhook']}@tenant/IncomingWebhook/abc/{PLANTED['teams_webhook']}",
    f"https://events.pagerduty.com/integration/{PLANTED['pagerduty_key']}/enqueue",
)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return 1\n")
    return buffer.getvalue()


def _plant(url: str) -> None:
    def client(service: str):  # noqa: ANN202 - a boto3 client
        return boto3.client(service, region_name=REGION, endpoint_url=url)

    role = client("iam").create_role(RoleName="fn", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}))["Role"]["Arn"]
    client("lambda").create_function(
        FunctionName="fn", Runtime="python3.12", Role=role, Handler="app.handler", Code={"ZipFile": _zip()},
        Environment={"Variables": {"API_TOKEN": PLANTED["lambda_env"]}},
    )
    ec2 = client("ec2")
    ec2.run_instances(ImageId="ami-12c6146b", InstanceType="t3.micro", MinCount=1, MaxCount=1, UserData=PLANTED["user_data"])
    ec2.create_launch_template(
        LaunchTemplateName="lt",
        LaunchTemplateData={"ImageId": "ami-12c6146b", "UserData": base64.b64encode(PLANTED["template_user_data"].encode()).decode()},
    )
    ecs = client("ecs")
    ecs.create_cluster(clusterName="c")
    ecs.register_task_definition(
        family="job",
        containerDefinitions=[{"name": "job", "image": "busybox", "memory": 128, "environment": [{"name": "DB_PASSWORD", "value": PLANTED["ecs_env"]}]}],
    )
    client("secretsmanager").create_secret(Name="api-key", SecretString=PLANTED["secret_value"])
    client("rds").create_db_instance(
        DBInstanceIdentifier="db", Engine="postgres", DBInstanceClass="db.t3.micro", AllocatedStorage=20,
        MasterUsername="admin", MasterUserPassword=PLANTED["rds_password"],
    )
    client("ssm").put_parameter(Name="/app/token", Value=PLANTED["ssm_value"], Type="SecureString")
    sns = client("sns")
    topic = sns.create_topic(Name="hooks")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="https", Endpoint=f"https://user:{PLANTED['sns_token']}@hooks.example.com/in?token={PLANTED['sns_token']}")
    for webhook in WEBHOOKS:
        sns.subscribe(TopicArn=topic, Protocol="https", Endpoint=webhook)
    ec2.create_tags(Resources=[ec2.describe_vpcs()["Vpcs"][0]["VpcId"]], Tags=[{"Key": "ssm-path", "Value": "/app/token"}])
    client("sqs").create_queue(QueueName="jobs", tags={"db_password": PLANTED["secret_tag"], "team": "core",
                                                       "alerts": WEBHOOKS[1]})  # a webhook pasted into a tag
    _plant_http_integration(client("apigateway"))


def _plant_http_integration(apigateway) -> None:  # noqa: ANN001 - a boto3 client
    api = apigateway.create_rest_api(name="hooks")["id"]
    root = apigateway.get_resources(restApiId=api)["items"][0]["id"]
    apigateway.put_method(restApiId=api, resourceId=root, httpMethod="POST", authorizationType="NONE")
    apigateway.put_integration(restApiId=api, resourceId=root, httpMethod="POST", type="HTTP_PROXY", integrationHttpMethod="POST",
                               uri=f"https://backend.example.com/in?key={PLANTED['integration_key']}")


def test_no_planted_secret_reaches_the_inventory(moto_server: str, tmp_path: Path) -> None:
    _plant(moto_server)
    inventory = scan_account(ScanOptions(regions=[REGION], endpoint_url=moto_server, concurrency=4))
    path = tmp_path / "inventory.json"
    write_model_atomic(path, inventory)
    text = path.read_text()
    for what, planted in PLANTED.items():
        assert planted not in text, f"{what} leaked into inventory.json"
        assert base64.b64encode(planted.encode()).decode() not in text, f"{what} leaked base64-encoded"
    by_key = {resource.key: resource for resource in inventory.resources}
    assert by_key["aws.lambda.function"].props["env_var_names"] == ["API_TOKEN"]
    assert by_key["aws.ecs.task_definition"].props["containers"][0]["env_var_names"] == ["DB_PASSWORD"]
    assert by_key["aws.secretsmanager.secret"].name == "api-key"
    endpoints = sorted(subscription["endpoint"] for subscription in by_key["aws.sns.topic"].props["subscriptions"])
    assert endpoints == ["https://contoso.webhook.office.com", "https://events.pagerduty.com", "https://hooks.example.com",
                         "https://hooks.slack.com"]  # scheme and host only
    assert "/app/token" in text  # tags are not secret and are kept
    assert inventory.errors == []


@pytest.mark.parametrize("target", ["gcp", "aws"])
def test_no_planted_secret_reaches_the_plan_or_the_generated_project(moto_server: str, tmp_path: Path, target: str) -> None:
    _plant(moto_server)
    inventory, plan, stack = tmp_path / "inventory.json", tmp_path / "plan.json", tmp_path / "stack"
    runner = CliRunner()
    for arguments in (["inventory", "--endpoint-url", moto_server, "--regions", REGION, "--out", str(inventory)],
                      ["plan", str(inventory), "--target", target, "--out", str(plan)],
                      ["generate", str(plan), "--out", str(stack)]):
        result = runner.invoke(app, arguments)
        assert result.exit_code == 0, (arguments, result.output)
        assert not any(planted in result.output for planted in PLANTED.values()), arguments
    written = [inventory, plan, *(path for path in stack.rglob("*") if path.is_file())]
    assert len(written) > 5
    for path in written:
        text = path.read_text()
        for what, planted in PLANTED.items():
            assert planted not in text, f"{what} leaked into {path.relative_to(tmp_path)}"
    assert "hooks.slack.com" in plan.read_text()  # the subscription is planned, by its host
    queue = next(item for item in json.loads(plan.read_text())["items"] if item["source"]["name"] == "jobs")
    assert any("'db_password' not carried as a label" in note for note in queue["notes"])  # said, not refused
