"""`planner preview DIR`: a generated project run under mocks with real provider classes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from test_preview_target import handmade_gcp_target, small_plan_document  # noqa: F401 - fixture

from planner.cli import app
from planner.commands.preview import StackConfig, read_project, run_program
from planner.core.fileio import write_json_atomic
from planner.pulumi_mocks import run_under_mocks
from stacks.common.errors import StackProgramError
from stacks.program import main as program_main

REPO_ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("handmade_gcp_target")
# The hand-made target stands in for a stack program: it enables no API and builds no Cloud NAT for its private
# VM, so two serving rules fail and preview exits 1 ("finished, some parts failed") after printing everything.
HANDMADE_BROKEN_RULES = {"gcp.api-enabled", "gcp.private-vms-egress"}
EXIT_PARTLY_FAILED = 1


def _project(tmp_path: Path, document: dict[str, Any] | None = None) -> Path:
    plan = tmp_path / "plan.json"
    write_json_atomic(plan, document or small_plan_document())
    out = tmp_path / "stack"
    result = CliRunner().invoke(app, ["generate", str(plan), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _break_plan(project: Path, change: Any) -> None:
    """Edit the generated plan.json the way a bad plan or a hand edit would."""
    document = json.loads((project / "plan.json").read_text())
    change(document)
    write_json_atomic(project / "plan.json", document)


def _preview(project: Path, *extra: str) -> Result:
    return CliRunner().invoke(app, ["preview", str(project), *extra], terminal_width=200)


def test_preview_prints_tree_counts_and_outputs(tmp_path: Path) -> None:
    result = _preview(_project(tmp_path))
    assert result.exit_code == EXIT_PARTLY_FAILED, result.output
    output = result.output
    assert "14 of 16 serving rules hold" in output and "6 serving rule violation(s)" in output
    assert "planner-gcp stack dev" in output
    assert "vm-web-1 gcp:compute/instance:Instance" in output and "compute planner:gcp:Compute" in output
    assert "│ gcp:compute/instance:Instance" in output and "│ total" in output and "9 │" in output
    assert "db_app_password │ [secret]" in output and "mock-random-value" not in output
    assert "kms-main" in output  # manual_items output
    assert "note: gcp:project is still a placeholder" in output


def test_json_summary_has_counts_and_output_keys(tmp_path: Path) -> None:
    result = _preview(_project(tmp_path), "--json")
    assert result.exit_code == EXIT_PARTLY_FAILED, result.output
    summary = json.loads(result.stdout)
    broken = {violation.split(":", 1)[0] for violation in summary["serving"]["violations"]}
    assert broken == HANDMADE_BROKEN_RULES and summary["serving"]["holds"] is False
    assert summary["counts"]["gcp:compute/subnetwork:Subnetwork"] == 1
    assert summary["counts"]["random:index/randomPassword:RandomPassword"] == 1
    assert summary["resource_count"] == 9
    assert summary["outputs"] == ["db_app_password", "items", "manual_items"]
    assert summary["secret_outputs"] == ["db_app_password"] and summary["manual_item_count"] == 1
    assert summary["stack"] == "dev" and summary["placeholders"] == ["gcp:project"]


def _generate_broken(tmp_path: Path, change: Any) -> str:
    """`planner generate` on a plan edited the way a bad plan or a hand edit would: the one line it fails with.

    The generated code is the infrastructure, so a plan that cannot be built stops at generate, not at preview."""
    document = small_plan_document()
    change(document)
    plan = tmp_path / "plan.json"
    write_json_atomic(plan, document)
    result = CliRunner().invoke(app, ["generate", str(plan), "--out", str(tmp_path / "stack")])
    assert result.exit_code == 3, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and not (tmp_path / "stack").exists(), result.output
    return lines[0].removeprefix(f"Error: {plan}: ")


def test_missing_required_argument_names_the_item(tmp_path: Path) -> None:
    line = _generate_broken(tmp_path, lambda plan: plan["items"][2]["target"].pop("boot_image"))
    assert line.startswith("plan item 'vm-web-1': (compute.vm) TypeError:")
    assert "boot_disk" in line and line.endswith("pass --allow-invalid to write the rest")


def test_dependency_that_points_nowhere_fails(tmp_path: Path) -> None:
    line = _generate_broken(tmp_path, lambda plan: plan["items"][1]["depends_on"].append("net-gone"))
    assert line == "plan item 'subnet-web': depends_on 'net-gone', which is not an item of the plan"


def test_bad_reference_inside_a_target_fails(tmp_path: Path) -> None:
    line = _generate_broken(tmp_path, lambda plan: plan["items"][2]["target"].update(subnetwork="subnet-nope"))
    assert line.startswith("plan item 'vm-web-1': refers to 'subnet-nope', which is not an item of the plan")


def test_plan_that_fails_validation_fails(tmp_path: Path) -> None:
    line = _generate_broken(tmp_path, lambda plan: plan["items"][0].update(status="moved"))
    assert line.startswith("items[0].status: Input should be")


def test_preview_does_not_read_the_plan_to_build(tmp_path: Path) -> None:
    """The program is the code: a plan.json edited after generate changes nothing that preview builds."""
    project = _project(tmp_path)
    before = json.loads(_preview(project, "--json").stdout)["counts"]
    _break_plan(project, lambda plan: plan["items"][2]["target"].pop("boot_image"))
    after = json.loads(_preview(project, "--json").stdout)["counts"]
    assert after == before and after["gcp:compute/instance:Instance"] == 1


def test_stack_choice(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "Pulumi.other.yaml").write_text((project / "Pulumi.dev.yaml").read_text())
    ambiguous = _preview(project)
    assert ambiguous.exit_code == 2 and "pass --stack (stack files found: dev, other)" in ambiguous.output
    chosen = _preview(project, "--stack", "other", "--json")
    assert chosen.exit_code == EXIT_PARTLY_FAILED and json.loads(chosen.stdout)["stack"] == "other"
    assert _preview(project, "--stack", "nope").exit_code == 2


def test_folder_without_pulumi_yaml_is_bad_input(tmp_path: Path) -> None:
    result = _preview(tmp_path)
    assert result.exit_code == 3 and "no Pulumi.yaml" in result.output


def test_repo_root_program_runs_from_its_stacks_folder(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    write_json_atomic(plan, small_plan_document())
    project = read_project(REPO_ROOT)
    assert project.program == REPO_ROOT / "stacks" and project.working_dir == REPO_ROOT / "stacks"
    config = StackConfig(stack="dev", file=tmp_path / "unused", values={"planner:plan": str(plan)}, secure_keys=[])
    run = run_program(project, config)
    assert run.counts_by_type()["gcp:compute/instance:Instance"] == 1
    assert [entry["id"] for entry in run.outputs["manual_items"]] == ["kms-main"]


def test_placeholder_config_stops_a_real_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`pulumi preview` passes the stack file as is; the program stops before any cloud call."""
    monkeypatch.chdir(_project(tmp_path))
    config = {"gcp:project": "REPLACE-with-your-gcp-project-id", "planner:plan": "plan.json"}
    with pytest.raises(StackProgramError, match=r"stack config gcp:project is still 'REPLACE-with-your-gcp-project-id'"):
        run_under_mocks(program_main, config=config)
    assert "gcp:project" in StackConfig(stack="dev", file=tmp_path, values=config, secure_keys=[]).placeholders()



