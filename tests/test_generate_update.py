"""`planner generate --update DIR`: a new plan rewrites only the files the generator owns, as a reviewable diff;
edits, the user's own files and stack settings are never lost, and a refusal writes nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from test_generate_project import _files, _plan_file, valid_plan_document

from planner.cli import app
from planner.stackgen.project import MARKER_FILE


def _update(plan: Path, folder: Path, *extra: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, ["generate", str(plan), "--update", str(folder), *extra], env=env)


def _generated(tmp_path: Path) -> tuple[Path, Path]:
    plan, folder = _plan_file(tmp_path), tmp_path / "infra"
    result = CliRunner().invoke(app, ["generate", str(plan), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return plan, folder


def _new_plan(tmp_path: Path, change: Any) -> Path:
    document = valid_plan_document()
    change(document)
    path = tmp_path / "new-plan.json"
    path.write_text(json.dumps(document))
    return path


def _bigger_vm(document: dict[str, Any]) -> None:
    vm = next(item for item in document["items"] if item["id"] == "vm-web-1")
    vm["target"]["machine_type"] = "e2-standard-4"


def _without_database(document: dict[str, Any]) -> None:
    document["items"] = [item for item in document["items"] if item["id"] != "db-app"]


def test_a_new_size_changes_the_compute_module_and_the_plan_only(tmp_path: Path) -> None:
    _, folder = _generated(tmp_path)
    before = _files(folder)
    result = _update(_new_plan(tmp_path, _bigger_vm), folder)
    assert result.exit_code == 0, result.output
    after = _files(folder)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == [MARKER_FILE, "README.md", "compute.py", "plan.json"]  # README: the plan's sha256 and date
    new_lines = set(after["compute.py"].decode().splitlines()) - set(before["compute.py"].decode().splitlines())
    assert new_lines == {'            machine_type="e2-standard-4",'}
    assert "changed: .planner-generated, README.md, compute.py, plan.json" in result.output
    assert "0 new, 4 changed" in result.output and "+7 -7 lines" in result.output  # 1 code line, 6 of plan and marker


def test_a_group_the_plan_no_longer_has_is_removed_and_stack_settings_are_kept(tmp_path: Path) -> None:
    _, folder = _generated(tmp_path)
    stack_file = folder / "Pulumi.dev.yaml"
    stack_file.write_text(stack_file.read_text().replace("REPLACE-with-your-gcp-project-id", "acme-prod"))
    (folder / "NOTES.md").write_text("ours\n")
    result = _update(_new_plan(tmp_path, _without_database), folder, "--force")  # the stack file was edited
    assert result.exit_code == 0, result.output
    assert not (folder / "data.py").exists() and "removed: " in result.output and "data.py" in result.output
    assert "acme-prod" in stack_file.read_text() and (folder / "NOTES.md").read_text() == "ours\n"
    assert "import data" not in (folder / "__main__.py").read_text()


def test_an_owned_file_edited_since_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    _, folder = _generated(tmp_path)
    compute = folder / "compute.py"
    compute.write_text(compute.read_text() + "# our hand edit\n")
    before = _files(folder)
    refused = _update(_new_plan(tmp_path, _bigger_vm), folder)
    assert refused.exit_code == 2 and "compute.py changed since" in refused.output and "--force" in refused.output
    assert _files(folder) == before
    forced = _update(_new_plan(tmp_path, _bigger_vm), folder, "--force")
    assert forced.exit_code == 0, forced.output
    assert "e2-standard-4" in compute.read_text() and "# our hand edit" not in compute.read_text()


def test_update_needs_an_earlier_generation(tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir()
    (folder / "__main__.py").write_text("print('not ours')\n")
    result = _update(_plan_file(tmp_path), folder)
    assert result.exit_code == 2 and "not a folder written by `planner generate`" in result.output
    assert (folder / "__main__.py").read_text() == "print('not ours')\n"


def test_out_and_update_together_are_a_usage_error_but_update_wins_over_the_environment(tmp_path: Path) -> None:
    plan, folder = _generated(tmp_path)
    both = CliRunner().invoke(app, ["generate", str(plan), "--out", str(tmp_path / "x"), "--update", str(folder)])
    assert both.exit_code == 2 and "give the project folder once" in both.output
    from_env = _update(_new_plan(tmp_path, _bigger_vm), folder, env={"PLANNER_GENERATE_OUT": str(tmp_path / "elsewhere")})
    assert from_env.exit_code == 0, from_env.output
    assert "e2-standard-4" in (folder / "compute.py").read_text() and not (tmp_path / "elsewhere").exists()


def test_an_explicit_out_wins_over_planner_generate_update(tmp_path: Path) -> None:
    plan, folder = _generated(tmp_path)
    fresh = tmp_path / "fresh"
    result = CliRunner().invoke(app, ["generate", str(plan), "--out", str(fresh)],
                                env={"PLANNER_GENERATE_UPDATE": str(folder)})
    assert result.exit_code == 0, result.output
    assert (fresh / MARKER_FILE).is_file()


def test_a_marker_naming_a_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    _, folder = _generated(tmp_path)
    marker = folder / MARKER_FILE
    document = json.loads(marker.read_text())
    document["files"].append("policy")  # a folder of the project, not a file it owns
    marker.write_text(json.dumps(document))
    before = _files(folder)
    result = _update(_new_plan(tmp_path, _bigger_vm), folder, "--force")
    assert result.exit_code == 2 and "'policy', a directory" in result.output, result.output
    assert _files(folder) == before


def test_a_marker_naming_a_file_outside_the_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    _, folder = _generated(tmp_path)
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n")
    marker = folder / MARKER_FILE
    document = json.loads(marker.read_text())
    document["files"].append(os.path.relpath(outside, folder))  # a hand-edited marker, or a hostile one
    document["sha256"].pop(os.path.relpath(outside, folder), None)
    marker.write_text(json.dumps(document))
    before = _files(folder)
    result = _update(_new_plan(tmp_path, _bigger_vm), folder, "--force")
    assert result.exit_code == 2 and "outside it" in result.output, result.output
    assert outside.read_text() == "keep me\n" and _files(folder) == before
