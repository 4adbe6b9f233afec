"""`planner estimate` on the command line: options, formats, --out, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import app
from planner.core.errors import UsageError
from planner.estimation.units import parse_bandwidth, parse_duration_hours

PLAN = Path(__file__).parent / "golden" / "estimate-small-plan.json"


@pytest.mark.parametrize(
    ("text", "bits"),
    [("10Gbps", 10e9), ("500Mbps", 500e6), ("1.5Gbit/s", 1.5e9), ("100 Mbit/s", 100e6), ("100MB/s", 800e6), ("2Tbps", 2e12)],
)
def test_bandwidth_forms(text: str, bits: float) -> None:
    assert parse_bandwidth(text) == pytest.approx(bits)


@pytest.mark.parametrize("text", ["10", "10G", "fast", "-1Gbps", "0Gbps", "10 Gb"])
def test_bad_bandwidth_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        parse_bandwidth(text)


@pytest.mark.parametrize(("text", "hours"), [("30h", 30), ("2d", 48), ("90m", 1.5), ("1d12h", 36), ("1.5h", 1.5), ("45s", 0.0125)])
def test_durations(text: str, hours: float) -> None:
    assert parse_duration_hours(text) == pytest.approx(hours)


@pytest.mark.parametrize("text", ["30", "h", "30x", "tomorrow", "30h soon"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(UsageError):
        parse_duration_hours(text)


def test_bad_bandwidth_on_the_command_line() -> None:
    result = CliRunner().invoke(app, ["estimate", str(PLAN), "--bandwidth", "10GB"])
    assert result.exit_code == 2
    assert "10Gbps, 500Mbps or 1.5Gbit/s" in result.output


def test_json_to_stdout_has_the_contract_fields() -> None:
    result = CliRunner().invoke(app, ["estimate", str(PLAN), "--format", "json", "--bandwidth", "1Gbps", "--team", "2", "--deadline", "30h"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["schema"] == "planner.estimate/1"
    assert document["effort_hours"] == {"p50": 40.0, "p90": 108.25}
    assert document["downtime_hours"] == pytest.approx(2.2978, abs=1e-4)
    assert document["cost"]["source_monthly_usd"] == 1633.0
    assert document["cost"]["target_monthly_usd"] == 518.0
    assert document["cost"]["egress_one_time_usd"] == pytest.approx(1140.18)
    assert document["data_bytes"] == 13838384627712
    assert document["deadline"]["items_lost"] == ["bucket-media"]
    assert {entry["name"] for entry in document["assumptions"]} >= {"link.efficiency", "effort.hours_by_kind"}
    assert document["inputs"] == {"bandwidth_bps": 1e9, "effective_bps": 7e8, "team": 2, "deadline_hours": 30.0}


@pytest.mark.parametrize(("fmt", "marker"), [("table", "Run cost per month"), ("markdown", "### Migration estimate"), ("html", "<!DOCTYPE html>"), ("json", '"effort_hours"')])
def test_every_format_writes_atomically_to_out(tmp_path: Path, fmt: str, marker: str) -> None:
    out = tmp_path / "reports" / f"estimate.{fmt}"
    result = CliRunner().invoke(app, ["estimate", str(PLAN), "--format", fmt, "--out", str(out), "--deadline", "2d"])
    assert result.exit_code == 0, result.output
    assert marker in out.read_text(encoding="utf-8")
    assert [path.name for path in out.parent.iterdir()] == [out.name]  # no temp file left behind


def test_options_from_the_environment() -> None:
    result = CliRunner().invoke(
        app, ["estimate", str(PLAN), "--format", "json"], env={"PLANNER_TEAM": "1", "PLANNER_ESTIMATE_DEADLINE": "90m"}
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["inputs"]["team"] == 1 and document["inputs"]["deadline_hours"] == 1.5


def test_a_missing_plan_is_a_bad_input() -> None:
    result = CliRunner().invoke(app, ["estimate", "/nonexistent/plan.json"])
    assert result.exit_code == 3
    assert "no such file" in result.output


def test_help_teaches_the_models() -> None:
    result = CliRunner().invoke(app, ["estimate", "--help"])
    assert result.exit_code == 0
    for words in ("--bandwidth", "--deadline", "--assumptions", "replicate", "waves"):
        assert words in result.output


def test_subprocess_table_and_no_matplotlib_at_startup() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", "import sys; from planner.cli import main; sys.argv=['planner','estimate',%r];\n"
         "try: main()\nexcept SystemExit: pass\nprint('MPL' if 'matplotlib' in sys.modules else 'NO-MPL')" % str(PLAN)],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Run cost per month" in completed.stdout
    assert completed.stdout.strip().endswith("NO-MPL")
