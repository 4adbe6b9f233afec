"""The CLI as a user meets it: --help that teaches, one-line errors with the documented exit codes, safe outputs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planner.cli import COMMANDS, app
from planner.core.errors import (
    EXIT_BAD_INPUT,
    EXIT_COMPLETED_WITH_ERRORS,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    OutputFileError,
)
from planner.core.fileio import check_output_path, write_atomic

SYNTHETIC_INVENTORY = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
OWN_COMMANDS = ("inventory", "plan", "generate", "preview", "demo")


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real GCP plan of the synthetic inventory (every supported type)."""
    path = tmp_path_factory.mktemp("plan") / "plan.json"
    result = _run("plan", str(SYNTHETIC_INVENTORY), "--target", "gcp", "--out", str(path))
    assert result.exit_code == 0, result.output
    return path


def _run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env, terminal_width=200)


def _one_line_error(result: Result, exit_code: int) -> str:
    """The whole output is one `Error: ...` line (a usage hint before it is fine), no traceback."""
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.strip().splitlines() if line.strip()]
    assert lines[-1].startswith("Error: "), result.output
    assert all(line.startswith(("Usage:", "Try ")) for line in lines[:-1]), result.output
    return lines[-1]


# ---- --help ----


@pytest.mark.parametrize("name", OWN_COMMANDS)
def test_every_help_teaches_examples_exit_codes_and_env_vars(name: str) -> None:
    result = _run(name, "--help")
    assert result.exit_code == 0
    text = result.output
    assert "Examples:" in text and f"planner {name}" in text
    assert "Exit codes:" in text
    assert "[env var: PLANNER_" in text


def test_main_help_names_env_vars_debug_and_interrupt() -> None:
    text = _run("--help").output
    assert "PLANNER_<COMMAND>_<OPTION>" in text and "planner --debug" in text and "130 interrupted" in text
    assert set(COMMANDS) >= set(OWN_COMMANDS)


# ---- wrong flags and values: exit 2, one line ----


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--target", "azure"), "'azure' is not one of 'gcp', 'aws'"),
        (("--target", "gcp", "--region-map", "bad"), "--region-map 'bad': expected SOURCE=TARGET"),
        (("--target", "gcp", "--region-map", "us-east-1=mars-9"), "'mars-9' is not a gcp region"),
        (("--target", "gcp", "--region-map", "mars-1=us-east1"), "the inventory has nothing in 'mars-1'"),
    ],
)
def test_plan_rejects_wrong_values(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    out = tmp_path / "plan.json"
    line = _one_line_error(_run("plan", str(SYNTHETIC_INVENTORY), *args, "--out", str(out)), EXIT_USAGE)
    assert expected in line
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--bandwidth", "fast"), "bandwidth 'fast' not understood"),
        (("--team", "0"), "0 is not in the range 1<=x<=100000"),
        (("--deadline", "soon"), "duration 'soon' not understood"),
        (("--format", "pdf"), "'pdf' is not one of"),
    ],
)
def test_estimate_rejects_wrong_values(plan_file: Path, args: tuple[str, ...], expected: str) -> None:
    assert expected in _one_line_error(_run("estimate", str(plan_file), *args), EXIT_USAGE)


def test_env_var_values_are_checked_like_flags(plan_file: Path) -> None:
    line = _one_line_error(_run("estimate", str(plan_file), env={"PLANNER_TEAM": "0"}), EXIT_USAGE)
    assert "--team" in line


def test_inventory_rejects_a_bad_endpoint_url_before_any_call(tmp_path: Path) -> None:
    line = _one_line_error(_run("inventory", "--endpoint-url", "notaurl", "--out", str(tmp_path / "i.json")), EXIT_USAGE)
    assert "'notaurl' is not an http(s) URL" in line


def test_unknown_aws_profile_is_named_even_from_the_environment(tmp_path: Path) -> None:
    env = {"AWS_PROFILE": "ghost-profile", "AWS_CONFIG_FILE": str(tmp_path / "none"),
           "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"), "PLANNER_PROFILE": None}
    result = _run("inventory", "--regions", "us-east-1", "--out", str(tmp_path / "i.json"), env=env)  # type: ignore[arg-type]
    assert "AWS profile 'ghost-profile' not found" in _one_line_error(result, EXIT_FAILED)


# ---- bad input files: exit 3, one line naming the file ----


def _bad_inputs(folder: Path, plan_file: Path) -> dict[str, Path]:
    files = {
        "empty": b"",
        "truncated": plan_file.read_bytes()[:4000],
        "binary": bytes(range(256)) * 4,
        "a JSON list": b"[1, 2]",
        "foreign JSON": b'{"name": "not ours"}',
    }
    paths = {label: folder / f"{label.replace(' ', '-')}.json" for label in files}
    for label, data in files.items():
        paths[label].write_bytes(data)
    paths["missing"] = folder / "absent.json"
    return paths


