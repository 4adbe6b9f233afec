"""The fresh-AWS stack under Pulumi mocks with the real pulumi-aws classes."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pulumi
import pytest

from planner.core.model.inventory import Inventory
from planner.core.model.plan import Plan
from planner.planning.engine import build_plan
from planner.pulumi_mocks import MockRun, PlaceholderMocks, run_under_mocks
from providers.aws.spec import SPEC_TYPES
from stacks.aws import COMPONENTS, build
from stacks.common.errors import StackProgramError

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
# How the SDK marks a secret value on the wire: {SIG_KEY: SECRET_SIG, "value": ...}.
SIG_KEY = pulumi.runtime.rpc._special_sig_key  # noqa: SLF001
SECRET_SIG = pulumi.runtime.rpc._special_secret_sig  # noqa: SLF001

# Target type -> the pulumi-aws type token of its main resource.
# A VPC's default security group is adopted, not created.
DEFAULT_GROUP_TOKEN = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
MAIN_TOKENS: dict[str, str] = {
    "aws.ec2.instance": "aws:ec2/instance:Instance",
    "aws.ec2.launch_template": "aws:ec2/launchTemplate:LaunchTemplate",
    "aws.autoscaling.group": "aws:autoscaling/group:Group",
    "aws.lambda.function": "aws:lambda/function:Function",
    "aws.ecs.cluster": "aws:ecs/cluster:Cluster",
    "aws.ecs.task_definition": "aws:ecs/taskDefinition:TaskDefinition",
    "aws.ecs.service": "aws:ecs/service:Service",
    "aws.eks.cluster": "aws:eks/cluster:Cluster",
    "aws.ec2.vpc": "aws:ec2/vpc:Vpc",
    "aws.ec2.subnet": "aws:ec2/subnet:Subnet",
    "aws.ec2.security_group": "aws:ec2/securityGroup:SecurityGroup",
    "aws.ec2.route_table": "aws:ec2/routeTable:RouteTable",
    "aws.ec2.internet_gateway": "aws:ec2/internetGateway:InternetGateway",
    "aws.ec2.nat_gateway": "aws:ec2/natGateway:NatGateway",
    "aws.ec2.eip": "aws:ec2/eip:Eip",
    "aws.lb.load_balancer": "aws:lb/loadBalancer:LoadBalancer",
    "aws.elb.load_balancer": "aws:elb/loadBalancer:LoadBalancer",
    "aws.lb.listener": "aws:lb/listener:Listener",
    "aws.lb.target_group": "aws:lb/targetGroup:TargetGroup",
    "aws.route53.zone": "aws:route53/zone:Zone",
    "aws.route53.record": "aws:route53/record:Record",
    "aws.cloudfront.distribution": "aws:cloudfront/distribution:Distribution",
    "aws.acm.certificate": "aws:acm/certificate:Certificate",
    "aws.rds.instance": "aws:rds/instance:Instance",
    "aws.rds.cluster_instance": "aws:rds/clusterInstance:ClusterInstance",
    "aws.rds.cluster": "aws:rds/cluster:Cluster",
    "aws.elasticache.replication_group": "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws.elasticache.cluster": "aws:elasticache/cluster:Cluster",
    "aws.dynamodb.table": "aws:dynamodb/table:Table",
    "aws.ebs.volume": "aws:ebs/volume:Volume",
    "aws.s3.bucket": "aws:s3/bucket:Bucket",
    "aws.efs.file_system": "aws:efs/fileSystem:FileSystem",
    "aws.ecr.repository": "aws:ecr/repository:Repository",
    "aws.sqs.queue": "aws:sqs/queue:Queue",
    "aws.sns.topic": "aws:sns/topic:Topic",
    "aws.iam.role": "aws:iam/role:Role",
    "aws.secretsmanager.secret": "aws:secretsmanager/secret:Secret",
    "aws.kms.key": "aws:kms/key:Key",
    "aws.ec2.key_pair": "aws:ec2/keyPair:KeyPair",
    "aws.opensearch.domain": "aws:opensearch/domain:Domain",
    "aws.cognito.user_pool": "aws:cognito/userPool:UserPool",
    "aws.sesv2.email_identity": "aws:sesv2/emailIdentity:EmailIdentity",
    "aws.cloudwatch.log_group": "aws:cloudwatch/logGroup:LogGroup",
    "aws.redshift.cluster": "aws:redshift/cluster:Cluster",
    "aws.ec2.vpc_endpoint": "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws.ec2.vpc_peering": "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    "aws.lb.listener_rule": "aws:lb/listenerRule:ListenerRule",
    "aws.apigateway.rest_api": "aws:apigateway/restApi:RestApi",
    "aws.apigatewayv2.api": "aws:apigatewayv2/api:Api",
    "aws.events.event_bus": "aws:cloudwatch/eventBus:EventBus",
    "aws.events.rule": "aws:cloudwatch/eventRule:EventRule",
    "aws.sfn.state_machine": "aws:sfn/stateMachine:StateMachine",
    "aws.kinesis.stream": "aws:kinesis/stream:Stream",
    "aws.lambda.event_source_mapping": "aws:lambda/eventSourceMapping:EventSourceMapping",
    "aws.ssm.parameter": "aws:ssm/parameter:Parameter",
    "aws.cloudwatch.metric_alarm": "aws:cloudwatch/metricAlarm:MetricAlarm",
}


class ProviderRecordingMocks(PlaceholderMocks):
    """The placeholder mocks, also noting which provider reference each resource was given."""

    def __init__(self) -> None:
        self.providers: dict[str, str] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.providers[args.name] = args.provider or ""
        return super().new_resource(args)


class RepositoryUrlMocks(PlaceholderMocks):
    """The placeholder mocks, plus the URL ECR computes for a repository."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        resource_id, state = super().new_resource(args)
        if args.typ == "aws:ecr/repository:Repository":
            state["repositoryUrl"] = f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{args.inputs['name']}-new"
        return resource_id, state


