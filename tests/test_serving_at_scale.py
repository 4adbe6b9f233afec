"""A 2,000-resource synthetic account (bench/synthetic.py) planned on both targets: its stack, run under mocks,
holds every serving rule of the target. The test names the rules it ran."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from bench.synthetic import generate_inventory
from planner import registry
from planner.core.model.inventory import Inventory
from planner.planning.engine import build_plan
from planner.pulumi_mocks import run_under_mocks
from planner.reports.serving import serving_report
from stacks.program import build_outputs

SIZE = 2_000
MOCK_CONFIG = {"gcp:project": "scale-project", "gcp:region": "us-east4", "aws:region": "us-east-1"}


def _report(target: str) -> tuple[Any, Any]:
    inventory = Inventory.model_validate(generate_inventory(SIZE, seed=11))
    plan = build_plan(inventory, target)
    run = run_under_mocks(lambda: [pulumi.export(name, value) for name, value in build_outputs(plan).items()],
                          config=MOCK_CONFIG)
    return plan, serving_report(plan, run.tree_resources())


@pytest.mark.slow
@pytest.mark.parametrize("target", ["gcp", "aws"])
def test_a_synthetic_account_of_2000_resources_holds_every_serving_rule(target: str) -> None:
    plan, report = _report(target)
    assert len(plan.items) >= SIZE * 0.9
    ran = report.rules
    print(f"{target}: {len(ran)} rules ran: {', '.join(ran)}")
    assert ran == [rule.id for rule in registry.serving_rules(target)] and ran
    assert [violation.line() for violation in report.violations] == []
    assert report.paths and report.broken_paths == []
