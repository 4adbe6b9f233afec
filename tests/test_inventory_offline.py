"""`planner inventory --from-cloudformation / --from-terraform`: templates and state read with no AWS call, into the
inventory a scan of the same account gives (the corpus parity is in tests/test_corpus.py)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from terraform_states import PLANTED_PASSWORD, show_json, state_v4, three_tier_resources

from planner.cli import app
from planner.core.model.inventory import Inventory, Resource
from providers.aws.offline import read_cloudformation, read_terraform

TEMPLATES = Path(__file__).parent / "templates"
CORPUS = Path(__file__).parent / "corpus"
PLANTED = "template-not-a-secret-9"


@pytest.fixture(scope="module")
def stacks() -> Inventory:
    return read_cloudformation(TEMPLATES, region="eu-west-1", parameters={"Env": "prod", "DbPassword": "p4ss-planted"},
                               account_id="123456789012")


def _one(inventory: Inventory, key: str, name: str) -> Resource:
    found = [resource for resource in inventory.resources if resource.key == key and resource.name == name]
    assert len(found) == 1, [(resource.key, resource.name) for resource in inventory.resources]
    return found[0]


def test_intrinsics_resolve_offline(stacks: Inventory) -> None:
    queue = _one(stacks, "aws.sqs.queue", "intrinsics-prod-jobs")  # Fn::Sub with a parameter and AWS::StackName
    assert queue.id == "arn:aws:sqs:eu-west-1:123456789012:intrinsics-prod-jobs"
    assert queue.props["visibility_timeout_s"] == 300  # Fn::If on a condition of a given parameter
    dead = _one(stacks, "aws.sqs.queue", "intrinsics-dead")  # Fn::Join
    assert queue.props["dlq_arn"] == dead.id and dead.id in queue.refs  # Fn::GetAtt to another resource's id
    database = _one(stacks, "aws.rds.instance", "Db")
    assert database.props["instance_class"] == "db.r6g.xlarge"  # Fn::FindInMap
    assert database.props["allocated_storage_gib"] == 40  # Fn::Select over a CommaDelimitedList
    subnet = _one(stacks, "aws.ec2.subnet", "SubnetA")
    assert subnet.props["cidr_block"] == "10.8.0.0/24"  # Fn::Cidr
    assert subnet.props["availability_zone"] == "eu-west-1b"  # Fn::GetAZs from the zone catalog
    assert subnet.refs == [_one(stacks, "aws.ec2.vpc", "Vpc").id]


def test_conditions_keep_and_drop_resources(stacks: Inventory) -> None:
    assert _one(stacks, "aws.sqs.queue", "intrinsics-ProdOnly")  # Env=prod: kept
    dev = read_cloudformation(TEMPLATES / "intrinsics.yaml", region="eu-west-1", parameters={"Env": "dev"})
    names = {resource.name for resource in dev.resources}
    assert "intrinsics-ProdOnly" not in names and "intrinsics-AlwaysQueue" in names


def test_an_unknown_stays_unknown_never_zero(stacks: Inventory) -> None:
    bucket = _one(stacks, "aws.s3.bucket", "Bucket")  # BucketSuffix has no value: its name is unknown
    assert bucket.props["size_bytes"] is None and bucket.props["object_count"] is None
    assert stacks.source.unknowns["aws.s3.bucket"] == ["created", "object_count", "size_bytes"]
    assert any("BucketSuffix" in warning.message for warning in stacks.warnings)
    assert stacks.source.kind == "cloudformation" and stacks.source.account_id == "123456789012"


def test_exports_imports_and_nested_stacks_by_local_path(stacks: Inventory) -> None:
    group = _one(stacks, "aws.ec2.security_group", "Group")
    assert group.props["vpc_id"] == _one(stacks, "aws.ec2.vpc", "Vpc").id  # Fn::ImportValue of the other template
    cache = next(resource for resource in stacks.resources if resource.key == "aws.elasticache.cluster")
    assert cache.refs == [group.id]  # the nested stack's parameter is the parent's resource
    topic = next(resource for resource in stacks.resources if resource.key == "aws.sns.topic")
    inbox = next(resource for resource in stacks.resources if resource.key == "aws.sqs.queue" and "Inbox" in resource.id)
    assert topic.refs == [inbox.id]  # Fn::GetAtt Nested.Outputs.QueueArn
    assert any("Remote" in warning.message and "not a local path" in warning.message for warning in stacks.warnings)


def test_types_the_inventory_does_not_cover_are_named(stacks: Inventory) -> None:
    uncovered = {warning.key for warning in stacks.warnings if warning.code == "type_not_covered"}
    assert uncovered == {"AWS::WAFv2::WebACL"}
    alarm = _one(stacks, "aws.cloudwatch.alarm", "Alarm")
    assert alarm.refs == [_one(stacks, "aws.ec2.instance", "Web").id]  # its InstanceId dimension


def test_no_secret_from_a_template_reaches_the_inventory(stacks: Inventory) -> None:
    text = stacks.model_dump_json()
    assert PLANTED not in text and "p4ss-planted" not in text
    worker = next(resource for resource in stacks.resources if resource.key == "aws.lambda.function")
    assert worker.props["env_var_names"] == ["API_TOKEN", "QUEUE"]


def test_terraform_state_v4_reads_ids_refs_and_parts(tmp_path: Path) -> None:
    path = tmp_path / "terraform.tfstate"
    path.write_text(json.dumps(state_v4(three_tier_resources())))
    inventory = read_terraform(path)
    assert inventory.source.kind == "terraform" and inventory.source.account_id == "210987654321"
    table = _one(inventory, "aws.ec2.route_table", "PublicRoutes")
    assert table.props["routes"][0]["target"] == "igw-00000000000000001" and "igw-00000000000000001" in table.refs
    gateway = _one(inventory, "aws.ec2.internet_gateway", "Gateway")
    assert gateway.props["attached_vpc_ids"] == ["vpc-00000000000000001"]  # inline vpc_id as CloudFormation's attachment
    targets = _one(inventory, "aws.elbv2.target_group", "web")
    assert targets.props["target_ids"] == ["i-00000000000000001", "i-00000000000000002"]  # aws_lb_target_group_attachment
    cluster = _one(inventory, "aws.rds.cluster", "orders")
    assert len(cluster.props["member_ids"]) == 2  # aws_rds_cluster_instance, by the cluster's name
    assert any("aws_wafv2_web_acl" in warning.message for warning in inventory.warnings)


@pytest.mark.parametrize("form", [state_v4, show_json])
def test_sensitive_terraform_values_never_reach_the_inventory(form: object, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps(form(three_tier_resources())))  # type: ignore[operator]
    result = CliRunner().invoke(app, ["inventory", "--from-terraform", str(path), "--out", str(tmp_path / "inv.json")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "inv.json").read_text()
    assert PLANTED_PASSWORD not in text
    assert "2 values Terraform marks sensitive were removed" in text


def test_both_state_forms_give_the_same_inventory(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(state_v4(three_tier_resources())))
    (tmp_path / "b.json").write_text(json.dumps(show_json(three_tier_resources())))
    first, second = read_terraform(tmp_path / "a.json"), read_terraform(tmp_path / "b.json")
    assert [(r.key, r.id, r.refs, r.props) for r in first.resources] == [(r.key, r.id, r.refs, r.props) for r in second.resources]


def _plan_summary(inventory_path: Path, tmp_path: Path, keys: set[str]) -> Counter[tuple[str, str, str]]:
    out = tmp_path / f"{inventory_path.stem}-plan.json"
    result = CliRunner().invoke(app, ["plan", str(inventory_path), "--target", "gcp", "--out", str(out)])
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text())["items"]
    return Counter((item["source"]["key"], item["kind"], item["status"]) for item in items if item["source"]["key"] in keys)


def test_a_template_and_a_state_of_one_shape_plan_alike(tmp_path: Path) -> None:
    """tests/corpus/three-tier-aurora.yaml and the same shape as Terraform state: the same items, kinds and statuses
    (the Aurora cluster and Redis group are made by API calls in the corpus, so only the template's types count)."""
    template_inventory = tmp_path / "template.json"
    state = tmp_path / "state.json"
    state.write_text(json.dumps(state_v4(three_tier_resources())))
    for arguments in (["--from-cloudformation", str(CORPUS / "three-tier-aurora.yaml"), "--regions", "us-east-1",
                       "--out", str(template_inventory)],
                      ["--from-terraform", str(state), "--out", str(tmp_path / "terraform.json")]):
        result = CliRunner().invoke(app, ["inventory", *arguments])
        assert result.exit_code == 0, result.output
    declared = {resource.key for resource in Inventory.load(template_inventory).resources}
    assert _plan_summary(template_inventory, tmp_path, declared) == _plan_summary(tmp_path / "terraform.json", tmp_path, declared)


@pytest.mark.parametrize(("arguments", "message"), [
    (["--from-cloudformation", "{bad}"], "not a CloudFormation template"),
    (["--from-cloudformation", "{empty}"], "no Resources section"),
    (["--from-terraform", "{bad}"], "not Terraform state"),
    (["--from-terraform", "{old}"], "version 3 is not supported"),
])
def test_a_bad_file_is_one_line_and_exit_3(arguments: list[str], message: str, tmp_path: Path) -> None:
    files = {"bad": tmp_path / "bad.yaml", "empty": tmp_path / "empty.yaml", "old": tmp_path / "old.tfstate"}
    files["bad"].write_text("Resources: [unclosed\n  - : :")
    files["empty"].write_text("AWSTemplateFormatVersion: 2010-09-09\n")
    files["old"].write_text(json.dumps({"version": 3, "modules": []}))
    out = tmp_path / "inventory.json"
    out.write_text("previous")
    resolved = [argument.format(**{name: str(path) for name, path in files.items()}) for argument in arguments]
    result = CliRunner().invoke(app, ["inventory", *resolved, "--out", str(out)])
    assert result.exit_code == 3, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert out.read_text() == "previous"  # nothing already written is lost


@pytest.mark.parametrize(("extra", "message"), [
    (["--profile", "prod"], "--profile: only for a scan"),
    (["--regions", "us-east-1,eu-west-1"], "one region"),
    (["--regions", "mars-north-1"], "unknown AWS region"),
    (["--from-terraform", "{state}"], "give one of them"),
])
def test_options_that_do_not_go_together_are_usage_errors(extra: list[str], message: str, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text(json.dumps(state_v4([])))
    resolved = [argument.format(state=state) for argument in extra]
    result = CliRunner().invoke(app, ["inventory", "--from-cloudformation", str(CORPUS / "static-site.yaml"), *resolved,
                                      "--out", str(tmp_path / "inv.json")])
    assert result.exit_code == 2, result.output
    assert message in result.output


@pytest.mark.parametrize("document", [
    {"Env": "prod", "DbPassword": "x", "BucketSuffix": "a1"},
    [{"ParameterKey": "Env", "ParameterValue": "prod"}, {"ParameterKey": "BucketSuffix", "ParameterValue": "a1"}],
    {"Parameters": {"Env": "prod", "BucketSuffix": "a1"}, "Tags": {}},
])
def test_parameter_files_in_every_form_the_aws_tools_write(document: object, tmp_path: Path) -> None:
    parameters = tmp_path / "parameters.json"
    parameters.write_text(json.dumps(document))
    out = tmp_path / "inventory.json"
    result = CliRunner().invoke(app, ["inventory", "--from-cloudformation", str(TEMPLATES / "intrinsics.yaml"),
                                      "--parameters", str(parameters), "--out", str(out)])
    assert result.exit_code == 0, result.output
    inventory = Inventory.load(out)
    assert any(resource.name == "assets-a1" for resource in inventory.resources)
    assert any(resource.name == "intrinsics-prod-jobs" for resource in inventory.resources)


def test_every_declarable_covered_type_has_a_shape() -> None:
    """Each source type the live inventory covers, and that a template can declare, is read from templates."""
    from planner.core.kinds import source_types
    from providers.aws.offline.shapes import CLOUDFORMATION

    not_declarable = {"aws.ec2.image", "aws.ec2.snapshot", "aws.rds.snapshot", "aws.route53domains.domain"}
    assert set(source_types()) - {shape.key for shape in CLOUDFORMATION.values()} == not_declarable


@pytest.mark.parametrize("cfn_type", sorted(__import__("providers.aws.offline.shapes", fromlist=["CLOUDFORMATION"]).CLOUDFORMATION))
def test_a_type_declared_with_no_properties_still_reads(cfn_type: str, tmp_path: Path) -> None:
    template = tmp_path / "bare.yaml"
    template.write_text(f"Resources:\n  Bare:\n    Type: {cfn_type}\n")
    inventory = read_cloudformation(template, region="us-east-1")
    assert len(inventory.resources) == 1


@pytest.mark.parametrize("tf_type", sorted(__import__("providers.aws.offline.shapes", fromlist=["TERRAFORM"]).TERRAFORM))
def test_a_terraform_type_with_only_an_id_still_reads(tf_type: str, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state_v4([(tf_type, "bare", {"id": "bare-1"}, [])])))
    read_terraform(path)  # no error: what the state does not say stays unknown


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from providers.aws.offline.intrinsics import FUNCTIONS  # noqa: E402

NAMES = st.sampled_from(["A", "B", "Vpc", "Env", "AWS::Region", "AWS::NoValue", "Missing", "IsProd"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 300), st.text(max_size=12), NAMES)


def _values() -> st.SearchStrategy[object]:
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3),
            st.builds(lambda name, argument: {name: argument}, st.sampled_from(sorted(FUNCTIONS)), inner),
        ),
        max_leaves=12,
    )


