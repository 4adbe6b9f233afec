"""The corpus of account shapes (tests/corpus/*.yaml), deployed in moto and run through the whole pipeline.

Each case is a CloudFormation template written by the team, modelled on a
public reference architecture (its header comment says which). Its top-level
`Metadata.Corpus.Stacks` lists the stacks to create, in order: a name, a
region, optionally another template (`Template`, relative to tests/corpus/)
and parameter values; a value `stack.Output` is that earlier stack's output,
everything else comes from the template's defaults.

One run of a case: create its stacks through the CloudFormation API of moto's
server (real HTTP), check every stack resource with the AWS APIs, scan the
account with the real inventory, then `planner plan`, `generate`, `preview`
and `estimate` through the CLI for each target. tests/test_corpus.py asserts
on the result and scripts/corpus-table writes docs/corpus.md from it.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import yaml
from botocore.exceptions import ClientError
from click.testing import CliRunner
from conftest import reset_moto

from planner.cli import app
from planner.core.fileio import write_model_atomic
from planner.core.kinds import source_types
from planner.core.model.inventory import Inventory, Resource
from providers.aws.inventory import ScanOptions, scan_account

CORPUS_DIR = Path(__file__).parent / "corpus"
TARGETS = ("gcp", "aws")
MANUAL_SHARE_GOAL = {"gcp": 0.10, "aws": 0.0}  # of the non-skipped plan items
STAGES = ("plan", "generate", "preview", "estimate")
SCAN_CONCURRENCY = 8
NAMED_IAM = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"]

# CloudFormation type -> the inventory's source type for it. A row counts once
# the source type is in planner/data/source_types.csv; until then the case's
# table row lists the stack resources the inventory does not cover yet.
SOURCE_TYPE_OF: dict[str, str] = {
    "AWS::EC2::VPC": "aws.ec2.vpc",
    "AWS::EC2::Subnet": "aws.ec2.subnet",
    "AWS::EC2::SecurityGroup": "aws.ec2.security_group",
    "AWS::EC2::InternetGateway": "aws.ec2.internet_gateway",
    "AWS::EC2::NatGateway": "aws.ec2.nat_gateway",
    "AWS::EC2::RouteTable": "aws.ec2.route_table",
    "AWS::EC2::EIP": "aws.ec2.elastic_ip",
    "AWS::EC2::Instance": "aws.ec2.instance",
    "AWS::EC2::Volume": "aws.ec2.volume",
    "AWS::EC2::LaunchTemplate": "aws.ec2.launch_template",
    "AWS::AutoScaling::AutoScalingGroup": "aws.autoscaling.group",
    "AWS::AutoScaling::LaunchConfiguration": "aws.autoscaling.launch_configuration",
    "AWS::ElasticLoadBalancing::LoadBalancer": "aws.elb.load_balancer",
    "AWS::ElasticLoadBalancingV2::LoadBalancer": "aws.elbv2.load_balancer",
    "AWS::ElasticLoadBalancingV2::Listener": "aws.elbv2.listener",
    "AWS::ElasticLoadBalancingV2::ListenerRule": "aws.elbv2.listener_rule",
    "AWS::ElasticLoadBalancingV2::TargetGroup": "aws.elbv2.target_group",
    "AWS::RDS::DBInstance": "aws.rds.instance",
    "AWS::RDS::DBSubnetGroup": "aws.rds.subnet_group",
    "AWS::RDS::DBParameterGroup": "aws.rds.parameter_group",
    "AWS::EFS::FileSystem": "aws.efs.file_system",
    "AWS::S3::Bucket": "aws.s3.bucket",
    "AWS::SQS::Queue": "aws.sqs.queue",
    "AWS::SNS::Topic": "aws.sns.topic",
    "AWS::Lambda::Function": "aws.lambda.function",
    "AWS::Lambda::EventSourceMapping": "aws.lambda.event_source_mapping",
    "AWS::DynamoDB::Table": "aws.dynamodb.table",
    "AWS::Kinesis::Stream": "aws.kinesis.stream",
    "AWS::StepFunctions::StateMachine": "aws.stepfunctions.state_machine",
    "AWS::Events::Rule": "aws.events.rule",
    "AWS::Logs::LogGroup": "aws.logs.log_group",
    "AWS::SSM::Parameter": "aws.ssm.parameter",
    "AWS::KMS::Key": "aws.kms.key",
    "AWS::IAM::Role": "aws.iam.role",
    "AWS::IAM::ManagedPolicy": "aws.iam.policy",
    "AWS::IAM::InstanceProfile": "aws.iam.instance_profile",
    "AWS::EKS::Cluster": "aws.eks.cluster",
    "AWS::CloudFront::Distribution": "aws.cloudfront.distribution",
    "AWS::RDS::DBCluster": "aws.rds.cluster",
    "AWS::ElastiCache::ReplicationGroup": "aws.elasticache.replication_group",
    "AWS::ECS::Cluster": "aws.ecs.cluster",
    "AWS::ECS::Service": "aws.ecs.service",
    "AWS::ECS::TaskDefinition": "aws.ecs.task_definition",
    "AWS::ECR::Repository": "aws.ecr.repository",
    "AWS::Route53::HostedZone": "aws.route53.zone",
    "AWS::Route53::RecordSet": "aws.route53.record_set",
    "AWS::Route53::HealthCheck": "aws.route53.health_check",
    "AWS::ApiGateway::RestApi": "aws.apigateway.rest_api",
}


# --- the cases -------------------------------------------------------------------------------------------------


class _TemplateLoader(yaml.SafeLoader):
    """Reads a CloudFormation YAML template: short-form intrinsics (!Ref, !Sub...) become plain values."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_TemplateLoader.add_multi_constructor("!", _intrinsic)