@cache
def synthetic_plan() -> Plan:
    return build_plan(Inventory.model_validate(json.loads(SYNTHETIC.read_text())), "aws")


def export_all(plan: Plan) -> None:
    for name, value in build(plan).items():
        pulumi.export(name, value)


def run_plan(plan: Plan, *, config: dict[str, str] | None = None, mocks: pulumi.runtime.Mocks | None = None) -> MockRun:
    return run_under_mocks(lambda: export_all(plan), config=config, mocks=mocks)


@pytest.fixture(scope="module")
def recorded() -> tuple[MockRun, ProviderRecordingMocks]:
    mocks = ProviderRecordingMocks()
    return run_plan(synthetic_plan(), mocks=mocks), mocks


@pytest.fixture(scope="module")
def synthetic_run(recorded: tuple[MockRun, ProviderRecordingMocks]) -> MockRun:
    return recorded[0]


def resource(run: MockRun, name: str) -> Any:
    return next(found for found in run.resources if found.name == name)


def test_every_target_type_has_a_builder_and_a_main_resource_token() -> None:
    builders = {spec_type for component, _ in COMPONENTS.values() for spec_type in component.spec_builders}
    assert builders == set(SPEC_TYPES) == set(MAIN_TOKENS)


def test_every_buildable_item_of_the_synthetic_plan_builds_its_main_resource(synthetic_run: MockRun) -> None:
    by_name = {found.name: found for found in synthetic_run.resources}
    unbuilt_manual = {entry["id"] for entry in synthetic_run.outputs["manual_items"]}
    for item in synthetic_plan().items:
        if item.status not in ("mapped", "partial") or item.id in unbuilt_manual:
            continue
        target = item.target or {}
        expected = DEFAULT_GROUP_TOKEN if target.get("default") else MAIN_TOKENS[target["type"]]
        assert by_name[item.id].type == expected, item.id


def test_every_target_type_of_the_plan_is_built(synthetic_run: MockRun) -> None:
    built = set(synthetic_run.counts_by_type())
    wanted = {MAIN_TOKENS[spec_type] for spec_type in SPEC_TYPES if spec_type != "aws.ec2.key_pair"}  # needs config
    assert wanted <= built


def test_one_component_per_group_with_children_parented(synthetic_run: MockRun) -> None:
    components = {found.type for found in synthetic_run.resources if not found.custom}
    assert {f"planner:aws:{group.capitalize()}" for group in COMPONENTS} <= components
    assert "planner:aws:Network::network" in resource(synthetic_run, "network-vpc-main-vpc").parent_urn
    assert "planner:aws:Compute::compute" in resource(synthetic_run, "compute-vm-bastion").parent_urn
    assert "planner:aws:Data::data" in resource(synthetic_run, "db-sql-orders").parent_urn


