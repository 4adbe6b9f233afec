"""Secrets planted in the emulator never reach inventory.json."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from pathlib import Path

import boto3

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
}


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
    ec2.create_tags(Resources=[ec2.describe_vpcs()["Vpcs"][0]["VpcId"]], Tags=[{"Key": "ssm-path", "Value": "/app/token"}])


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
    assert by_key["aws.sns.topic"].props["subscriptions"] == [{"protocol": "https", "endpoint": "https://hooks.example.com"}]  # scheme and host only
    assert "/app/token" in text  # tags are not secret and are kept
    assert inventory.errors == []
