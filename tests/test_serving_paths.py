"""The serving paths of a plan (planner/planning/serving_paths.py) and their check on a resource tree
(planner/reports/serving.py), on small hand-made plans.

The plan is a web stack as the AWS inventory plans it: a public record -> an internet-facing load
balancer -> its HTTPS listener -> the certificate and the target group -> the auto scaling group ->
its launch template -> its security group -> the database whose security group admits it; a CDN;
an internal load balancer and a private zone's record, which are no entry points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from planner.core.model.inventory import Inventory
from planner.core.model.plan import ManualWork, Plan, PlanItem, PlanServing, PlanSource, ServingPath
from planner.core.serving import TreeResource
from planner.planning.serving_paths import ItemGraph, chain_of, serving_paths, topic_subscribers
from planner.reports.serving import ResourceOwners, serving_report
from providers.aws.serving import RULES as AWS_RULES

# The kinds come from planner/data/source_types.csv; the groups do not matter here.
KIND_OF_KEY: dict[str, str] = {
    "aws.route53.zone": "dns.zone", "aws.route53.record_set": "dns.record", "aws.elbv2.load_balancer": "lb",
    "aws.elbv2.listener": "lb.listener", "aws.acm.certificate": "cert", "aws.elbv2.target_group": "lb.backend",
    "aws.autoscaling.group": "compute.group", "aws.ec2.launch_template": "compute.template",
    "aws.ec2.security_group": "network.firewall", "aws.rds.instance": "db.sql", "aws.cloudfront.distribution": "cdn",
    "aws.s3.bucket": "storage.object", "aws.ec2.instance": "compute.vm", "aws.sns.topic": "topic",
}


def item(item_id: str, key: str, *depends_on: str, status: str = "mapped", **facts: Any) -> PlanItem:
    return PlanItem(id=item_id, source=PlanSource(key=key, id=f"src-{item_id}", region="us-east-1", name=item_id),
                    kind=KIND_OF_KEY[key], group="edge", status=status, depends_on=list(depends_on), facts=facts,
                    manual=ManualWork(reason="hand-built", work="rebuild by hand") if status == "manual" else None)


def web_stack() -> list[PlanItem]:
    """The items of the web path, in the order the planner emits them (dependencies first)."""
    return [
        item("zone-public", "aws.route53.zone", zone_name="example.com", private_zone=False),
        item("sg-lb", "aws.ec2.security_group"),
        item("sg-web", "aws.ec2.security_group", "sg-lb"),  # admits the load balancer's group
        item("sg-db", "aws.ec2.security_group", "sg-web"),  # admits the web group
        item("lb-web", "aws.elbv2.load_balancer", "sg-lb", scheme="internet-facing",
             dns_name="web-123.us-east-1.elb.amazonaws.com"),
        item("cert-www", "aws.acm.certificate"),
        item("tg-web", "aws.elbv2.target_group"),
        item("lst-web-443", "aws.elbv2.listener", "lb-web", "cert-www", "tg-web"),
        item("lt-web", "aws.ec2.launch_template", "sg-web"),
        item("asg-web", "aws.autoscaling.group", "lt-web", "tg-web"),
        item("db-app", "aws.rds.instance", "sg-db"),
        item("rec-www", "aws.route53.record_set", "zone-public", "lb-web", record_name="www.example.com",
             record_type="A"),
    ]


def surroundings() -> list[PlanItem]:
    """What a real plan has around the web path: none of it is an entry point or on the web path."""
    return [
        item("rec-mx", "aws.route53.record_set", "zone-public", record_name="example.com", record_type="MX"),
        item("zone-internal", "aws.route53.zone", zone_name="internal.example.com", private_zone=True),
        item("lb-api", "aws.elbv2.load_balancer", scheme="internal", dns_name="internal-api.elb.amazonaws.com"),
        item("rec-api", "aws.route53.record_set", "zone-internal", "lb-api", record_name="api.internal.example.com",
             record_type="A"),
        item("sg-other", "aws.ec2.security_group"),
        item("db-other", "aws.rds.instance", "sg-other"),
        item("bucket-media", "aws.s3.bucket"),
        item("cert-media", "aws.acm.certificate"),
        item("cdn-media", "aws.cloudfront.distribution", "cert-media", "bucket-media",
             aliases=["media.example.com"], domain_name="d111111abcdef8.cloudfront.net"),
    ]


WEB_CHAIN = ["rec-www", "zone-public", "lb-web", "lst-web-443", "sg-lb", "cert-www", "tg-web", "asg-web", "lt-web",
             "sg-web", "sg-db", "db-app"]


def test_the_record_path_follows_a_request_to_the_database() -> None:
    paths = {path.entry: path for path in serving_paths(web_stack() + surroundings())}
    assert paths["rec-www"].name == "www.example.com"
    assert paths["rec-www"].chain == WEB_CHAIN


def test_entry_points_are_public_records_then_unreached_fronts() -> None:
    entries = [(path.entry, path.name) for path in serving_paths(web_stack() + surroundings())]
    # no MX record, no private zone's record, no internal load balancer; lb-web is reached by rec-www
    assert entries == [("rec-www", "www.example.com"), ("cdn-media", "media.example.com")]


def test_a_front_no_record_leads_to_is_its_own_entry_named_by_its_host() -> None:
    without_record = [i for i in web_stack() if i.id != "rec-www"]
    paths = serving_paths(without_record)
    assert [(path.entry, path.name) for path in paths] == [("lb-web", "web-123.us-east-1.elb.amazonaws.com")]
    assert paths[0].chain == WEB_CHAIN[2:]


def test_a_record_of_a_public_zone_to_the_cdn_makes_the_cdn_no_entry_of_its_own() -> None:
    record = item("rec-media", "aws.route53.record_set", "zone-public", "cdn-media", record_name="media.example.com",
                  record_type="CNAME")
    paths = serving_paths(web_stack() + surroundings() + [record])
    assert [path.entry for path in paths] == ["rec-www", "rec-media"]
    assert paths[1].chain == ["rec-media", "zone-public", "cdn-media", "cert-media", "bucket-media"]


def test_a_record_without_a_zone_in_the_plan_is_no_entry() -> None:
    orphan = item("rec-old", "aws.route53.record_set", "lb-web", record_name="old.example.com", record_type="A")
    assert "rec-old" not in [path.entry for path in serving_paths(web_stack() + [orphan])]


def test_a_target_group_of_instances_leads_to_the_built_ones_only() -> None:
    items = [item("vm-a", "aws.ec2.instance"), item("vm-b", "aws.ec2.instance", status="skipped"),
             item("tg-legacy", "aws.elbv2.target_group", "vm-a", "vm-b")]
    assert chain_of(ItemGraph(items), "tg-legacy") == ["tg-legacy", "vm-a"]


def test_a_database_is_on_the_path_only_through_a_group_that_admits_the_servers() -> None:
    chain = chain_of(ItemGraph(web_stack() + surroundings()), "asg-web")
    assert chain == ["asg-web", "lt-web", "sg-web", "sg-db", "db-app"]
    assert "db-other" not in chain


def test_a_chain_meets_each_item_once_even_through_a_cycle() -> None:
    items = [item("sg-a", "aws.ec2.security_group", "sg-b"), item("sg-b", "aws.ec2.security_group", "sg-a"),
             item("asg", "aws.autoscaling.group", "sg-a", "lt"), item("lt", "aws.ec2.launch_template", "sg-a")]
    assert chain_of(ItemGraph(items), "asg") == ["asg", "lt", "sg-a", "sg-b"]


# ---- topic_subscribers ----

def inventory(*resources: Mapping[str, Any]) -> Inventory:
    return Inventory.model_validate({
        "generated_at": "2026-11-21T10:00:00Z", "tool": {"name": "planner", "version": "0.1.0"},
        "source": {"account_id": "123456789012", "regions": ["us-east-1"]}, "resources": list(resources)})


def source(key: str, rid: str, **props: Any) -> dict[str, Any]:
    return {"key": key, "id": rid, "region": "us-east-1", "name": rid.rsplit(":", 1)[-1], "props": props}


def test_topic_subscribers_counts_the_queue_and_http_subscribers_of_each_planned_topic() -> None:
    orders = "arn:aws:sns:us-east-1:123456789012:orders"
    alerts = "arn:aws:sns:us-east-1:123456789012:alerts"
    unplanned = "arn:aws:sns:us-east-1:123456789012:old"
    subscriptions = [{"protocol": "sqs", "endpoint": "arn:aws:sqs:us-east-1:123456789012:billing"},
                     {"protocol": "https", "endpoint": "https://hooks.example.com/orders"},
                     {"protocol": "http", "endpoint": "http://legacy.example.com/orders"},
                     {"protocol": "email", "endpoint": "ops@example.com"},
                     {"protocol": "lambda", "endpoint": "arn:aws:lambda:us-east-1:123456789012:function:f"}]
    found = inventory(
        source("aws.sns.topic", orders, subscriptions=subscriptions),
        source("aws.sns.topic", alerts, subscriptions=[{"protocol": "email", "endpoint": "ops@example.com"}]),
        source("aws.sns.topic", unplanned, subscriptions=subscriptions),
        source("aws.sqs.queue", "https://sqs.us-east-1.amazonaws.com/123456789012/billing",
               subscriptions=subscriptions))
    item_ids = {orders: "sns-orders", alerts: "sns-alerts",
                "https://sqs.us-east-1.amazonaws.com/123456789012/billing": "sqs-billing"}
    assert topic_subscribers(found, item_ids) == {"sns-orders": 3}


# ---- ResourceOwners.item_of ----

@pytest.mark.parametrize(("resource_name", "owner"), [
    ("lb-web", "lb-web"),
    ("lb-web-backend", "lb-web"),
    ("lb-web-443-proxy", "lb-web-443"),  # the longest item id wins
    ("lb-web-443", "lb-web-443"),
    ("cert-www-validation-1", "cert-www"),
    ("lb-webby", None),  # an owner ends at a dash
    ("lb", None),
    ("api-compute", None),
    ("", None),
])
def test_a_resource_belongs_to_the_item_its_name_starts_with(resource_name: str, owner: str | None) -> None:
    items = {item_id: item(item_id, "aws.elbv2.load_balancer") for item_id in ("lb-web", "lb-web-443", "cert-www")}
    assert ResourceOwners(items).item_of(resource_name) == owner


# ---- serving_report on an AWS plan and its tree ----

STACK_URN = "urn:pulumi:prod::rebuild::"
ENCRYPTED = {"storageEncrypted": True}


def tree_resource(type_: str, name: str, inputs: Mapping[str, Any] | None = None, *,
                  refs: Mapping[str, Sequence[str]] | None = None, after: Sequence[str] = (),
                  provider: str = "") -> TreeResource:
    """A resource of the tree; `refs` names, per input, the resources (by name) it comes from, `after` its depends_on."""
    property_dependencies = {prop: tuple(f"{STACK_URN}{name_}" for name_ in names) for prop, names in
                             (refs or {}).items()}
    urns = [urn for sources in property_dependencies.values() for urn in sources] + [f"{STACK_URN}{a}" for a in after]
    return TreeResource(urn=f"{STACK_URN}{name}", type=type_, name=name, inputs=dict(inputs or {}),
                        dependencies=tuple(dict.fromkeys(urns)), property_dependencies=property_dependencies,
                        provider=provider)


def web_tree(database: Mapping[str, Any] = ENCRYPTED, listener_certificate: str = "cert-www-validation",
             ) -> list[TreeResource]:
    """What stacks/aws builds for the web path: one resource per item, named by its id, plus suffixed parts."""
    return [
        tree_resource("aws:route53/zone:Zone", "zone-public", {"name": "example.com"}),
        *[tree_resource("aws:ec2/securityGroup:SecurityGroup", group) for group in ("sg-lb", "sg-web", "sg-db")],
        tree_resource("aws:lb/loadBalancer:LoadBalancer", "lb-web", {"loadBalancerType": "application"},
                      refs={"securityGroups": ["sg-lb"]}),
        tree_resource("aws:acm/certificate:Certificate", "cert-www", {"domainName": "www.example.com",
                                                                      "validationMethod": "DNS"}),
        tree_resource("aws:route53/record:Record", "cert-www-validation-1", {"type": "CNAME"},
                      refs={"zoneId": ["zone-public"], "records": ["cert-www"]}),
        tree_resource("aws:acm/certificateValidation:CertificateValidation", "cert-www-validation",
                      refs={"certificateArn": ["cert-www"], "validationRecordFqdns": ["cert-www-validation-1"]}),
        tree_resource("aws:lb/targetGroup:TargetGroup", "tg-web", {"port": 80, "protocol": "HTTP"}),
        tree_resource("aws:lb/listener:Listener", "lst-web-443", {"port": 443, "protocol": "HTTPS"},
                      refs={"loadBalancerArn": ["lb-web"], "certificateArn": [listener_certificate],
                            "defaultActions": ["tg-web"]}),
        tree_resource("aws:ec2/launchTemplate:LaunchTemplate", "lt-web", refs={"vpcSecurityGroupIds": ["sg-web"]}),
        tree_resource("aws:autoscaling/group:Group", "asg-web", {"minSize": 2, "maxSize": 6},
                      refs={"launchTemplate": ["lt-web"], "targetGroupArns": ["tg-web"]}),
        tree_resource("aws:rds/instance:Instance", "db-app", {"engine": "postgres", **database},
                      refs={"vpcSecurityGroupIds": ["sg-db"]}),
        tree_resource("aws:route53/record:Record", "rec-www", {"name": "www.example.com", "type": "A"},
                      refs={"zoneId": ["zone-public"], "aliases": ["lb-web"]}),
    ]


def aws_plan(items: list[PlanItem], target: str = "aws", topic_subscribers_: dict[str, int] | None = None) -> Plan:
    return Plan.model_validate({
        "tool": {"name": "planner", "version": "0.1.0"},
        "inventory": {"account_id": "123456789012", "regions": ["us-east-1"], "resource_count": len(items),
                      "generated_at": "2026-11-21T10:00:00Z", "sha256": "0" * 64},
        "target": {"provider": target, "region_map": {"us-east-1": "us-east-1"}},
        "items": [i.model_dump(mode="json") for i in items],
        "serving": PlanServing(paths=serving_paths(items), topic_subscribers=topic_subscribers_ or {}
                               ).model_dump(mode="json")})


def only_path(plan: Plan, resources: list[TreeResource]) -> tuple[bool, str, str]:
    report = serving_report(plan, resources)
    assert len(report.paths) == 1
    path = report.paths[0]
    assert (path.entry, path.name) == ("rec-www", "www.example.com")
    return path.serving, path.missing_link, path.reason


def test_the_web_path_serves_when_every_item_is_built_and_every_rule_holds() -> None:
    report = serving_report(aws_plan(web_stack()), web_tree())
    assert report.rules == [rule.id for rule in AWS_RULES]
    assert report.violations == []
    assert [(p.entry, p.serving, p.missing_link, p.reason) for p in report.paths] == [("rec-www", True, "", "")]
    assert report.holds


def test_a_manual_item_is_the_missing_link() -> None:
    items = [item(i.id, i.source.key, *i.depends_on, status="manual") if i.id == "lt-web" else i for i in web_stack()]
    tree = [resource for resource in web_tree() if resource.name != "lt-web"]
    assert only_path(aws_plan(items), tree) == (False, "lt-web", "manual (hand-built)")


def test_a_path_awaiting_manual_work_does_not_fail_the_report_but_a_missing_resource_does() -> None:
    items = [item(i.id, i.source.key, *i.depends_on, status="manual") if i.id == "lt-web" else i for i in web_stack()]
    waiting = serving_report(aws_plan(items), [resource for resource in web_tree() if resource.name != "lt-web"])
    assert waiting.paths[0].awaits_manual and not waiting.paths[0].serving
    assert waiting.holds and waiting.awaiting_manual == waiting.paths and waiting.broken_paths == []
    missing = serving_report(aws_plan(web_stack()), [resource for resource in web_tree() if resource.name != "tg-web"])
    assert missing.broken_paths == missing.paths and not missing.paths[0].awaits_manual
    assert not missing.holds


def test_an_item_that_builds_nothing_is_the_missing_link() -> None:
    tree = [resource for resource in web_tree() if resource.name != "tg-web"]
    assert only_path(aws_plan(web_stack()), tree) == (False, "tg-web", "creates no resource in the stack")


def test_an_item_whose_resource_breaks_a_rule_is_the_missing_link() -> None:
    report = serving_report(aws_plan(web_stack()), web_tree(database={}))
    assert [(v.rule, v.resource) for v in report.violations] == [("aws.database-encrypted", "db-app")]
    assert (report.paths[0].serving, report.paths[0].missing_link) == (False, "db-app")
    assert report.paths[0].reason == "aws.database-encrypted on db-app"
    assert not report.holds


def test_the_first_broken_item_of_the_chain_is_named() -> None:
    """The listener meets the unvalidated certificate before the database's rule matters."""
    tree = web_tree(database={}, listener_certificate="cert-www")
    assert only_path(aws_plan(web_stack()), tree) == (False, "lst-web-443",
                                                      "aws.https-waits-for-validation on lst-web-443")