def test_instance_properties_flow_through(synthetic_run: MockRun) -> None:
    plan_item = synthetic_plan().by_id()["compute-vm-inference"]
    inputs = resource(synthetic_run, "compute-vm-inference").inputs
    assert inputs["instanceType"] == (plan_item.target or {})["instance_type"] == "g4dn.xlarge"
    assert inputs["availabilityZone"] == (plan_item.target or {})["availability_zone"]
    assert inputs["ami"].startswith("resolve:ssm:/aws/service/")
    assert inputs["tags"]["Name"] == (plan_item.target or {})["name"]


def test_volume_database_and_tags_flow_through(synthetic_run: MockRun) -> None:
    volume = synthetic_plan().by_id()["storage-block-models"].target or {}
    volume_inputs = resource(synthetic_run, "storage-block-models").inputs
    assert (volume_inputs["size"], volume_inputs["type"], volume_inputs["availabilityZone"]) == (
        volume["size_gib"], volume["volume_type"], volume["availability_zone"]
    )
    database = resource(synthetic_run, "db-sql-orders").inputs
    assert (database["instanceClass"], database["engine"], database["multiAz"]) == ("db.m5.large", "postgres", True)
    tagged = next(item for item in synthetic_plan().items if item.target and item.target.get("tags"))
    assert resource(synthetic_run, tagged.id).inputs["tags"].items() >= tagged.target["tags"].items()


def test_references_are_outputs_of_the_built_resources(synthetic_run: MockRun) -> None:
    subnet = resource(synthetic_run, "network-subnet-app-a").inputs
    assert subnet["vpcId"] == "network-vpc-main-vpc-id"  # the mock id of the VPC resource, not a literal from the plan
    instance = resource(synthetic_run, "compute-vm-bastion").inputs
    assert instance["subnetId"].endswith("-id") and instance["subnetId"].startswith("network-subnet-")
    replica = resource(synthetic_run, "db-sql-orders-replica").inputs
    assert replica["replicateSourceDb"] == resource(synthetic_run, "db-sql-orders").inputs["identifier"]
    assert "password" not in replica  # replicas take the primary's credentials


def test_security_group_rules_reference_groups_by_output(synthetic_run: MockRun) -> None:
    rules = synthetic_run.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
    referenced = [rule.inputs["referencedSecurityGroupId"] for rule in rules if "referencedSecurityGroupId" in rule.inputs]
    assert referenced and all(value.startswith("network-firewall-") and value.endswith("-id") for value in referenced)


def test_instances_are_attached_to_target_groups_and_addresses() -> None:
    plan = synthetic_plan().model_copy(deep=True)
    items = plan.by_id()
    address = next(item for item in plan.items if item.kind == "network.ip")
    target_group = next(item for item in plan.items if item.kind == "lb.backend")
    address.target = {**(address.target or {}), "instance_item": "compute-vm-bastion"}
    target_group.target = {**(target_group.target or {}), "target_items": ["compute-vm-bastion"]}
    assert items["compute-vm-bastion"].status == "partial"
    run = run_plan(plan)
    association = resource(run, f"{address.id}-association").inputs
    assert association["instanceId"] == "compute-vm-bastion-id"
    assert association["allocationId"] == resource(run, address.id).inputs.get("allocationId", association["allocationId"])
    attachment = resource(run, f"{target_group.id}-compute-vm-bastion").inputs
    assert attachment["targetId"] == "compute-vm-bastion-id"
    assert attachment["targetGroupArn"] == f"arn:mock:targetgroup:{target_group.id}"
    assert "planner:aws:Compute::compute" in resource(run, f"{address.id}-association").parent_urn


def test_autoscaling_group_uses_its_template_and_target_groups(synthetic_run: MockRun) -> None:
    group = resource(synthetic_run, "compute-group-web-asg").inputs
    assert group["launchTemplate"]["id"] == "compute-template-web-template-id"
    assert group["targetGroupArns"] == ["arn:mock:targetgroup:lb-backend-web"]