@dataclass(frozen=True)
class StackSpec:
    name: str
    region: str
    template: Path
    parameters: dict[str, str] = field(default_factory=dict)  # "stack.Output" values come from an earlier stack


@dataclass(frozen=True)
class ApiCall:
    """A resource moto's CloudFormation cannot create (its type is not implemented there), made through its own API
    after the stacks: `{{stack.Key}}` in a parameter is that stack's output Key, or the physical id of its resource
    with logical id Key."""

    service: str
    region: str
    operation: str
    parameters: dict[str, Any]


@dataclass(frozen=True)
class Case:
    name: str
    title: str  # the header comment's first line
    stacks: tuple[StackSpec, ...]
    api_calls: tuple[ApiCall, ...] = ()

    @property
    def regions(self) -> list[str]:
        return sorted({stack.region for stack in self.stacks})


def read_template(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = yaml.load(path.read_text(), Loader=_TemplateLoader)  # noqa: S506 - a safe loader
    return document


def _title(path: Path) -> str:
    first = next(line for line in path.read_text().splitlines() if line.startswith("#"))
    return first.lstrip("# ").strip()


def _stack_spec(entry: dict[str, Any], case_file: Path) -> StackSpec:
    template = CORPUS_DIR / entry["Template"] if "Template" in entry else case_file
    parameters = {key: str(value) for key, value in entry.get("Parameters", {}).items()}
    return StackSpec(name=entry["Name"], region=entry["Region"], template=template, parameters=parameters)


def load_case(path: Path) -> Case:
    corpus = read_template(path)["Metadata"]["Corpus"]
    calls = tuple(ApiCall(call["Service"], call["Region"], call["Operation"], call.get("Parameters", {}))
                  for call in corpus.get("ApiCalls", []))
    return Case(name=path.stem, title=_title(path), stacks=tuple(_stack_spec(entry, path) for entry in corpus["Stacks"]),
                api_calls=calls)


def corpus_cases() -> list[Case]:
    """The cases: each top-level template (tests/corpus/parts/ holds templates that cases deploy several times)."""
    return [load_case(path) for path in sorted(CORPUS_DIR.glob("*.yaml"))]


# --- deploying ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StackResource:
    logical_id: str
    type: str
    physical_id: str
    region: str


@dataclass(frozen=True)
class DeployedStack:
    spec: StackSpec
    status: str
    reason: str
    resources: tuple[StackResource, ...]
    outputs: dict[str, str]


def _parameter_value(value: str, outputs: dict[str, dict[str, str]]) -> str:
    stack, _, output = value.partition(".")
    return outputs[stack][output] if stack in outputs and output else value


def _create_stack(spec: StackSpec, endpoint: str, outputs: dict[str, dict[str, str]]) -> DeployedStack:
    cloudformation = boto3.client("cloudformation", region_name=spec.region, endpoint_url=endpoint)
    parameters = [{"ParameterKey": key, "ParameterValue": _parameter_value(value, outputs)}
                  for key, value in spec.parameters.items()]
    cloudformation.create_stack(StackName=spec.name, TemplateBody=spec.template.read_text(), Parameters=parameters,
                                Capabilities=NAMED_IAM)
    stack = cloudformation.describe_stacks(StackName=spec.name)["Stacks"][0]
    pages = cloudformation.get_paginator("list_stack_resources").paginate(StackName=spec.name)
    resources = tuple(StackResource(summary["LogicalResourceId"], summary["ResourceType"],
                                    summary.get("PhysicalResourceId", ""), spec.region)
                      for page in pages for summary in page["StackResourceSummaries"])
    stack_outputs = {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}
    return DeployedStack(spec, stack["StackStatus"], stack.get("StackStatusReason", ""), resources, stack_outputs)


def deploy_case(case: Case, endpoint: str) -> list[DeployedStack]:
    """Create the case's stacks in order (a later stack's parameters may name an earlier stack's outputs), then
    make its API calls."""
    outputs: dict[str, dict[str, str]] = {}
    deployed: list[DeployedStack] = []
    for spec in case.stacks:
        stack = _create_stack(spec, endpoint, outputs)
        outputs[spec.name] = stack.outputs
        deployed.append(stack)
    values = {f"{stack.spec.name}.{key}": value for stack in deployed
              for key, value in [*((r.logical_id, r.physical_id) for r in stack.resources), *stack.outputs.items()]}
    for call in case.api_calls:
        client = boto3.client(call.service, region_name=call.region, endpoint_url=endpoint)
        getattr(client, call.operation)(**_substituted(call.parameters, values))
    return deployed


PLACEHOLDER = re.compile(r"\{\{([^}]+)\}\}")


def _substituted(value: Any, values: dict[str, str]) -> Any:
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda match: values[match.group(1)], value)
    if isinstance(value, list):
        return [_substituted(entry, values) for entry in value]
    if isinstance(value, dict):
        return {key: _substituted(entry, values) for key, entry in value.items()}
    return value