# Property names the shapes read, so that values of every shape reach them.
PROPERTY_NAMES = st.sampled_from([
    "SecurityGroupIngress", "SecurityGroupEgress", "Tags", "SubnetId", "VpcId", "CidrBlock", "Subscription", "Targets",
    "DefaultActions", "Actions", "Conditions", "Listeners", "KeySchema", "Environment", "VpcConfig", "ContainerDefinitions",
    "LoadBalancers", "NetworkConfiguration", "DistributionConfig", "ResourceRecords", "AliasTarget", "LaunchTemplate",
    "LaunchTemplateData", "BlockDeviceMappings", "Dimensions", "Schema", "ClusterConfig", "Name", "Type", "Port",
    "Policies", "ManagedPolicyArns", "VPCs", "RedrivePolicy", "ProvisionedThroughput", "StreamEncryption",
    "NetworkInterfaces", "Volumes", "Subnets", "SubnetMappings", "BucketEncryption", "VersioningConfiguration",
    "ResourcesVpcConfig", "StreamModeDetails", "DefinitionSubstitutions", "EventPattern", "Certificates", "Instances",
    "GlobalSecondaryIndexes", "RuntimePlatform", "EndpointConfiguration", "ImageScanningConfiguration", "NumNodeGroups",
    "ReplicasPerNodeGroup", "LambdaConfig", "DkimAttributes", "VPCOptions", "IamRoles", "TemplateURL", "Parameters",
])

