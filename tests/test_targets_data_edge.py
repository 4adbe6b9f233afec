"""The data and edge types on both targets: what each maps to, and what the builders create under Pulumi's mocks
(real pulumi-gcp / pulumi-aws classes); the seeded moto account planned end to end."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pulumi
import pytest
import test_inventory_coverage as coverage
from test_inventory_coverage import Seeded

from planner.core.model.inventory import Inventory
from planner.core.model.plan import Plan, PlanItem
from planner.planning.engine import build_plan
from planner.pulumi_mocks import MockRun, run_under_mocks
from providers.gcp.kinds.lb_rule import url_map_path

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
ACCOUNT = "123456789012"
scanned = coverage.scanned  # the coverage module's one seeded scan, as a fixture of this module


def _document() -> dict[str, Any]:
    return json.loads(SYNTHETIC.read_text())


@cache
def plan_of(target: str) -> Plan:
    return build_plan(Inventory.model_validate(_document()), target)


def with_resources(*resources: dict[str, Any]) -> Inventory:
    document = _document()
    document["resources"].extend(resources)
    return Inventory.model_validate(document)


def item(plan: Plan, source_id: str) -> PlanItem:
    return next(found for found in plan.items if found.source.id == source_id)


def resource_named(run: MockRun, name: str) -> Any:
    return next(found for found in run.resources if found.name == name)


def _run(target: str, plan: Plan) -> MockRun:
    if target == "gcp":
        from stacks.gcp import build
    else:
        from stacks.aws import build

    def program() -> None:
        for name, value in build(plan).items():
            pulumi.export(name, value)

    return run_under_mocks(program, config={"gcp:project": "demo"} if target == "gcp" else None)


@pytest.fixture(scope="module")
def gcp_run() -> MockRun:
    return _run("gcp", plan_of("gcp"))


@pytest.fixture(scope="module")
def aws_run() -> MockRun:
    return _run("aws", plan_of("aws"))


def arn(service: str, rest: str, region: str = "us-east-1") -> str:
    return f"arn:aws:{service}:{region}:{ACCOUNT}:{rest}"


RULE = arn("elasticloadbalancing", "listener-rule/app/web/50dc/443/10")
SEARCH_TG = arn("elasticloadbalancing", "targetgroup/search-api/3")


# --- statuses on both targets ---------------------------------------------------------------------------------------

EXPECTED_STATUS: dict[str, tuple[str, str]] = {  # source id -> (gcp, aws)
    arn("es", "domain/timeline-search"): ("manual", "partial"),
    arn("cognito-idp", "userpool/us-east-1_AbCdEf123"): ("partial", "partial"),
    arn("ses", "identity/example.com"): ("manual", "partial"),
    arn("logs", "log-group:/aws/lambda/thumbnailer"): ("partial", "partial"),
    "snap-0models": ("manual", "manual"),
    "ami-0web": ("manual", "manual"),
    arn("rds", "snapshot:orders-before-upgrade"): ("manual", "manual"),
    "example.com": ("manual", "manual"),
    arn("redshift", "cluster:warehouse"): ("partial", "partial"),
    "vpce-0s3": ("skipped", "mapped"),
    "vpce-0sqs": ("partial", "mapped"),
    RULE: ("partial", "mapped"),
}


@pytest.mark.parametrize(("source_id", "statuses"), sorted(EXPECTED_STATUS.items()))
def test_status_on_each_target(source_id: str, statuses: tuple[str, str]) -> None:
    for target, status in zip(("gcp", "aws"), statuses, strict=True):
        planned = item(plan_of(target), source_id)
        assert planned.status == status, (target, planned.notes)
        if status == "manual":
            assert planned.manual and planned.manual.reason and planned.manual.work


def test_peering_is_skipped_inside_one_gcp_network_and_built_between_two() -> None:
    gcp = {item(plan_of("gcp"), pcx).status for pcx in ("pcx-0peer", "pcx-0lab")}
    assert gcp == {"skipped", "mapped"}
    assert {item(plan_of("aws"), pcx).status for pcx in ("pcx-0peer", "pcx-0lab")} == {"mapped"}


def test_data_bytes_order_the_evacuation() -> None:
    plan = plan_of("gcp")
    gib = 1024**3
    assert item(plan, arn("es", "domain/timeline-search")).data_bytes == 600 * gib  # EBS x nodes: an upper bound
    assert item(plan, "snap-0models").data_bytes == 120 * gib  # the full snapshot size, not the 500 GiB volume
    assert item(plan, "snap-0webroot").data_bytes == 50 * gib
    assert item(plan, "ami-0web").data_bytes == 0  # counted on its snapshot
    assert item(plan, arn("rds", "snapshot:orders-before-upgrade")).data_bytes == 200 * gib
    assert item(plan, arn("redshift", "cluster:warehouse")).data_bytes == 320 * 10**9
    assert item(plan, arn("logs", "log-group:/aws/lambda/thumbnailer")).data_bytes == 2_500_000_000


def test_notes_say_the_work_that_decides_the_cutover() -> None:
    gcp, aws = plan_of("gcp"), plan_of("aws")
    for plan in (gcp, aws):
        pool = item(plan, arn("cognito-idp", "userpool/us-east-1_AbCdEf123"))
        assert any("password hashes" in note and "reset" in note for note in pool.notes)
        assert any("48000 users" in note for note in pool.notes)
    domain = item(gcp, "example.com")
    assert "5-7 days" in domain.manual.work and "60-day" in domain.manual.work
    assert any("expires 2027-03-01" in note and "auto-renew on" in note for note in domain.notes)
    assert "transfer-domain-to-another-aws-account" in item(aws, "example.com").manual.work
    assert any("sandbox" in note for note in item(aws, arn("ses", "identity/example.com")).notes)
    assert "SendGrid" in item(gcp, arn("ses", "identity/example.com")).manual.work
    assert any("upper bound" in note for note in item(gcp, arn("es", "domain/timeline-search")).notes)
    image = item(gcp, "ami-0web")
    assert "gcloud compute images import" in image.manual.work and any("web-1, web-2" in n for n in image.notes)
    assert "modify-snapshot-attribute" in item(aws, "snap-0models").manual.work


def test_gcp_specs() -> None:
    plan = plan_of("gcp")
    rule = item(plan, RULE).target
    assert (rule["hosts"], rule["paths"], rule["backend"]) == (["search.example.com"], ["/api/*"], item(plan, SEARCH_TG).id)
    assert item(plan, arn("logs", "log-group:/aws/lambda/thumbnailer")).target["retention_days"] == 30
    assert item(plan, arn("redshift", "cluster:warehouse")).target["dataset_id"] == "warehouse"
    tenant = item(plan, arn("cognito-idp", "userpool/us-east-1_AbCdEf123")).target
    assert tenant["display_name"] == "users" and 4 <= len(tenant["display_name"]) <= 20
    psc = item(plan, "vpce-0sqs").target
    assert psc["address"] == "10.255.255.254" and psc["aws_services"] == ["sqs"]
    assert len(psc["endpoint_name"]) <= 20 and psc["endpoint_name"].isalnum()


def test_aws_specs() -> None:
    plan = plan_of("aws")
    endpoint = item(plan, "vpce-0sqs").target
    assert endpoint["service_name"] == f"com.amazonaws.{endpoint['region']}.sqs"
    rule = item(plan, RULE).target
    assert rule["listener_item"] == item(plan, arn("elasticloadbalancing", "listener/app/web/50dc/443")).id
    assert rule["target_group_items"] == [item(plan, SEARCH_TG).id] and rule["priority"] == 10
    peering = item(plan, "pcx-0peer").target
    assert peering["peer_region"] != peering["region"]


# --- GCP builders under mocks ------------------------------------------------------------------------------------------


def test_gcp_rule_is_wired_into_its_listeners_url_map(gcp_run: MockRun) -> None:
    plan = plan_of("gcp")
    listener = item(plan, arn("elasticloadbalancing", "listener/app/web/50dc/443")).id
    url_map = resource_named(gcp_run, f"{listener}-urlmap").inputs
    backend = item(plan, SEARCH_TG).id
    assert url_map["hostRules"] == [{"hosts": ["search.example.com"], "pathMatcher": "rules-1"}]
    matcher = url_map["pathMatchers"][0]
    assert matcher["name"] == "rules-1" and matcher["pathRules"] == [{"paths": ["/api/*"], "service": f"{backend}-id"}]
    assert matcher["defaultService"] == url_map["defaultService"]
    assert item(plan, RULE).id not in {entry["id"] for entry in gcp_run.outputs["manual_items"]}


def test_gcp_builders(gcp_run: MockRun) -> None:
    plan = plan_of("gcp")
    tenant = resource_named(gcp_run, item(plan, arn("cognito-idp", "userpool/us-east-1_AbCdEf123")).id).inputs
    assert tenant["displayName"] == "users" and tenant["allowPasswordSignup"] is True
    config = gcp_run.of_type("gcp:identityplatform/config:Config")
    assert len(config) == 1 and config[0].inputs["multiTenant"] == {"allowTenants": True}
    bucket = resource_named(gcp_run, item(plan, arn("logs", "log-group:/aws/lambda/thumbnailer")).id).inputs
    assert (bucket["project"], bucket["retentionDays"]) == ("demo", 30)
    dataset = resource_named(gcp_run, item(plan, arn("redshift", "cluster:warehouse")).id).inputs
    assert dataset["datasetId"] == "warehouse" and dataset["location"]
    psc_item = item(plan, "vpce-0sqs")
    rule = resource_named(gcp_run, psc_item.id).inputs
    address = resource_named(gcp_run, f"{psc_item.id}-address").inputs
    assert rule["target"] == "all-apis" and address["purpose"] == "PRIVATE_SERVICE_CONNECT"
    assert address["address"] == "10.255.255.254" and rule["network"] == address["network"]


def test_gcp_peering_is_a_pair(gcp_run: MockRun) -> None:
    peering = next(found for found in plan_of("gcp").items if found.kind == "network.peering" and found.status == "mapped")
    there = resource_named(gcp_run, peering.id).inputs
    back = resource_named(gcp_run, f"{peering.id}-back").inputs
    assert (there["network"], there["peerNetwork"]) == (back["peerNetwork"], back["network"])
    assert there["network"] != there["peerNetwork"]


def test_gcp_rule_whose_backend_comes_late_is_listed_not_lost() -> None:
    plan = plan_of("gcp").model_copy(deep=True)
    rule = item(plan, RULE)
    item(plan, SEARCH_TG).status = "manual"  # its backend service is never built: the URL map cannot carry the rule
    run = _run("gcp", plan)
    listed = {entry["id"]: entry for entry in run.outputs["manual_items"]}
    assert rule.id in listed and "not wired" in listed[rule.id]["reason"]


# --- AWS builders under mocks ------------------------------------------------------------------------------------------


def test_aws_builders(aws_run: MockRun) -> None:
    plan = plan_of("aws")
    ours = {item(plan, source_id).id for source_id, (_, status) in EXPECTED_STATUS.items() if status != "manual"}
    assert ours.isdisjoint(entry["id"] for entry in aws_run.outputs["manual_items"])
    domain = resource_named(aws_run, item(plan, arn("es", "domain/timeline-search")).id).inputs
    assert domain["clusterConfig"]["instanceCount"] == 3 and domain["ebsOptions"]["volumeSize"] == 200
    assert len(domain["vpcOptions"]["subnetIds"]) == 2
    pool_item = item(plan, arn("cognito-idp", "userpool/us-east-1_AbCdEf123"))
    pool = resource_named(aws_run, pool_item.id).inputs
    assert pool["mfaConfiguration"] == "OPTIONAL" and pool["softwareTokenMfaConfiguration"] == {"enabled": True}
    assert "lambdaConfig" not in pool  # the functions come later (compute group): the notes say how to wire them
    assert any("pre_sign_up -> thumbnailer" in note for note in pool_item.notes)
    assert sorted(r.inputs["name"] for r in aws_run.of_type("aws:cognito/userPoolClient:UserPoolClient")) == ["mobile", "web"]
    cluster = resource_named(aws_run, item(plan, arn("redshift", "cluster:warehouse")).id).inputs
    assert cluster["manageMasterPassword"] is True and "masterPassword" not in cluster
    assert (cluster["nodeType"], cluster["numberOfNodes"], cluster["clusterType"]) == ("dc2.large", 2, "multi-node")
    assert cluster["clusterSubnetGroupName"]
    group = resource_named(aws_run, item(plan, arn("logs", "log-group:/aws/lambda/thumbnailer")).id).inputs
    assert (group["name"], group["retentionInDays"]) == ("/aws/lambda/thumbnailer", 30) and group["kmsKeyId"]


def test_aws_rule_endpoint_and_peering(aws_run: MockRun) -> None:
    plan = plan_of("aws")
    rule = resource_named(aws_run, item(plan, RULE).id).inputs
    assert rule["conditions"] == [{"hostHeader": {"values": ["search.example.com"]}}, {"pathPattern": {"values": ["/api/*"]}}]
    assert rule["actions"][0]["type"] == "forward" and rule["actions"][0]["targetGroupArn"]
    gateway = resource_named(aws_run, item(plan, "vpce-0s3").id).inputs
    assert gateway["vpcEndpointType"] == "Gateway" and gateway["routeTableIds"] and "subnetIds" not in gateway
    interface = resource_named(aws_run, item(plan, "vpce-0sqs").id).inputs
    assert interface["privateDnsEnabled"] is True and interface["subnetIds"]
    peering_item = item(plan, "pcx-0peer")
    peering = resource_named(aws_run, peering_item.id).inputs
    assert peering["peerRegion"] == (peering_item.target or {})["peer_region"] and "autoAccept" not in peering
    assert resource_named(aws_run, f"{peering_item.id}-accepter").inputs["autoAccept"] is True


# --- edge cases of the mappings ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("pattern", "path"), [("/api/*", "/api/*"), ("/health", "/health"), ("/img/*.png", None),
                                               ("/api*", None), ("*", None)])
def test_alb_path_patterns_as_url_map_paths(pattern: str, path: str | None) -> None:
    assert url_map_path(pattern) == path


def _rule(rule_id: str, conditions: list[dict[str, Any]], action: str = "forward", **props: Any) -> dict[str, Any]:
    listener = arn("elasticloadbalancing", "listener/app/web/50dc/443")
    return {"key": "aws.elbv2.listener_rule", "id": rule_id, "region": "us-east-1", "name": rule_id, "tags": {},
            "props": {"priority": 20, "listener_arn": listener, "conditions": conditions, "action_type": action,
                      "target_group_arns": [SEARCH_TG], "authenticates": False, **props}, "refs": [listener, SEARCH_TG]}


def test_rules_without_a_url_map_shape_are_manual_on_gcp_and_authenticating_ones_on_aws() -> None:
    header = _rule("r-header", [{"field": "http-header", "header_name": "X-Beta", "values": ["1"]}])
    auth = _rule("r-auth", [{"field": "path-pattern", "values": ["/admin/*"]}], authenticates=True)
    redirect = _rule("r-redirect", [{"field": "path-pattern", "values": ["/old/*"]}], action="redirect",
                     redirect={"Protocol": "HTTPS", "StatusCode": "HTTP_301"}, target_group_arns=[])
    inventory = with_resources(header, auth, redirect)
    gcp, aws = build_plan(inventory, "gcp"), build_plan(inventory, "aws")
    assert "route rules" in item(gcp, "r-header").manual.reason and item(aws, "r-header").status == "mapped"
    assert item(gcp, "r-auth").status == "manual" and item(aws, "r-auth").status == "manual"
    assert item(gcp, "r-redirect").status == "manual" and item(aws, "r-redirect").target["redirect"]["Protocol"] == "HTTPS"
    run = _run("aws", aws)
    assert resource_named(run, item(aws, "r-header").id).inputs["conditions"] == [
        {"httpHeader": {"httpHeaderName": "X-Beta", "values": ["1"]}}]
    action = resource_named(run, item(aws, "r-redirect").id).inputs["actions"][0]
    assert action == {"type": "redirect", "redirect": {"statusCode": "HTTP_301", "protocol": "HTTPS"}}


def test_endpoints_to_endpoint_services_and_managed_ones() -> None:
    def endpoint(endpoint_id: str, **props: Any) -> dict[str, Any]:
        base = {"endpoint_type": "Interface", "vpc_id": "vpc-0main", "subnet_ids": ["subnet-0app1"], "route_table_ids": [],
                "security_group_ids": [], "requester_managed": False, "custom_policy": False}
        return {"key": "aws.ec2.vpc_endpoint", "id": endpoint_id, "region": "us-east-1", "name": endpoint_id, "tags": {},
                "props": {**base, **props}, "refs": ["vpc-0main", "subnet-0app1"]}

    inventory = with_resources(
        endpoint("vpce-0saas", service_name="com.amazonaws.vpce.us-east-1.vpce-svc-0abc"),
        endpoint("vpce-0ecr", service_name="com.amazonaws.us-east-1.ecr.dkr", custom_policy=True),
        endpoint("vpce-0rds", service_name="com.amazonaws.us-east-1.rds", requester_managed=True),
    )
    gcp, aws = build_plan(inventory, "gcp"), build_plan(inventory, "aws")
    assert item(gcp, "vpce-0saas").status == "manual" and item(aws, "vpce-0saas").status == "manual"
    psc = {item(gcp, "vpce-0ecr").status, item(gcp, "vpce-0sqs").status}
    assert psc == {"partial", "skipped"}  # one PSC endpoint per network serves every API
    builder = next(item(gcp, e) for e in ("vpce-0ecr", "vpce-0sqs") if item(gcp, e).status == "partial")
    assert "ecr.dkr -> Artifact Registry" in builder.notes[0] and "sqs -> Pub/Sub" in builder.notes[0]
    assert item(aws, "vpce-0ecr").status == "partial" and any("policy" in n for n in item(aws, "vpce-0ecr").notes)
    assert {item(gcp, "vpce-0rds").status, item(aws, "vpce-0rds").status} == {"skipped"}


def test_a_redshift_cluster_of_unknown_size_says_so() -> None:
    cluster = {"key": "aws.redshift.cluster", "id": arn("redshift", "cluster:lake"), "region": "us-east-1", "name": "lake",
               "tags": {}, "props": {"node_type": "ra3.4xlarge", "node_count": 2, "storage_capacity_bytes": None,
                                     "size_source": "unknown"}, "refs": []}
    planned = item(build_plan(with_resources(cluster), "gcp"), cluster["id"])
    assert planned.data_bytes == 0 and any("size unknown" in note for note in planned.notes)


# --- the seeded moto account, planned on both targets -----------------------------------------------------------------

SEEDED_STATUS: dict[str, tuple[str, str]] = {  # seeded id name -> (gcp, aws)
    "search": ("manual", "partial"),
    "user_pool": ("partial", "partial"),
    "ses_domain": ("manual", "partial"),
    "ses_address": ("manual", "partial"),
    "log_group": ("partial", "partial"),
    "snapshot": ("manual", "manual"),
    "image": ("manual", "manual"),
    "db_snapshot": ("manual", "manual"),
    "domain": ("manual", "manual"),
    "warehouse": ("partial", "partial"),
    "gateway_endpoint": ("skipped", "mapped"),
    "interface_endpoint": ("partial", "mapped"),
    "peering": ("skipped", "mapped"),
    "listener_rule": ("partial", "mapped"),
}


def test_the_seeded_account_plans_and_builds_on_both_targets(scanned: tuple[Seeded, Inventory]) -> None:
    seeded, inventory = scanned
    for target, column in (("gcp", 0), ("aws", 1)):
        plan = build_plan(inventory, target)
        found = {name: item(plan, seeded[name]).status for name in SEEDED_STATUS}
        assert found == {name: statuses[column] for name, statuses in SEEDED_STATUS.items()}, target
        built = {item(plan, seeded[name]).id for name in SEEDED_STATUS if found[name] in ("mapped", "partial")}
        run = _run(target, plan)
        assert built.isdisjoint(entry["id"] for entry in run.outputs["manual_items"]), target  # every one was built