# --- checking each stack resource with the AWS APIs ---------------------------------------------------------------

Clients = Callable[[str], Any]
Probe = Callable[[Clients, str], bool]


def _call(service: str, operation: str, arguments: Callable[[str], dict[str, Any]], found: str) -> Probe:
    """A probe that calls a read operation and wants a non-empty `found` field (or no error when empty)."""

    def probe(clients: Clients, physical_id: str) -> bool:
        try:
            answer = getattr(clients(service), operation)(**arguments(physical_id))
        except ClientError:
            return False
        return bool(answer.get(found)) if found else True

    return probe


def _record_exists(clients: Clients, name: str) -> bool:
    route53 = clients("route53")
    wanted = name.rstrip(".")
    for zone in route53.list_hosted_zones()["HostedZones"]:
        records = route53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]
        if any(record["Name"].rstrip(".") == wanted for record in records):
            return True
    return False


def _log_group_exists(clients: Clients, name: str) -> bool:
    groups = clients("logs").describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    return any(group["logGroupName"] == name for group in groups)


def _ecs_service_exists(clients: Clients, arn: str) -> bool:
    cluster = arn.split("/")[-2]  # arn:aws:ecs:region:account:service/<cluster>/<service>
    services = clients("ecs").describe_services(cluster=cluster, services=[arn])["services"]
    return any(service["status"] == "ACTIVE" for service in services)


def _parameter_exists(clients: Clients, name: str) -> bool:
    filters = [{"Key": "Name", "Option": "Equals", "Values": [name]}]
    return bool(clients("ssm").describe_parameters(ParameterFilters=filters)["Parameters"])


def _alias_exists(clients: Clients, name: str) -> bool:
    return any(alias["AliasName"] == name for alias in clients("kms").list_aliases()["Aliases"])