def test_a_program_that_never_finishes_stops_at_the_timeout(tmp_path: Path) -> None:
    """An output that never resolves would keep preview (and `pulumi preview`) waiting forever."""
    (tmp_path / "Pulumi.yaml").write_text("name: waits\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config: {}\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi\n\nnever, _resolve = pulumi.deferred_output()\npulumi.export('never', never)\n")
    result = _preview(tmp_path, "--timeout", "1")
    assert result.exit_code == 4, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "did not finish within 1 s" in lines[0], result.output


PROGRAMS_THAT_END_BADLY = {
    "sys.exit in an apply": ("pulumi.export('x', pulumi.Output.from_input(1).apply(lambda v: sys.exit(7)))\n",
                             "the program exited with 7"),
    "sys.exit(0) at the top": ("sys.exit(0)\n", "the program called sys.exit() before it finished"),
    "the program's own TimeoutError": ("raise TimeoutError('the backend was slow')\n",
                                       "TimeoutError: the backend was slow"),
}


@pytest.mark.parametrize("ending", PROGRAMS_THAT_END_BADLY)
def test_a_program_that_exits_or_times_out_by_itself_is_one_line_and_the_next_run_is_clean(tmp_path: Path,
                                                                                           ending: str) -> None:
    """Neither the program's exit code nor its pending tasks survive into planner's exit or the next run."""
    body, says = PROGRAMS_THAT_END_BADLY[ending]
    (tmp_path / "Pulumi.yaml").write_text("name: ends\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config: {}\n")
    (tmp_path / "__main__.py").write_text("import sys\n\nimport pulumi\n\n" + body)
    result = _preview(tmp_path)
    assert result.exit_code == 4 and result.output == f"Error: preview failed: {says}\n", result.output
    (tmp_path / "__main__.py").write_text("import pulumi\n\npulumi.export('fine', 1)\n")
    assert _preview(tmp_path).exit_code == 0


FAILING_PROGRAMS = {
    "a refused argument": 'gcp.compute.Subnetwork("web", network=network.id, region="us-east4", bogus_argument=1)\n',
    "a failing apply": 'pulumi.export("ratio", pulumi.Output.from_input(1).apply(lambda one: one / 0))\n',
    "a raise at the top": 'raise RuntimeError("the program gave up")\n',
}


@pytest.mark.parametrize("failure", FAILING_PROGRAMS)
def test_a_failed_preview_in_a_real_process_prints_one_line_and_no_event_loop_noise(tmp_path: Path,
                                                                                     failure: str) -> None:
    """The SDK's event loop can print "Task exception was never retrieved" and its traceback as the process
    exits; a failed preview must end with its one line only."""
    (tmp_path / "Pulumi.yaml").write_text("name: fails\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  gcp:project: a-project\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi\nimport pulumi_gcp as gcp\n\n"
        'network = gcp.compute.Network("main", auto_create_subnetworks=False)\n' + FAILING_PROGRAMS[failure])
    completed = subprocess.run([sys.executable, "-m", "planner", "preview", str(tmp_path)], capture_output=True,
                               text=True, timeout=300)
    assert completed.returncode == 4, completed.stderr
    assert completed.stdout == "" and completed.stderr.count("\n") == 1, completed.stderr
    assert completed.stderr.startswith("Error: preview failed: ")
    for noise in ("Traceback", "never retrieved", "Event loop", "Task was destroyed"):
        assert noise not in completed.stderr
