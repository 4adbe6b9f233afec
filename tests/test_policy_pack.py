"""The generated policy pack enforces the very rules `planner preview` checks, through pulumi-policy's own classes.

The stack of the synthetic plan runs under Pulumi's mock engine; its resources are handed to every
policy of the generated `policy/` as pulumi-policy `PolicyResource`s (what `pulumi preview
--policy-pack` would pass), and the violations must be those of planner's own serving report.
"""

from __future__ import annotations

import json
import runpy
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pulumi_policy import PolicyProviderResource, PolicyResource, PolicyResourceOptions, StackValidationArgs
from pulumi_policy.policy import PolicyCustomTimeouts

from planner.cli import app
from planner.commands.preview import read_project, read_stack_config, run_program
from planner.core.model.plan import Plan
from planner.pulumi_mocks import MockedResource, MockRun
from planner.reports.serving import serving_report

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
PACK_MODULES = ("serving_core", "serving_rules")


@pytest.fixture(scope="module", params=["gcp", "aws"])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Plan, MockRun]:
    folder = tmp_path_factory.mktemp(f"pack-{request.param}")
    runner = CliRunner()
    plan_path = folder / "plan.json"
    assert runner.invoke(app, ["plan", str(SYNTHETIC), "--target", request.param, "--out", str(plan_path)]).exit_code == 0
    assert runner.invoke(app, ["generate", str(plan_path), "--out", str(folder / "stack")]).exit_code == 0
    stack = read_project(folder / "stack")
    return folder / "stack", Plan.load(plan_path), run_program(stack, read_stack_config(stack, None))


@pytest.fixture
def pack(project: tuple[Path, Plan, MockRun]) -> Iterator[dict[str, Any]]:
    """The generated policy/__main__.py, loaded as pulumi would run it but without starting the gRPC server."""
    policy_dir = str(project[0] / "policy")
    for name in PACK_MODULES:
        sys.modules.pop(name, None)
    sys.path.insert(0, policy_dir)
    try:
        yield runpy.run_path(str(Path(policy_dir) / "__main__.py"), run_name="policy_pack_under_test")
    finally:
        sys.path.remove(policy_dir)
        for name in PACK_MODULES:
            sys.modules.pop(name, None)


def _options(resource: MockedResource) -> PolicyResourceOptions:
    return PolicyResourceOptions(protect=False, ignore_changes=[], delete_before_replace=None, aliases=[],
                                 custom_timeouts=PolicyCustomTimeouts(0, 0, 0), additional_secret_outputs=[],
                                 parent=resource.parent_urn or None)


def policy_resources(run: MockRun) -> list[PolicyResource]:
    """The run's resources as pulumi-policy hands them to a stack policy (objects linked to objects)."""
    providers = {r.urn: PolicyProviderResource(r.type, r.inputs, r.urn, r.name)
                 for r in run.resources if r.type.startswith("pulumi:providers:")}
    made: dict[str, PolicyResource] = {}
    for resource in run.resources:
        made[resource.urn] = PolicyResource(resource.type, resource.inputs, resource.urn, resource.name,
                                            _options(resource), providers.get(resource.provider), None, [], {})
    for resource in run.resources:
        policy_resource = made[resource.urn]
        policy_resource.parent = made.get(resource.parent_urn)
        policy_resource.dependencies = [made[urn] for urn in resource.dependencies if urn in made]
        policy_resource.property_dependencies = {prop: [made[urn] for urn in urns if urn in made]
                                                 for prop, urns in resource.property_dependencies.items()}
    return [made[r.urn] for r in run.resources if not r.type.startswith("pulumi:providers:")]


def test_the_pack_holds_one_mandatory_policy_per_serving_rule(project: tuple[Path, Plan, MockRun],
                                                             pack: dict[str, Any]) -> None:
    from planner import registry

    names = [policy.name for policy in pack["policies"]()]
    assert names == [rule.id for rule in registry.serving_rules(project[1].target.provider)]
    assert all(policy.enforcement_level.value == "mandatory" for policy in pack["policies"]())


def _without_services_and_validations(run: MockRun) -> MockRun:
    """The run with what the rules most often require taken away: both sides must see the same breakage."""
    dropped = ("gcp:projects/service:Service", "aws:acm/certificateValidation:CertificateValidation",
               "aws:sqs/queuePolicy:QueuePolicy", "gcp:compute/firewall:Firewall")
    return MockRun(resources=[r for r in run.resources if r.type not in dropped], outputs=run.outputs)


@pytest.mark.parametrize("broken", [False, True], ids=["as-built", "broken"])
def test_the_pack_reports_what_planner_preview_reports(project: tuple[Path, Plan, MockRun], pack: dict[str, Any],
                                                      broken: bool) -> None:
    folder, plan, run = project
    run = _without_services_and_validations(run) if broken else run
    names_by_urn = {resource.urn: resource.name for resource in run.resources}
    reported: set[tuple[str, str]] = set()
    for policy in pack["policies"]():
        def report(message: str, urn: str | None = None, *, rule: str = policy.name) -> None:
            reported.add((rule, names_by_urn[urn or ""]))
            assert "fix:" in message and "[source:" in message

        policy.validate(StackValidationArgs(policy_resources(run)), report)
    expected = {(violation.rule, violation.resource) for violation in serving_report(plan, run.tree_resources()).violations}
    assert reported == expected
    assert expected or not broken, "the broken tree must break some rule"


def test_the_pack_needs_only_pulumi_policy(project: tuple[Path, Plan, MockRun]) -> None:
    folder = project[0] / "policy"
    requirements = (folder / "requirements.txt").read_text(encoding="utf-8").split()
    assert [line.split("==")[0] for line in requirements] == ["pulumi-policy"]
    for source in folder.glob("*.py"):
        assert "import planner" not in source.read_text() and "from planner" not in source.read_text(), source.name
    assert "policyPacks:" in (project[0] / ".github" / "workflows" / "pulumi-preview.yml").read_text()
    assert "pulumi preview --policy-pack policy" in (project[0] / "README.md").read_text()


def test_preview_reports_rules_and_entry_points(project: tuple[Path, Plan, MockRun]) -> None:
    result = CliRunner().invoke(app, ["preview", str(project[0]), "--json"])
    document = json.loads(result.output[: result.output.rindex("}") + 1])
    serving = document["serving"]
    assert serving["rules"] and len(serving["entry_points"]) == len(project[1].serving.paths)
    assert result.exit_code == (0 if serving["holds"] else 1)