def test_a_suffixed_resource_that_breaks_a_rule_breaks_its_item() -> None:
    east, west = "aws-us-east-1", "aws-us-west-2"
    providers = [TreeResource(urn=f"{STACK_URN}{name}", type="pulumi:providers:aws", name=name,
                              inputs={"region": name.removeprefix("aws-")}) for name in (east, west)]
    far_subnet = tree_resource("aws:ec2/subnet:Subnet", "subnet-dr-a", provider=f"{STACK_URN}{west}")
    subnets = tree_resource("aws:rds/subnetGroup:SubnetGroup", "db-app-subnets", refs={"subnetIds": ["subnet-dr-a"]},
                            provider=f"{STACK_URN}{east}")
    report = serving_report(aws_plan(web_stack()), [*web_tree(), *providers, far_subnet, subnets])
    assert [(v.rule, v.resource) for v in report.violations] == [("aws.same-region-subnets", "db-app-subnets")]
    path = report.paths[0]
    assert (path.serving, path.missing_link, path.reason) == (False, "db-app", "aws.same-region-subnets on db-app-subnets")


def test_a_violation_off_the_path_fails_the_report_but_not_the_path() -> None:
    stray = tree_resource("aws:rds/instance:Instance", "db-other", {"engine": "postgres"})
    items = web_stack() + [item("sg-other", "aws.ec2.security_group"), item("db-other", "aws.rds.instance", "sg-other")]
    report = serving_report(aws_plan(items), [*web_tree(), stray])
    assert [path.serving for path in report.paths] == [True]
    assert [v.resource for v in report.violations] == ["db-other"]
    assert not report.holds