PROBES: dict[str, Probe] = {
    "AWS::EC2::VPC": _call("ec2", "describe_vpcs", lambda i: {"VpcIds": [i]}, "Vpcs"),
    "AWS::EC2::Subnet": _call("ec2", "describe_subnets", lambda i: {"SubnetIds": [i]}, "Subnets"),
    "AWS::EC2::SecurityGroup": _call("ec2", "describe_security_groups", lambda i: {"GroupIds": [i]}, "SecurityGroups"),
    "AWS::EC2::InternetGateway": _call("ec2", "describe_internet_gateways", lambda i: {"InternetGatewayIds": [i]},
                                       "InternetGateways"),
    "AWS::EC2::NatGateway": _call("ec2", "describe_nat_gateways", lambda i: {"NatGatewayIds": [i]}, "NatGateways"),
    "AWS::EC2::RouteTable": _call("ec2", "describe_route_tables", lambda i: {"RouteTableIds": [i]}, "RouteTables"),
    "AWS::EC2::EIP": _call("ec2", "describe_addresses", lambda i: {"PublicIps": [i]}, "Addresses"),
    "AWS::EC2::Instance": _call("ec2", "describe_instances", lambda i: {"InstanceIds": [i]}, "Reservations"),
    "AWS::EC2::Volume": _call("ec2", "describe_volumes", lambda i: {"VolumeIds": [i]}, "Volumes"),
    "AWS::EC2::LaunchTemplate": _call("ec2", "describe_launch_templates", lambda i: {"LaunchTemplateIds": [i]},
                                      "LaunchTemplates"),
    "AWS::AutoScaling::AutoScalingGroup": _call("autoscaling", "describe_auto_scaling_groups",
                                                lambda i: {"AutoScalingGroupNames": [i]}, "AutoScalingGroups"),
    "AWS::AutoScaling::LaunchConfiguration": _call("autoscaling", "describe_launch_configurations",
                                                   lambda i: {"LaunchConfigurationNames": [i]},
                                                   "LaunchConfigurations"),
    "AWS::ElasticLoadBalancing::LoadBalancer": _call("elb", "describe_load_balancers",
                                                     lambda i: {"LoadBalancerNames": [i]}, "LoadBalancerDescriptions"),
    "AWS::ElasticLoadBalancingV2::LoadBalancer": _call("elbv2", "describe_load_balancers",
                                                       lambda i: {"LoadBalancerArns": [i]}, "LoadBalancers"),
    "AWS::ElasticLoadBalancingV2::Listener": _call("elbv2", "describe_listeners", lambda i: {"ListenerArns": [i]},
                                                   "Listeners"),
    "AWS::ElasticLoadBalancingV2::ListenerRule": _call("elbv2", "describe_rules", lambda i: {"RuleArns": [i]},
                                                       "Rules"),
    "AWS::ElasticLoadBalancingV2::TargetGroup": _call("elbv2", "describe_target_groups",
                                                      lambda i: {"TargetGroupArns": [i]}, "TargetGroups"),
    "AWS::RDS::DBInstance": _call("rds", "describe_db_instances", lambda i: {"DBInstanceIdentifier": i},
                                  "DBInstances"),
    "AWS::RDS::DBSubnetGroup": _call("rds", "describe_db_subnet_groups", lambda i: {"DBSubnetGroupName": i},
                                     "DBSubnetGroups"),
    "AWS::RDS::DBParameterGroup": _call("rds", "describe_db_parameter_groups",
                                        lambda i: {"DBParameterGroupName": i}, "DBParameterGroups"),
    "AWS::EFS::FileSystem": _call("efs", "describe_file_systems", lambda i: {"FileSystemId": i}, "FileSystems"),
    "AWS::EFS::MountTarget": _call("efs", "describe_mount_targets", lambda i: {"MountTargetId": i}, "MountTargets"),
    "AWS::S3::Bucket": _call("s3", "head_bucket", lambda i: {"Bucket": i}, ""),
    "AWS::SQS::Queue": _call("sqs", "get_queue_attributes", lambda i: {"QueueUrl": i, "AttributeNames": ["QueueArn"]},
                             "Attributes"),
    "AWS::SNS::Topic": _call("sns", "get_topic_attributes", lambda i: {"TopicArn": i}, "Attributes"),
    "AWS::Lambda::Function": _call("lambda", "get_function", lambda i: {"FunctionName": i}, "Configuration"),
    "AWS::Lambda::EventSourceMapping": _call("lambda", "get_event_source_mapping", lambda i: {"UUID": i}, "UUID"),
    "AWS::DynamoDB::Table": _call("dynamodb", "describe_table", lambda i: {"TableName": i}, "Table"),
    "AWS::Kinesis::Stream": _call("kinesis", "describe_stream_summary", lambda i: {"StreamName": i},
                                  "StreamDescriptionSummary"),
    "AWS::StepFunctions::StateMachine": _call("stepfunctions", "describe_state_machine",
                                              lambda i: {"stateMachineArn": i}, "stateMachineArn"),
    "AWS::Events::Rule": _call("events", "describe_rule", lambda i: {"Name": i.rsplit("/", 1)[-1]}, "Arn"),
    "AWS::Logs::LogGroup": _log_group_exists,
    "AWS::SSM::Parameter": _parameter_exists,
    "AWS::KMS::Key": _call("kms", "describe_key", lambda i: {"KeyId": i}, "KeyMetadata"),
    "AWS::KMS::Alias": _alias_exists,
    "AWS::IAM::Role": _call("iam", "get_role", lambda i: {"RoleName": i}, "Role"),
    "AWS::IAM::ManagedPolicy": _call("iam", "get_policy", lambda i: {"PolicyArn": i}, "Policy"),
    "AWS::IAM::InstanceProfile": _call("iam", "get_instance_profile", lambda i: {"InstanceProfileName": i},
                                       "InstanceProfile"),
    "AWS::ECS::Cluster": _call("ecs", "describe_clusters", lambda i: {"clusters": [i]}, "clusters"),
    "AWS::ECS::Service": _ecs_service_exists,
    "AWS::ECS::TaskDefinition": _call("ecs", "describe_task_definition", lambda i: {"taskDefinition": i},
                                      "taskDefinition"),
    "AWS::ECR::Repository": _call("ecr", "describe_repositories", lambda i: {"repositoryNames": [i]},
                                  "repositories"),
    "AWS::Route53::HostedZone": _call("route53", "get_hosted_zone", lambda i: {"Id": i}, "HostedZone"),
    "AWS::Route53::RecordSet": _record_exists,
    "AWS::Route53::HealthCheck": _call("route53", "get_health_check", lambda i: {"HealthCheckId": i}, "HealthCheck"),
    "AWS::ApiGateway::RestApi": _call("apigateway", "get_rest_api", lambda i: {"restApiId": i}, "id"),
}