INPUT_COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "plan": lambda source, out: ["plan", str(source), "--target", "gcp", "--out", str(out / "plan.json")],
    "estimate": lambda source, out: ["estimate", str(source), "--format", "json", "--out", str(out / "estimate.json")],
    "generate": lambda source, out: ["generate", str(source), "--out", str(out / "stack")],
}


@pytest.mark.parametrize("command", sorted(INPUT_COMMANDS))
def test_corrupt_and_foreign_inputs_are_one_line_with_exit_3(command: str, plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for label, path in _bad_inputs(tmp_path, plan_file).items():
        line = _one_line_error(_run(*INPUT_COMMANDS[command](path, out)), EXIT_BAD_INPUT)
        assert str(path) in line, (label, line)
    assert not out.exists()


def test_the_wrong_pipeline_file_is_named(plan_file: Path) -> None:
    given_inventory = _one_line_error(_run("estimate", str(SYNTHETIC_INVENTORY)), EXIT_BAD_INPUT)
    assert "expected a 'planner.plan/1' file, found schema 'planner.inventory/1'" in given_inventory
    given_plan = _one_line_error(_run("plan", str(plan_file), "-t", "gcp", "-o", "unused.json"), EXIT_BAD_INPUT)
    assert "expected a 'planner.inventory/1' file, found schema 'planner.plan/1'" in given_plan


def _edited_plan(plan_file: Path, folder: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    document = json.loads(plan_file.read_text())
    edit(document)
    path = folder / "edited-plan.json"
    path.write_text(json.dumps(document))
    return path


def _first_mapped(document: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(item for item in document["items"] if item["kind"] == kind and item["status"] == "mapped")


def test_a_target_missing_a_field_is_named_by_generate_and_left_as_a_comment(plan_file: Path, tmp_path: Path) -> None:
    broken = _edited_plan(plan_file, tmp_path, lambda plan: _first_mapped(plan, "network.subnet")["target"].pop("region"))
    item_id = _first_mapped(json.loads(broken.read_text()), "network.subnet")["id"]
    refused = _run("generate", str(broken), "--out", str(tmp_path / "refused"))
    line = _one_line_error(refused, EXIT_BAD_INPUT)
    assert item_id in line and "target.region: Field required" in line and "errors.pydantic.dev" not in line
    generated = _run("generate", str(broken), "--out", str(tmp_path / "stack"), "--allow-invalid")
    assert generated.exit_code == 0, generated.output
    assert f"warning: plan item {item_id!r}: (mapped network.subnet) target.region: Field required" in generated.output
    code = "\n".join(path.read_text() for path in sorted((tmp_path / "stack").glob("*.py")))
    assert f"# manual: {item_id}" in code and "not built:" in code  # the work, where the resource would be
    previewed = _run("preview", str(tmp_path / "stack"), "--json")
    assert previewed.exit_code in (EXIT_OK, EXIT_COMPLETED_WITH_ERRORS), previewed.output
    assert json.loads(previewed.stdout)["resource_count"] > 0


def test_repeated_item_ids_are_refused_by_generate(plan_file: Path, tmp_path: Path) -> None:
    def repeat(plan: dict[str, Any]) -> None:
        plan["items"][1]["id"] = plan["items"][0]["id"]

    broken = _edited_plan(plan_file, tmp_path, repeat)
    line = _one_line_error(_run("generate", str(broken), "--out", str(tmp_path / "stack")), EXIT_BAD_INPUT)  # a plan that breaks its own contract is bad input
    assert "appears more than once" in line
    assert not (tmp_path / "stack").exists()


def test_a_bad_item_status_is_exit_3_with_its_place(plan_file: Path, tmp_path: Path) -> None:
    broken = _edited_plan(plan_file, tmp_path, lambda plan: plan["items"][0].update(status="moved"))
    assert "items[0].status" in _one_line_error(_run("estimate", str(broken)), EXIT_BAD_INPUT)


def test_preview_of_broken_projects_is_one_line(plan_file: Path, tmp_path: Path) -> None:
    assert "no such directory" in _one_line_error(_run("preview", str(tmp_path / "nowhere")), EXIT_BAD_INPUT)
    stack = tmp_path / "stack"
    assert _run("generate", str(plan_file), "--out", str(stack)).exit_code == 0
    (stack / "Pulumi.dev.yaml").write_bytes(b"config:\n  x: \xd0\xd1\n")
    assert "not UTF-8 text" in _one_line_error(_run("preview", str(stack)), EXIT_BAD_INPUT)
    (stack / "Pulumi.dev.yaml").write_text("config:\n  planner:plan: plan.json\n")
    (stack / "__main__.py").write_text("import sys\nsys.exit(3)\n")
    line = _one_line_error(_run("preview", str(stack)), EXIT_FAILED)  # not the program's own 3
    assert "the program exited with 3" in line


# ---- outputs: unwritable paths are one line; a failure never touches the old file ----


def test_an_out_below_a_file_is_refused_before_any_work(plan_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    commands = [
        ["plan", str(SYNTHETIC_INVENTORY), "-t", "gcp", "--out", str(blocker / "plan.json")],
        ["generate", str(plan_file), "--out", str(blocker / "stack")],
        ["inventory", "--regions", "us-east-1", "--out", str(blocker / "inventory.json")],  # before any AWS call
        ["demo", "--out", str(blocker / "demo")],  # before the emulator starts
    ]
    for args in commands:
        assert f"{blocker} is a file, not a directory" in _one_line_error(_run(*args), EXIT_USAGE), args


def test_a_failed_write_is_one_line_and_keeps_the_old_file(plan_file: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "estimate.json"
    out.write_text("earlier estimate")

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("planner.core.fileio.os.replace", disk_full)
    line = _one_line_error(_run("estimate", str(plan_file), "--format", "json", "--out", str(out)), EXIT_FAILED)
    assert line == f"Error: cannot write {out}: No space left on device"
    assert out.read_text() == "earlier estimate"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["estimate.json"]


def test_write_errors_stay_os_errors_for_callers(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(OSError) as caught:
        write_atomic(tmp_path / "f" / "out.json", "{}")
    assert isinstance(caught.value, OutputFileError) and "cannot write" in str(caught.value)


def test_check_output_path_knows_files_from_folders(tmp_path: Path) -> None:
    check_output_path(tmp_path / "new" / "deeper" / "plan.json")
    check_output_path(tmp_path, directory=True)
    (tmp_path / "file").write_text("x")
    for path, directory in ((tmp_path, False), (tmp_path / "file", True)):
        with pytest.raises(Exception, match="exists and is not"):
            check_output_path(path, directory=directory)


def test_a_failed_plan_leaves_an_existing_plan_alone(plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    out.write_bytes(plan_file.read_bytes())
    corrupt = tmp_path / "inventory.json"
    corrupt.write_text(SYNTHETIC_INVENTORY.read_text()[:500])
    _one_line_error(_run("plan", str(corrupt), "-t", "gcp", "--out", str(out)), EXIT_BAD_INPUT)
    assert out.read_bytes() == plan_file.read_bytes()


# ---- --debug and Ctrl-C, through a real process ----


def _planner_process(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, timeout=120, **options)


def test_debug_shows_the_traceback_and_keeps_the_exit_code(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.json"
    foreign.write_text("{}")
    plain = _planner_process("estimate", str(foreign))
    assert plain.returncode == EXIT_BAD_INPUT and "Traceback" not in plain.stderr
    assert plain.stderr.strip().splitlines() == [f"Error: {foreign}: expected a 'planner.plan/1' file, found no 'schema' field"]
    debug = _planner_process("--debug", "estimate", str(foreign))
    assert debug.returncode == EXIT_BAD_INPUT
    assert "Traceback (most recent call last)" in debug.stderr and "InputFileError" in debug.stderr
    from_env = _planner_process("estimate", str(foreign), env={**os.environ, "PLANNER_DEBUG": "1"})
    assert from_env.returncode == EXIT_BAD_INPUT and "Traceback" in from_env.stderr


# `planner` itself, saying "ready" on stderr when the scan's jobs are about to start, so Ctrl-C lands mid-scan.
INTERRUPTED_INVENTORY = """
import sys
import providers.aws.inventory.scanner as scanner
from planner.cli import main

plan_jobs = scanner.plan_jobs

def announced_plan_jobs(*args, **kwargs):
    sys.stderr.write("ready\\n")
    sys.stderr.flush()
    return plan_jobs(*args, **kwargs)

scanner.plan_jobs = announced_plan_jobs
sys.argv = ["planner", *sys.argv[1:]]
main()
"""


def test_ctrl_c_during_a_scan_is_one_line_exit_130_and_keeps_the_old_file(moto_server: str, tmp_path: Path) -> None:
    out = tmp_path / "inventory.json"
    out.write_text("earlier inventory")
    process = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED_INVENTORY, "inventory", "--regions", "all", "--concurrency", "1",
         "--endpoint-url", moto_server, "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == "ready\n"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:  # the scan finished before the signal was handled: nothing to check then
        pytest.skip("the scan ended before Ctrl-C arrived")
    assert process.returncode == EXIT_INTERRUPTED, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("Error: interrupted") and "--resume" in last and "Traceback" not in stderr
    assert out.read_text() == "earlier inventory"
    # What was read goes to the side file for --resume, never over the earlier inventory.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["inventory.json", "inventory.partial.json"]
