"""The corpus of account shapes (tests/corpus/*.yaml), each deployed into moto through its CloudFormation API and
run through the whole pipeline on both targets (tests/corpus_deploy.py does the work; docs/corpus.md is its table).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_deploy import MANUAL_SHARE_GOAL, STAGES, TARGETS, Case, CorpusRunner, corpus_cases

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