# Parts that live inside a resource probed above (a route in its table, a rule in its group...): CloudFormation
# reports them, the parent's API shows them, and they are no resource of their own in the inventory either.
PARTS_OF_A_PARENT = frozenset({
    "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::VPCGatewayAttachment",
    "AWS::EC2::SecurityGroupIngress", "AWS::EC2::VolumeAttachment", "AWS::IAM::Policy", "AWS::Lambda::Permission",
    "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method", "AWS::ApiGateway::Deployment",
})


def _clients_in(region: str, endpoint: str) -> Clients:
    return lambda service: boto3.client(service, region_name=region, endpoint_url=endpoint)


def unchecked_resources(stacks: list[DeployedStack], endpoint: str) -> list[str]:
    """Stack resources that the AWS APIs do not show (or whose type has no probe): empty when all are real."""
    missing: list[str] = []
    for stack in stacks:
        clients = _clients_in(stack.spec.region, endpoint)
        for resource in stack.resources:
            if resource.type in PARTS_OF_A_PARENT:
                continue
            probe = PROBES.get(resource.type)
            if probe is None or not probe(clients, resource.physical_id):
                missing.append(f"{stack.spec.name}/{resource.logical_id} {resource.type} {resource.physical_id}")
    return missing


# --- the inventory against the stacks ------------------------------------------------------------------------------


def _forms_of_physical_id(physical_id: str) -> set[str]:
    return {physical_id, physical_id.rstrip("."), physical_id.rsplit("/", 1)[-1]}


def _forms_of_resource(resource: Resource) -> set[str]:
    forms = {resource.id, resource.name, resource.id.rsplit("/", 1)[-1], resource.id.rsplit(":", 1)[-1]}
    record_name = resource.props.get("record_name")
    if record_name:
        forms.add(str(record_name).rstrip("."))
    return forms


