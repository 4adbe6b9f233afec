"""Every stage treats a schema-valid inventory as valid input (issue 11): hypothesis draws hostile ones
(tests/pipeline_strategies.py) and runs plan -> generate -> preview -> estimate on both targets through the CLI.

Each stage either succeeds (exit 0, or 1: finished with parts listed as failed) or ends in a one-line user error
(exit 2 or 3). Never an exception, never exit 4, never "internal error", never a traceback.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, event, given, settings

from planner.cli import app
from planner.core.model.inventory import Inventory
from tests.pipeline_strategies import inventories

EXAMPLES = int(__import__("os").environ.get("PIPELINE_EXAMPLES", "200"))
TARGETS = ("gcp", "aws")
SUCCESS = (0, 1)
USER_ERRORS = (2, 3)


def _stage(name: str, *arguments: str) -> Result:
    result = CliRunner().invoke(app, [name, *arguments], catch_exceptions=True)
    output = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{name}: raised {type(result.exception).__name__}: {result.exception}")
    assert "Traceback" not in output and "internal error" not in output, f"{name}: {output[-2000:]}"
    assert result.exit_code in SUCCESS + USER_ERRORS, f"{name}: exit {result.exit_code}: {output[-2000:]}"
    event(f"{name}: exit {result.exit_code}")
    if result.exit_code in USER_ERRORS:
        errors = [line for line in output.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1 and len(errors[0]) < 2000, f"{name}: not one clear line: {output[-2000:]}"
    return result


def _pipeline(folder: Path, target: str) -> None:
    plan, stack = folder / f"plan-{target}.json", folder / f"stack-{target}"
    if _stage("plan", str(folder / "inventory.json"), "--target", target, "--out", str(plan)).exit_code not in SUCCESS:
        return
    if _stage("generate", str(plan), "--out", str(stack)).exit_code not in SUCCESS:
        return
    _stage("preview", str(stack), "--json")
    _stage("estimate", str(plan), "--format", "json", "--out", str(folder / f"estimate-{target}.json"))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=inventories())
def test_every_stage_takes_any_schema_valid_inventory(document: dict) -> None:
    Inventory.model_validate(document)  # the strategy's promise: schema-valid
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "inventory.json").write_text(json.dumps(document), encoding="utf-8")
        for target in TARGETS:
            _pipeline(Path(folder), target)
