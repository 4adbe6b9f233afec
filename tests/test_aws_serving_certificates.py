"""DNS-validated ACM certificates: validation records in the rebuilt zone, a CertificateValidation, users that wait."""

from __future__ import annotations

from typing import Any

from aws_serving_fixtures import ACCOUNT, built, item_of, plan_of, resource, run, urn_of

CERT = f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/web"
LB = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/app/web/1"
LISTENER = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:listener/app/web/1/443"
TARGET_GROUP = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:targetgroup/web/1"


def zone(name: str = "example.com.", rid: str = "Z1", private: bool = False) -> dict[str, Any]:
    return resource("aws.route53.zone", rid, name.rstrip("."), {"zone_name": name, "private_zone": private}, region="global")


def certificate(domain: str = "example.com", alternatives: list[str] | None = None, in_use_by: list[str] | None = None,
                rid: str = CERT, region: str = "us-east-1") -> dict[str, Any]:
    props = {"domain_name": domain, "subject_alternative_names": [domain, *(alternatives or [])], "type": "AMAZON_ISSUED",
             "status": "ISSUED", "in_use_by": in_use_by or []}
    return resource("aws.acm.certificate", rid, domain, props, region=region)


def https_listener(cert: str = CERT) -> list[dict[str, Any]]:
    return [
        resource("aws.elbv2.load_balancer", LB, "web", {"type": "application", "scheme": "internet-facing",
                                                        "dns_name": "web-1.us-east-1.elb.amazonaws.com"}),
        resource("aws.elbv2.target_group", TARGET_GROUP, "web", {"port": 80, "protocol": "HTTP", "target_type": "instance"}),
        resource("aws.elbv2.listener", LISTENER, "web-443", {
            "load_balancer_arn": LB, "port": 443, "protocol": "HTTPS", "certificate_arns": [cert],
            "default_action_type": "forward", "target_group_arns": [TARGET_GROUP]}),
    ]


def distribution(cert: str = CERT) -> dict[str, Any]:
    return resource("aws.cloudfront.distribution", "E1", "cdn", {
        "aliases": ["cdn.example.com"], "certificate_arn": cert, "domain_name": "d1.cloudfront.net", "enabled": True,
        "origins": [{"id": "web", "domain_name": "web-1.us-east-1.elb.amazonaws.com"}]}, region="global")


# --- the plan ------------------------------------------------------------------------------------


def test_each_validated_name_gets_a_record_in_the_zone_that_serves_it() -> None:
    plan = plan_of([zone(), zone("api.example.com.", "Z2"), certificate(alternatives=["*.example.com", "v1.api.example.com"])])
    target = item_of(plan, CERT).target or {}
    assert target["validation_records"] == [
        {"domain_name": "example.com", "zone_item": item_of(plan, "Z1").id},  # *.example.com shares this record
        {"domain_name": "v1.api.example.com", "zone_item": item_of(plan, "Z2").id},  # the longest zone name wins
    ]
    assert target["operator_validated_domains"] == []
    assert item_of(plan, CERT).status == "mapped"


def test_a_name_without_a_rebuilt_public_zone_is_left_to_the_operator() -> None:
    plan = plan_of([zone("example.com.", "Z1", private=True), certificate(alternatives=["shop.example.org"])])
    item = item_of(plan, CERT)
    assert (item.target or {})["validation_records"] == []
    assert (item.target or {})["operator_validated_domains"] == ["example.com", "shop.example.org"]
    assert item.status == "partial"
    assert any("validation_records_to_create" in note for note in item.notes)


def test_a_certificate_a_distribution_names_is_issued_in_us_east_1_wherever_its_region_moves() -> None:
    # ACM's InUseBy names only the load balancer; the distribution's own certificate ARN says CloudFront serves it.
    plan = plan_of([certificate(in_use_by=[LB]), distribution()], region_map={"us-east-1": "us-east-2"})
    assert (item_of(plan, CERT).target or {})["region"] == "us-east-1"


# --- the stack -----------------------------------------------------------------------------------


def test_the_stack_creates_the_records_and_waits_for_issuance() -> None:
    plan = plan_of([zone(), certificate(alternatives=["*.example.com"]), *https_listener()])
    cert_item, zone_item = item_of(plan, CERT).id, item_of(plan, "Z1").id
    result = run(plan)
    record = built(result, f"{cert_item}-validation-1")
    assert record.inputs["zoneId"] == f"Z-{zone_item}"
    assert (record.inputs["name"], record.inputs["type"]) == ("_token.example.com.", "CNAME")
    assert record.inputs["records"] == ["_answer.example.com.acm-validations.aws."]
    assert [found.name for found in result.of_type("aws:route53/record:Record")] == [record.name]  # one for both names
    validation = built(result, f"{cert_item}-validation")
    assert validation.type == "aws:acm/certificateValidation:CertificateValidation"
    assert validation.inputs["certificateArn"] == f"arn:mock:certificate:{cert_item}"
    assert validation.inputs["validationRecordFqdns"] == ["_token.example.com"]
    assert urn_of(result, record.name) in validation.dependencies


def test_listeners_and_distributions_use_the_validated_arn() -> None:
    plan = plan_of([zone(), certificate(), *https_listener(), distribution()])
    result = run(plan)
    validation_urn = urn_of(result, f"{item_of(plan, CERT).id}-validation")
    listener = built(result, item_of(plan, LISTENER).id)
    assert validation_urn in listener.property_dependencies["certificateArn"]
    cdn = built(result, item_of(plan, "E1").id)
    assert validation_urn in cdn.property_dependencies["viewerCertificate"]
    assert cdn.inputs["aliases"] == ["cdn.example.com"]


def test_records_for_zones_outside_the_plan_are_exported_for_the_operator() -> None:
    plan = plan_of([certificate(alternatives=["*.example.com"])])
    result = run(plan)
    outputs = result.outputs["items"][item_of(plan, CERT).id]
    assert outputs["validation_records_to_create"] == [
        {"name": "_token.example.com.", "type": "CNAME", "value": "_answer.example.com.acm-validations.aws."}
    ]
    assert not result.of_type("aws:route53/record:Record")
    assert result.of_type("aws:acm/certificateValidation:CertificateValidation")  # still waited on before use