def covered_stack_resources(stacks: list[DeployedStack]) -> list[tuple[StackResource, str]]:
    """Stack resources whose type the inventory covers today, with the source type it should find them as."""
    known = set(source_types())
    return [(resource, SOURCE_TYPE_OF[resource.type]) for stack in stacks for resource in stack.resources
            if SOURCE_TYPE_OF.get(resource.type) in known]


def uncovered_stack_types(stacks: list[DeployedStack]) -> Counter[str]:
    """CloudFormation types of the stacks that the inventory does not read yet (parts of a parent left out)."""
    known = set(source_types())
    return Counter(resource.type for stack in stacks for resource in stack.resources
                   if resource.type not in PARTS_OF_A_PARENT and SOURCE_TYPE_OF.get(resource.type) not in known)


def matching_resource(inventory: Inventory, resource: StackResource, source_type: str) -> Resource | None:
    wanted = _forms_of_physical_id(resource.physical_id)
    return next((found for found in inventory.resources
                 if found.key == source_type and found.region in (resource.region, "global")
                 and wanted & _forms_of_resource(found)), None)


def not_inventoried(stacks: list[DeployedStack], inventory: Inventory) -> list[str]:
    return [f"{resource.logical_id} {resource.type} {resource.physical_id}"
            for resource, source_type in covered_stack_resources(stacks)
            if matching_resource(inventory, resource, source_type) is None]


def stack_resource_ids(stacks: list[DeployedStack], inventory: Inventory) -> set[str]:
    """Inventory ids of the resources the stacks created themselves."""
    matches = (matching_resource(inventory, resource, source_type)
               for resource, source_type in covered_stack_resources(stacks))
    return {match.id for match in matches if match is not None}


# --- the pipeline ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageRun:
    name: str
    exit_code: int
    output: str
    seconds: float


@dataclass(frozen=True)
class PipelineRun:
    target: str
    stages: tuple[StageRun, ...]
    plan: dict[str, Any]
    preview: dict[str, Any]
    estimate: dict[str, Any]

    def stage(self, name: str) -> StageRun:
        return next(stage for stage in self.stages if stage.name == name)

    @property
    def statuses(self) -> Counter[str]:
        return Counter(item["status"] for item in self.plan.get("items", []))

    @property
    def manual_share(self) -> float:
        counts = self.statuses
        considered = sum(counts.values()) - counts["skipped"]
        return counts["manual"] / considered if considered else 0.0

    def manual_types(self) -> Counter[str]:
        return Counter(item["source"]["key"] for item in self.plan.get("items", []) if item["status"] == "manual")

    def items_with_status(self, status: str) -> list[dict[str, Any]]:
        return [item for item in self.plan.get("items", []) if item["status"] == status]


def _stage_arguments(name: str, folder: Path, target: str) -> list[str]:
    plan, stack = str(folder / "plan.json"), str(folder / "stack")
    return {
        "plan": ["plan", str(folder.parent / "inventory.json"), "--target", target, "--out", plan],
        "generate": ["generate", plan, "--out", stack],
        "preview": ["preview", stack, "--json"],
        "estimate": ["estimate", plan, "--format", "json", "--deadline", "30h"],
    }[name]


def _json_or_empty(text: str) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return document if isinstance(document, dict) else {}


def run_pipeline(case_dir: Path, target: str) -> PipelineRun:
    """`planner plan -> generate -> preview -> estimate` on the case's inventory.json, as a user runs them."""
    folder = case_dir / target
    folder.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    stages: list[StageRun] = []
    for name in STAGES:
        started = time.monotonic()
        result = runner.invoke(app, _stage_arguments(name, folder, target), env={"COLUMNS": "160"})
        stages.append(StageRun(name, result.exit_code, result.output, time.monotonic() - started))
        if result.exit_code != 0:
            break
    plan_file = folder / "plan.json"
    plan = _json_or_empty(plan_file.read_text()) if plan_file.exists() else {}
    outputs = {stage.name: _json_or_empty(stage.output) for stage in stages}
    return PipelineRun(target, tuple(stages), plan, outputs.get("preview", {}), outputs.get("estimate", {}))


# --- entry points ------------------------------------------------------------------------------------------------

S3_WEBSITE_SUFFIX = "s3-website-{region}.amazonaws.com"