def test_database_passwords_are_random_secrets_and_never_exported(synthetic_run: MockRun) -> None:
    databases = [found for found in synthetic_run.of_type("aws:rds/instance:Instance") if "password" in found.inputs]
    clusters = synthetic_run.of_type("aws:rds/cluster:Cluster")
    assert databases and clusters
    for found in databases:
        assert found.inputs["password"][SIG_KEY] == SECRET_SIG  # a secret value, not plain text
    for found in clusters:
        assert found.inputs["masterPassword"][SIG_KEY] == SECRET_SIG
    assert synthetic_run.of_type("random:index/randomPassword:RandomPassword")
    assert "mock-random-value" not in json.dumps(synthetic_run.outputs, default=str)
    assert synthetic_run.outputs["items"]["db-sql-orders"]["endpoint"]


def test_outputs_give_what_the_operator_needs_next(synthetic_run: MockRun) -> None:
    items = synthetic_run.outputs["items"]
    assert items["lb-web"]["dns_name"] and items["compute-vm-bastion"]["private_ip"]
    assert items["storage-object-assets-bucket"]["bucket"] == "assets-bucket"
    assert items["dns-zone-example-com"]["name_servers"]
    assert synthetic_run.outputs["regions"] == ["eu-west-1", "us-east-1"]


def test_manual_items_create_no_resource_and_are_listed_with_reasons(synthetic_run: MockRun) -> None:
    manual = {entry["id"]: entry for entry in synthetic_run.outputs["manual_items"]}
    names = {found.name for found in synthetic_run.resources}
    assert "cert-legacy-example-org" in manual and "cert-legacy-example-org" not in names
    key_pair = manual["compute-keypair-deploy"]  # no public key in config
    assert "publicKey-compute-keypair-deploy" in key_pair["work"] and "compute-keypair-deploy" not in names
    assert all(entry["reason"] for entry in manual.values())


def test_key_pair_is_imported_when_its_public_key_is_configured() -> None:
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockKeyForTests operator@example"
    run = run_plan(synthetic_plan(), config={"planner:publicKey-compute-keypair-deploy": public_key})
    assert resource(run, "compute-keypair-deploy").inputs["publicKey"] == public_key
    assert all(entry["id"] != "compute-keypair-deploy" for entry in run.outputs["manual_items"])
    bastion = next(item for item in synthetic_plan().items if item.target and item.target.get("key_pair_item"))
    assert resource(run, bastion.id).inputs["keyName"] == "deploy"


def test_each_region_has_its_own_provider(recorded: tuple[MockRun, ProviderRecordingMocks]) -> None:
    run, mocks = recorded
    regions = {found.name: found.inputs["region"] for found in run.of_type("pulumi:providers:aws")}
    assert regions == {"aws-eu-west-1": "eu-west-1", "aws-us-east-1": "us-east-1"}
    assert "aws-eu-west-1" in mocks.providers["compute-vm-eu-api"]
    assert "aws-us-east-1" in mocks.providers["compute-vm-bastion"]
    assert "aws-us-east-1" in mocks.providers["cdn-cdn-example-com"]  # CloudFront lives in us-east-1


def test_a_reference_to_a_missing_item_fails_naming_the_item() -> None:
    plan = synthetic_plan().model_copy(deep=True)
    subnet = plan.by_id()["network-subnet-app-a"]
    subnet.target = {**(subnet.target or {}), "vpc_item": "network-vpc-gone"}
    with pytest.raises(StackProgramError, match="network-subnet-app-a.*network-vpc-gone"):
        run_plan(plan)


def test_a_plan_for_another_target_is_refused() -> None:
    plan = synthetic_plan().model_copy(deep=True)
    plan.target.provider = "gcp"
    with pytest.raises(StackProgramError, match="not 'gcp'"):
        run_plan(plan)


def test_task_images_point_at_the_new_repository_and_services_at_their_target_groups() -> None:
    run = run_plan(synthetic_plan(), mocks=RepositoryUrlMocks())
    containers = json.loads(resource(run, "container-task-api-7").inputs["containerDefinitions"])
    assert containers[0]["image"] == "123456789012.dkr.ecr.us-east-1.amazonaws.com/api-new:1.4"
    assert containers[0]["portMappings"][0]["containerPort"] == 8080
    assert resource(run, "container-task-api-7").inputs["requiresCompatibilities"] == ["FARGATE"]
    service = resource(run, "container-service-api").inputs
    assert service["loadBalancers"] == [{"containerName": "api", "containerPort": 8080, "targetGroupArn": "arn:mock:targetgroup:lb-backend-api"}]
    assert service["taskDefinition"] == "arn:mock:taskdefinition:container-task-api-7"