def test_skipped_items_do_not_break_a_path_and_unknown_items_do() -> None:
    items = [item(i.id, i.source.key, *i.depends_on, status="skipped") if i.id == "sg-lb" else i for i in web_stack()]
    tree = [resource for resource in web_tree() if resource.name != "sg-lb"]
    plan = aws_plan(items)
    assert only_path(plan, tree) == (True, "", "")
    plan.serving.paths[0] = ServingPath(entry="rec-www", name="www.example.com", chain=[*WEB_CHAIN, "ghost"])
    assert only_path(plan, tree) == (False, "ghost", "not in the plan")


def test_the_plan_s_topic_subscribers_reach_the_rules() -> None:
    """On GCP the topic rule reads the plan's subscriber counts; the path list is empty."""
    pubsub = tree_resource("gcp:projects/service:Service", "api-pubsub", {"service": "pubsub.googleapis.com"})
    topic = tree_resource("gcp:pubsub/topic:Topic", "sns-orders", {"name": "orders"}, after=["api-pubsub"])
    push = tree_resource("gcp:pubsub/subscription:Subscription", "sns-orders-push-0", {"topic": "orders-id"},
                         refs={"topic": ["sns-orders"]}, after=["api-pubsub"])
    plan = aws_plan([item("sns-orders", "aws.sns.topic")], target="gcp", topic_subscribers_={"sns-orders": 1})
    assert [(v.rule, v.resource) for v in serving_report(plan, [pubsub, topic]).violations] == [
        ("gcp.topic-keeps-subscribers", "sns-orders")]
    assert serving_report(plan, [pubsub, topic, push]).holds