def _load_balancer_entry(resource: Resource) -> str | None:
    public = resource.props.get("scheme") == "internet-facing"
    return f"load balancer {resource.props['dns_name']}" if public and resource.props.get("dns_name") else None


def _record_entry(resource: Resource) -> str | None:
    if resource.props.get("record_type") not in {"A", "AAAA", "CNAME"}:
        return None
    routing = resource.props.get("routing")
    return f"DNS {str(resource.props.get('record_name', '')).rstrip('.')}" + (f" ({routing})" if routing else "")


def _website_entry(resource: Resource) -> str | None:
    if not resource.props.get("website"):
        return None
    return f"website {resource.name}.{S3_WEBSITE_SUFFIX.format(region=resource.region)}"


def _api_entry(resource: Resource) -> str | None:
    return f"API {resource.name} ({resource.region})"


ENTRY_POINTS: dict[str, Callable[[Resource], str | None]] = {
    "aws.elbv2.load_balancer": _load_balancer_entry,
    "aws.elb.load_balancer": _load_balancer_entry,
    "aws.route53.record_set": _record_entry,
    "aws.s3.bucket": _website_entry,
    "aws.apigateway.rest_api": _api_entry,
    "aws.cloudfront.distribution": lambda resource: f"CDN {resource.props.get('domain_name', resource.name)}",
}


def entry_points(inventory: Inventory) -> list[str]:
    """What the account serves to the outside, as the inventory sees it (public DNS names, LBs, APIs)."""
    found = (ENTRY_POINTS[resource.key](resource) for resource in inventory.resources if resource.key in ENTRY_POINTS)
    return sorted({entry for entry in found if entry})


# --- one run of a case ---------------------------------------------------------------------------------------------


@dataclass
class CaseRun:
    case: Case
    stacks: list[DeployedStack]
    unchecked: list[str]  # stack resources the AWS APIs do not show
    inventory: Inventory
    deploy_seconds: float
    scan_seconds: float
    pipelines: dict[str, PipelineRun] = field(default_factory=dict)

    @property
    def not_inventoried(self) -> list[str]:
        return not_inventoried(self.stacks, self.inventory)

    def skipped_stack_items(self, target: str) -> list[str]:
        """Plan items skipped although the stacks created their resource (only provider defaults may be)."""
        own = stack_resource_ids(self.stacks, self.inventory)
        return [f"{item['source']['key']} {item['source']['id']}" for item in
                self.pipelines[target].items_with_status("skipped") if item["source"]["id"] in own]


class CorpusRunner:
    """Runs cases on one moto server, each case on a clean account; results are kept for the test's reuse."""

    def __init__(self, endpoint: str, work_dir: Path) -> None:
        self.endpoint = endpoint
        self.work_dir = work_dir
        self.runs: dict[str, CaseRun] = {}

    def deployed(self, case: Case) -> CaseRun:
        if case.name not in self.runs:
            self.runs[case.name] = self._deploy_and_scan(case)
        return self.runs[case.name]

    def run(self, case: Case, target: str) -> tuple[CaseRun, PipelineRun]:
        case_run = self.deployed(case)
        if target not in case_run.pipelines:
            case_run.pipelines[target] = run_pipeline(self.work_dir / case.name, target)
        return case_run, case_run.pipelines[target]

    def _deploy_and_scan(self, case: Case) -> CaseRun:
        reset_moto(self.endpoint)
        started = time.monotonic()
        stacks = deploy_case(case, self.endpoint)
        unchecked = unchecked_resources(stacks, self.endpoint)
        deployed_at = time.monotonic()
        inventory = scan_account(ScanOptions(regions=case.regions, endpoint_url=self.endpoint,
                                             concurrency=SCAN_CONCURRENCY))
        case_dir = self.work_dir / case.name
        case_dir.mkdir(parents=True, exist_ok=True)
        write_model_atomic(case_dir / "inventory.json", inventory)
        return CaseRun(case, stacks, unchecked, inventory, deployed_at - started, time.monotonic() - deployed_at)


def run_corpus(runner: CorpusRunner, cases: list[Case]) -> Iterator[CaseRun]:
    """Every case on every target, one case at a time."""
    for case in cases:
        for target in TARGETS:
            runner.run(case, target)
        yield runner.deployed(case)
