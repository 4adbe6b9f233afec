"""CloudFront origins that answer: the bucket's policy grants the distribution, load balancers over HTTP."""

from __future__ import annotations

import json
from typing import Any

from aws_serving_fixtures import ACCOUNT, built, item_of, plan_of, resource, run, urn_of

BUCKET = "arn:aws:s3:::media"
SITE = "arn:aws:s3:::site"
LB = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/app/web/1"


def bucket(rid: str = BUCKET, **props: Any) -> dict[str, Any]:
    return resource("aws.s3.bucket", rid, rid.rsplit(":", 1)[-1], {"versioning": "Disabled", **props})


def distribution(rid: str, *origins: str) -> dict[str, Any]:
    raw = [{"id": f"origin-{index}", "domain_name": domain} for index, domain in enumerate(origins)]
    return resource("aws.cloudfront.distribution", rid, rid.lower(), {"origins": raw, "enabled": True,
                                                                      "domain_name": f"{rid.lower()}.cloudfront.net"}, region="global")


def test_each_bucket_grants_every_distribution_reading_it_in_one_policy() -> None:
    plan = plan_of([bucket(), distribution("E1", "media.s3.amazonaws.com"), distribution("E2", "media.s3.us-east-1.amazonaws.com")])
    bucket_item = item_of(plan, BUCKET).id
    result = run(plan)
    policies = result.of_type("aws:s3/bucketPolicy:BucketPolicy")
    assert [found.name for found in policies] == [f"{bucket_item}-cdn-policy"]
    policy = policies[0]
    assert policy.inputs["bucket"] == f"{bucket_item}-id"
    statements = json.loads(policy.inputs["policy"])["Statement"]
    assert [statement["Condition"]["StringEquals"]["AWS:SourceArn"] for statement in statements] == [
        f"arn:mock:distribution:{item_of(plan, 'E1').id}", f"arn:mock:distribution:{item_of(plan, 'E2').id}"]
    assert all(statement["Principal"] == {"Service": "cloudfront.amazonaws.com"} and statement["Action"] == "s3:GetObject"
               and statement["Resource"] == f"arn:mock:bucket:{bucket_item}/*" for statement in statements)
    assert {urn_of(result, item_of(plan, "E1").id), urn_of(result, bucket_item)} <= set(policy.dependencies)


def test_a_load_balancer_origin_is_reached_over_http() -> None:
    balancer = resource("aws.elbv2.load_balancer", LB, "web", {"type": "application", "dns_name": "web-1.us-east-1.elb.amazonaws.com"})
    plan = plan_of([balancer, distribution("E1", "web-1.us-east-1.elb.amazonaws.com")])
    origin = built(run(plan), item_of(plan, "E1").id).inputs["origins"][0]
    assert origin["domainName"] == f"{item_of(plan, LB).id}.mock.invalid"
    assert origin["customOriginConfig"]["originProtocolPolicy"] == "http-only"
    assert not run(plan).of_type("aws:s3/bucketPolicy:BucketPolicy")


def test_a_website_bucket_origin_serves_its_index_at_the_root() -> None:
    plan = plan_of([bucket(SITE, website=True), distribution("E1", "site.s3-website-us-east-1.amazonaws.com")])
    item = item_of(plan, "E1")
    assert any("website endpoint" in note for note in item.notes)
    inputs = built(run(plan), item.id).inputs
    assert inputs["defaultRootObject"] == "index.html"
    assert "originAccessControlId" in inputs["origins"][0]