TEMPLATES_STRATEGY = st.fixed_dictionaries({
    "Parameters": st.dictionaries(NAMES, st.fixed_dictionaries({}, optional={"Default": SCALARS, "Type": st.sampled_from(
        ["String", "CommaDelimitedList", "Number"])}), max_size=3),
    "Conditions": st.dictionaries(NAMES, _values(), max_size=2),
    "Resources": st.dictionaries(NAMES, st.fixed_dictionaries(
        {"Type": st.sampled_from(sorted(__import__("providers.aws.offline.shapes", fromlist=["CLOUDFORMATION"]).CLOUDFORMATION)
                                 + ["AWS::Unknown::Thing"])},
        optional={"Properties": st.dictionaries(st.one_of(PROPERTY_NAMES, st.text(min_size=1, max_size=8)), _values(),
                                                max_size=5),
                  "Condition": NAMES}), min_size=1, max_size=4),
    "Outputs": st.dictionaries(NAMES, st.fixed_dictionaries({"Value": _values()}), max_size=2),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=TEMPLATES_STRATEGY)
def test_any_template_reads_or_fails_with_one_line(document: dict[str, object], tmp_path: Path) -> None:
    """Intrinsics of any shape, unknown types and conditions: the template reads (what is malformed is unknown)."""
    template = tmp_path / "fuzz.json"
    template.write_text(json.dumps(document))
    inventory = read_cloudformation(template, region="us-east-1")
    assert all(resource.key.startswith("aws.") for resource in inventory.resources)
