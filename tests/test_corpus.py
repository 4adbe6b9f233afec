"""The corpus of account shapes (tests/corpus/*.yaml), each deployed into moto through its CloudFormation API and
run through the whole pipeline on both targets (tests/corpus_deploy.py does the work; docs/corpus.md is its table).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_deploy import MANUAL_SHARE_GOAL, STAGES, TARGETS, Case, CorpusRunner, corpus_cases
from corpus_offline import Parity, plan_parity, read_case_offline

pytestmark = pytest.mark.slow
CASES = corpus_cases()
PLANTED_SECRETS = ("corpus-not-a-secret-1", "corpus-not-a-secret-2", "corpus-not-a-secret-3")  # template passwords, user data
MINIMUM_CASES = 10


@pytest.fixture(scope="module")
def runner(moto_server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusRunner]:
    yield CorpusRunner(moto_server_url, tmp_path_factory.mktemp("corpus"))


def test_the_corpus_holds_ten_shapes_each_described() -> None:
    assert len(CASES) >= MINIMUM_CASES
    assert all(case.title and case.stacks for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_case_deploys_and_the_inventory_finds_every_resource(runner: CorpusRunner, case: Case) -> None:
    run = runner.deployed(case)
    assert [stack.status for stack in run.stacks] == ["CREATE_COMPLETE"] * len(case.stacks)
    assert run.unchecked == []  # every stack resource is real in the AWS APIs
    assert run.not_inventoried == []  # and the inventory found each one of a type it covers
    assert run.inventory.errors == []


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_every_stage_completes_and_the_stack_serves(runner: CorpusRunner, case: Case, target: str) -> None:
    _, pipeline = runner.run(case, target)
    assert [(stage.name, stage.exit_code) for stage in pipeline.stages] == [(name, 0) for name in STAGES], (
        pipeline.stages[-1].output[-2000:])
    serving = pipeline.preview["serving"]
    assert serving["holds"] and serving["violations"] == []
    assert all(entry["serving"] or entry["awaits_manual"] for entry in serving["entry_points"])
    assert pipeline.manual_share <= MANUAL_SHARE_GOAL[target], dict(pipeline.manual_types())
    assert pipeline.estimate["cost"]["source_monthly_usd"] >= 0


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_no_planted_secret_reaches_an_output(runner: CorpusRunner, case: Case) -> None:
    for target in TARGETS:
        runner.run(case, target)
    folder = runner.work_dir / case.name
    leaks = [(path.relative_to(folder), secret) for path in folder.rglob("*") if path.is_file()
             for secret in PLANTED_SECRETS if secret in path.read_text(errors="replace")]
    assert leaks == []


def test_the_shapes_have_entry_points_to_serve(runner: CorpusRunner) -> None:
    """At least most cases serve something to the outside (load balancers, DNS names, CDNs)."""
    served = [case.name for case in CASES
              if runner.run(case, "gcp")[1].preview["serving"]["entry_points"]]
    assert len(served) >= len(CASES) // 2, served


def test_the_table_in_docs_is_current() -> None:
    """docs/corpus.md lists every case (scripts/corpus-table writes it)."""
    table = (Path(__file__).parent.parent / "docs" / "corpus.md").read_text(encoding="utf-8")
    assert all(f"`{case.name}`" in table for case in CASES)


PARITY_GOAL = 0.95  # issue 14: keys and refs agree for at least 95% of the covered resources


def test_the_templates_read_offline_agree_with_the_scan(runner: CorpusRunner) -> None:
    """Every case read through its templates (no AWS call) against the scan of its deployed stacks: the same keys,
    and the same refs between the resources the stacks made; differences are listed, explained ones by name."""
    total = Parity()
    for case in CASES:
        run = runner.deployed(case)
        total.add(parity_of(run, case))
    report = "\n".join(["not explained:", *total.differences, "explained:", *total.explained])
    print(f"parity: {total.same} equal, {len(total.explained)} explained, {len(total.differences)} different "
          f"of {total.compared}\n{report}")
    assert total.compared >= 150
    assert total.share >= PARITY_GOAL, report
    assert total.strict_share >= 0.85, report


def parity_of(run: object, case: Case) -> Parity:
    from corpus_offline import parity

    offline = read_case_offline(case, run.inventory.source.account_id)  # type: ignore[attr-defined]
    return parity(list(run.stacks), run.inventory, offline)  # type: ignore[attr-defined]


@pytest.mark.parametrize("target", TARGETS)
def test_the_templates_plan_like_the_scan(runner: CorpusRunner, target: str, tmp_path: Path) -> None:
    """The plan of each case's templates gives every resource the kind and status that the scan's plan gives it, but
    where the scan holds what no template declares or an inventory difference is explained."""
    from click.testing import CliRunner

    from planner.cli import app
    from planner.core.fileio import write_model_atomic
    from providers.aws.offline.assemble import offline_inventory

    differences: list[str] = []
    explained: list[str] = []
    for case in CASES:
        run, pipeline = runner.run(case, target)
        offline = read_case_offline(case, run.inventory.source.account_id)
        inventory = offline_inventory(offline, kind="cloudformation", account_id=run.inventory.source.account_id,
                                      regions=case.regions, paths=[str(stack.template) for stack in case.stacks], notes=[])
        write_model_atomic(tmp_path / f"{case.name}.json", inventory)
        result = CliRunner().invoke(app, ["plan", str(tmp_path / f"{case.name}.json"), "--target", target,
                                          "--out", str(tmp_path / f"{case.name}-plan.json")])
        assert result.exit_code == 0, result.output
        offline_plan = json.loads((tmp_path / f"{case.name}-plan.json").read_text())
        compared = plan_parity(pipeline.plan, offline_plan, run.inventory, offline.resources, parity_of(run, case))
        differences += [f"{case.name}: {line}" for line in compared.differences]
        explained += [f"{case.name}: {line}" for line in compared.explained]
    print("\n".join(["plan differences explained:", *explained]))
    assert differences == [], "\n".join(differences)
