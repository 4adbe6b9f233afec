"""The assumptions file: defaults complete, partial overrides, one-line errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import app
from planner.core.errors import InputFileError
from planner.estimation import estimate_plan
from planner.estimation.assumptions import SCALAR_CHECKS, default_assumptions, resolve_assumptions

PLAN = Path(__file__).parent / "golden" / "estimate-small-plan.json"


def test_every_default_has_unit_type_rationale_and_passes_its_own_check() -> None:
    for entry in default_assumptions().entries():
        assert entry.unit and entry.rationale, entry.name
        inner = entry.type[4:-1] if entry.type.startswith("map<") else entry.type
        assert inner in SCALAR_CHECKS, entry.name
        # re-applying the default as an override must be accepted unchanged
        assert default_assumptions().with_overrides({entry.name: entry.default})[entry.name] == entry.default


def test_partial_override_merges_maps_and_marks_what_changed(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("link.efficiency: 0.5\neffort.hours_by_kind:\n  db.sql: [10, 30]\n")
    resolved = resolve_assumptions(path)
    assert resolved["link.efficiency"] == 0.5
    assert resolved["effort.hours_by_kind"]["db.sql"] == [10, 30]
    assert resolved["effort.hours_by_kind"]["compute.vm"] == [4, 10]  # untouched keys stay
    changed = {entry.name for entry in resolved.entries() if entry.overridden}
    assert changed == {"link.efficiency", "effort.hours_by_kind"}


def test_json_file_works_too(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"link.streams": 16}')
    assert resolve_assumptions(path)["link.streams"] == 16


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("link.efficiency: [0.5\n", "not valid YAML at line 2"),
        ("link.efficency: 0.5\n", "unknown assumption 'link.efficency' (did you mean 'link.efficiency'?)"),
        ("link.efficiency: fast\n", "link.efficiency: expected a fraction 0 < x <= 1, got 'fast'"),
        ("link.streams: 2.5\n", "link.streams: expected an integer >= 1, got 2.5"),
        ("cutover.overrides: {db-main: teleport}\n", "cutover.overrides[db-main]: expected one of offline, replicate, precopy"),
        ("effort.hours_by_kind: {db.sql: [30, 10]}\n", "effort.hours_by_kind[db.sql]: expected P50 <= P90, got [30, 10]"),
        ("- just\n- a list\n", "expected a mapping of assumption name -> value"),
    ],
)
def test_bad_files_get_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(InputFileError) as caught:
        resolve_assumptions(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_cli_reports_bad_assumptions_in_one_line_with_exit_code_3(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("downtime.per_store_minutes: -5\n")
    result = CliRunner().invoke(app, ["estimate", str(PLAN), "--assumptions", str(path)])
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [
        f"Error: {path}: downtime.per_store_minutes: expected a number >= 0, got -5"
    ]


def test_an_override_changes_the_figures() -> None:
    base = estimate_plan(PLAN_OBJECT(), bandwidth_bps=1e9)
    slower = estimate_plan(PLAN_OBJECT(), {"link.efficiency": 0.35}, bandwidth_bps=1e9)
    assert slower.downtime.components["data copied during the outage"] > base.downtime.components["data copied during the outage"]
    assert slower.inputs.effective_bps == pytest.approx(base.inputs.effective_bps / 2)


def PLAN_OBJECT():  # noqa: N802 - reads like the constant it stands for
    from planner.core.model import Plan

    return Plan.load(PLAN)
