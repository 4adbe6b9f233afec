"""Small inventories and a mock engine for the tests of the fresh-AWS serving fixes (tests/test_aws_serving_*.py).

`plan_of(resources)` plans a few resources on the `aws` target through the real planning core;
`run(plan)` builds the plan with the real pulumi-aws classes under mocks that also answer what
AWS computes and the builders read (a certificate's validation options, a record's FQDN, a
zone's id, a KMS key looked up by alias).
"""

from __future__ import annotations

from typing import Any

import pulumi

from planner.core.model.inventory import Inventory
from planner.core.model.plan import Plan, PlanItem
from planner.planning.engine import build_plan
from planner.pulumi_mocks import MockedResource, MockRun, PlaceholderMocks, run_under_mocks
from stacks.aws import build

ACCOUNT = "123456789012"
CERTIFICATE_TOKEN = "aws:acm/certificate:Certificate"


def resource(key: str, rid: str, name: str, props: dict[str, Any], *, region: str = "us-east-1",
             refs: list[str] | None = None) -> dict[str, Any]:
    return {"key": key, "id": rid, "region": region, "name": name, "tags": {}, "props": props, "refs": refs or []}


def plan_of(resources: list[dict[str, Any]], region_map: dict[str, str] | None = None) -> Plan:
    regions = sorted({entry["region"] for entry in resources if entry["region"] != "global"} | {"us-east-1"})
    inventory = Inventory.model_validate({
        "schema": "planner.inventory/1",
        "generated_at": "2026-11-21T10:00:00Z",
        "tool": {"version": "test"},
        "source": {"account_id": ACCOUNT, "regions": regions},
        "resources": resources,
    })
    return build_plan(inventory, "aws", region_map)


def item_of(plan: Plan, source_id: str) -> PlanItem:
    return next(item for item in plan.items if item.source.id == source_id)


def validation_option(domain: str) -> dict[str, str]:
    """What ACM answers for a domain: `*.x` and `x` share one record."""
    base = domain.removeprefix("*.")
    return {"domainName": domain, "resourceRecordName": f"_token.{base}.", "resourceRecordType": "CNAME",
            "resourceRecordValue": f"_answer.{base}.acm-validations.aws."}


class ServingMocks(PlaceholderMocks):
    """The placeholder mocks, plus the computed outputs the serving builders read."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        resource_id, state = super().new_resource(args)
        if args.typ == CERTIFICATE_TOKEN:
            domains = [args.inputs["domainName"], *args.inputs.get("subjectAlternativeNames", [])]
            state["domainValidationOptions"] = [validation_option(domain) for domain in domains]
        if args.typ == "aws:route53/record:Record":
            state["fqdn"] = str(args.inputs.get("name", "")).rstrip(".")
        if args.typ == "aws:route53/zone:Zone":
            state["zoneId"] = f"Z-{args.name}"
        return resource_id, state

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        if args.token == "aws:kms/getKey:getKey":
            return {"arn": f"arn:mock:kms:{args.args.get('keyId')}", "id": str(args.args.get("keyId"))}, []
        return super().call(args)


def run(plan: Plan, mocks: pulumi.runtime.Mocks | None = None) -> MockRun:
    def program() -> None:
        for name, value in build(plan).items():
            pulumi.export(name, value)

    return run_under_mocks(program, mocks=mocks or ServingMocks())


def built(run_result: MockRun, name: str) -> MockedResource:
    return next(found for found in run_result.resources if found.name == name)


def urn_of(run_result: MockRun, name: str) -> str:
    return built(run_result, name).urn
