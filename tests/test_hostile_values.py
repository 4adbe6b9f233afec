"""Hostile values where they enter the CLI: each a one-line error with its documented exit code, never a traceback,
and no file written where none should be."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planner.cli import app

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
PLAN = Path(__file__).parent / "golden" / "estimate-small-plan.json"


@pytest.fixture(scope="module")
def generatable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan `generate` accepts (the golden plan is hand-made for the estimate and has no target specs)."""
    path = tmp_path_factory.mktemp("plan") / "plan.json"
    assert CliRunner().invoke(app, ["plan", str(SYNTHETIC), "-t", "gcp", "--out", str(path)]).exit_code == 0
    return path


def _invoke(args: list[str], env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(app, args, env=env)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "--debug for the traceback" not in result.output, result.output
    return result


def _error_line(result: Result) -> str:
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.output
    return lines[0]


def _plan_with(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    document = json.loads(PLAN.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document), encoding="utf-8")  # json writes NaN and Infinity as Python reads them
    return path


def _first_item(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target = document["items"][0]
        *parents, name = field.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[name] = value
    return change


@pytest.mark.parametrize(("field", "value", "says"), [
    ("cost.source_monthly_usd", float("nan"), "finite number"),
    ("cost.target_monthly_usd", -190_000, "greater than or equal to 0"),
    ("cost.source_monthly_usd", float("inf"), "finite number"),
    ("data_bytes", -1, "greater than or equal to 0"),
    ("data_bytes", 10**400, "less than or equal to"),
    ("facts.size_bytes", float("nan"), "size_bytes: not a finite number"),
    ("facts.ttl", -300, "ttl: negative"),
    ("facts.replicas", 10**30, "replicas: larger than 2**63"),
])
@pytest.mark.parametrize("command", ["estimate", "generate"])
def test_a_hand_edited_plan_with_impossible_numbers_is_refused(tmp_path: Path, field: str, value: Any, says: str,
                                                               command: str) -> None:
    plan = _plan_with(tmp_path, _first_item(field, value))
    args = [command, str(plan)] + (["--out", str(tmp_path / "project")] if command == "generate" else ["--format", "json"])
    result = _invoke(args)
    assert result.exit_code == 3
    assert says in _error_line(result) and "$nan" not in result.output
    assert not (tmp_path / "project").exists()


def _inventory_with(tmp_path: Path, prop: str, value: Any, key: str = "aws.ec2.volume") -> Path:
    document = json.loads(SYNTHETIC.read_text(encoding="utf-8"))
    resource = next(resource for resource in document["resources"] if resource["key"] == key)
    resource["props"][prop] = value
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(("prop", "value", "says"), [
    ("size_gib", float("nan"), "size_gib: not a finite number"),
    ("size_gib", -5, "size_gib: negative"),
    ("iops", float("-inf"), "iops: not a finite number"),
    ("size_gib", 10**400, "size_gib: larger than 2**63"),
])
def test_an_inventory_with_impossible_sizes_is_refused(tmp_path: Path, prop: str, value: Any, says: str) -> None:
    result = _invoke(["plan", str(_inventory_with(tmp_path, prop, value)), "-t", "gcp", "--out", str(tmp_path / "p.json")])
    assert result.exit_code == 3 and says in _error_line(result)
    assert not (tmp_path / "p.json").exists()


@pytest.mark.parametrize("value", [{"nested": [1]}, [1, 2], True, "forty"])
@pytest.mark.parametrize("prop", ["size_gib", "volume_type", "attached_instance_ids", "availability_zone"])
def test_a_prop_of_the_wrong_type_is_one_line_or_read_as_absent(tmp_path: Path, prop: str, value: Any) -> None:
    result = _invoke(["plan", str(_inventory_with(tmp_path, prop, value)), "-t", "gcp", "--out", str(tmp_path / "p.json")])
    assert result.exit_code in (0, 3), result.output
    if result.exit_code == 3:
        assert "aws.ec2.volume" in _error_line(result) or "cannot read" in _error_line(result)


def test_every_prop_of_every_resource_of_the_wrong_type_is_one_line(tmp_path: Path) -> None:
    document = json.loads(SYNTHETIC.read_text(encoding="utf-8"))
    for resource in document["resources"]:
        resource["props"] = {name: {"a": [1]} for name in resource["props"]}
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = _invoke(["plan", str(path), "-t", "aws", "--out", str(tmp_path / "p.json")])
    assert result.exit_code == 3 and "a value planning cannot read" in _error_line(result) or "unexpected type" in result.output


@pytest.mark.parametrize("text", ["[" * 100_000, '{"schema": "planner.plan/1", "items": ' + "[" * 50_000])
def test_deeply_nested_json_is_one_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    result = _invoke(["estimate", str(path)])
    assert result.exit_code == 3 and "nested too deeply" in _error_line(result)


LONE_SURROGATE = "\\ud800"  # as JSON and YAML write it: half of a UTF-16 pair, valid JSON, not text
JSON_PAIR = "\\ud83d\\ude80"  # a whole pair (a rocket): text in JSON
YAML_ASTRAL = "\\U0001F680"  # YAML's escape of the same rocket (YAML reads \\u escapes one by one)


def _with_note(source: Path, tmp_path: Path, escape: str, where: str) -> Path:
    document = json.loads(source.read_text(encoding="utf-8"))
    placeholder = "NOTE-PLACEHOLDER"
    if where == "resources":
        document[where][0].setdefault("tags", {})["note"] = placeholder
    else:
        document[where][0].setdefault("notes", []).append(placeholder)
    path = tmp_path / f"{where}.json"
    path.write_text(json.dumps(document).replace(placeholder, f"a {escape} b"), encoding="utf-8")
    return path


def _surrogate_case(command: str, tmp_path: Path, generatable: Path, *, bad: bool) -> list[str]:
    """The command's arguments, its input holding a lone surrogate escape (`bad`) or a whole character."""
    escape = LONE_SURROGATE if bad else (YAML_ASTRAL if command in {"cloudformation-yaml", "assumptions"} else JSON_PAIR)
    out = str(tmp_path / f"out-{bad}")
    if command == "plan":
        return ["plan", str(_with_note(SYNTHETIC, tmp_path, escape, "resources")), "-t", "gcp", "--out", out + ".json"]
    if command == "from-terraform":
        state = {"version": 4, "terraform_version": "1.9.0", "serial": 1, "lineage": "NOTE-PLACEHOLDER",
                 "outputs": {}, "resources": []}
        path = tmp_path / "terraform.tfstate"
        path.write_text(json.dumps(state).replace("NOTE-PLACEHOLDER", escape), encoding="utf-8")
        return ["inventory", "--from-terraform", str(path), "--out", out + ".json"]
    if command in {"from-cloudformation", "cloudformation-yaml"}:
        json_form = command == "from-cloudformation"
        template = tmp_path / ("template.json" if json_form else "template.yaml")
        body = ('{"Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "q %s"}}}}'
                if json_form else
                'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: "q %s"\n')
        template.write_text(body % escape, encoding="utf-8")
        return ["inventory", "--from-cloudformation", str(template), "--out", out + ".json"]
    if command == "assumptions":
        assumptions = tmp_path / "assumptions.yaml"
        assumptions.write_text(f'cutover.overrides: {{"x {escape}": offline}}\n' if bad else
                               f'link.efficiency: 0.5  # "{escape}" in a comment is never read\n', encoding="utf-8")
        return ["estimate", str(PLAN), "--assumptions", str(assumptions)]
    plan = _with_note(generatable, tmp_path, escape, "items")
    return [command, str(plan), "--out", out] if command == "generate" else [command, str(plan)]


@pytest.mark.parametrize("command", ["plan", "estimate", "generate", "from-terraform", "from-cloudformation",
                                     "cloudformation-yaml", "assumptions"])
def test_a_lone_surrogate_in_any_input_is_a_bad_input_and_a_whole_character_is_text(tmp_path: Path,
                                                                                     generatable: Path,
                                                                                     command: str) -> None:
    refused = _invoke(_surrogate_case(command, tmp_path, generatable, bad=True))
    assert refused.exit_code == 3 and "\\ud800, half of a UTF-16 pair alone" in _error_line(refused), refused.output
    accepted = _invoke(_surrogate_case(command, tmp_path, generatable, bad=False))
    assert accepted.exit_code == 0, accepted.output


def test_deeply_nested_assumptions_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "assumptions.yaml"
    path.write_text("link.efficiency: " + "[" * 20_000, encoding="utf-8")
    result = _invoke(["estimate", str(PLAN), "--assumptions", str(path)])
    assert result.exit_code == 3 and "nested too deeply" in _error_line(result)


def test_a_huge_team_is_a_usage_error() -> None:
    result = _invoke(["estimate", str(PLAN), "--team", str(10**400)])
    assert result.exit_code == 2 and "--team" in _error_line(result)


@pytest.mark.parametrize("stack", ["dev\n", "dev\r", "dev ", "a" * 101, "", "dev/../x", "ßtage"])
def test_stack_names_are_checked_whole(tmp_path: Path, stack: str) -> None:
    result = _invoke(["generate", str(PLAN), "--out", str(tmp_path / "project"), "--stack", stack])
    assert result.exit_code == 2 and "--stack" in _error_line(result)
    assert not (tmp_path / "project").exists()


@pytest.mark.parametrize("command", ["plan", "estimate"])
def test_an_out_ending_in_a_slash_names_a_directory(tmp_path: Path, command: str) -> None:
    out = f"{tmp_path / 'newdir'}/"
    args = ["plan", str(SYNTHETIC), "-t", "gcp", "--out", out] if command == "plan" else ["estimate", str(PLAN), "--out", out]
    result = _invoke(args)
    assert result.exit_code == 2 and "names a directory" in _error_line(result)
    assert not (tmp_path / "newdir").exists()


def test_a_region_map_source_given_twice_is_a_usage_error(tmp_path: Path) -> None:
    result = _invoke(["plan", str(SYNTHETIC), "-t", "gcp", "--region-map", "us-east-1=us-east4",
                      "--region-map", "us-east-1=europe-west1", "--out", str(tmp_path / "p.json")])
    assert result.exit_code == 2 and "given twice" in _error_line(result)
    same_option = _invoke(["plan", str(SYNTHETIC), "-t", "gcp", "--region-map", "us-east-1=us-east4,us-east-1=us-east4",
                           "--out", str(tmp_path / "p.json")])
    assert same_option.exit_code == 2


def test_an_unknown_cutover_override_is_a_usage_error(tmp_path: Path) -> None:
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    known = plan["items"][0]["id"]
    path = tmp_path / "assumptions.yaml"
    path.write_text(f"cutover.overrides: {{{known}x: offline}}\n", encoding="utf-8")
    result = _invoke(["estimate", str(PLAN), "--assumptions", str(path)])
    assert result.exit_code == 2 and f"did you mean {known!r}" in _error_line(result)
    path.write_text(f"cutover.overrides: {{{known}: offline, db.sql: replicate}}\n", encoding="utf-8")
    assert _invoke(["estimate", str(PLAN), "--assumptions", str(path)]).exit_code == 0


@pytest.mark.parametrize("link", [".github", "policy", "README.md"])
def test_generate_never_writes_through_a_link_out_of_its_folder(tmp_path: Path, link: str, generatable: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    assert _invoke(["generate", str(generatable), "--out", str(project)]).exit_code == 0
    outside.mkdir()
    linked = project / link
    if linked.is_dir():
        for entry in sorted(linked.rglob("*"), reverse=True):
            entry.rmdir() if entry.is_dir() else entry.unlink()
        linked.rmdir()
        os.symlink(outside, linked, target_is_directory=True)
    else:
        linked.unlink()
        os.symlink(outside / "README.md", linked)
    result = _invoke(["generate", str(generatable), "--out", str(project)])
    assert result.exit_code == 2 and "outside" in _error_line(result)
    assert list(outside.iterdir()) == []


def test_a_link_inside_the_folder_is_followed(tmp_path: Path, generatable: Path) -> None:
    project = tmp_path / "project"
    assert _invoke(["generate", str(generatable), "--out", str(project)]).exit_code == 0
    (project / "shared").mkdir()
    (project / "README.md").rename(project / "shared" / "README.md")
    os.symlink(project / "shared" / "README.md", project / "README.md")
    assert _invoke(["generate", str(generatable), "--out", str(project)]).exit_code == 0
    assert (project / "README.md").is_symlink() and "pulumi" in (project / "shared" / "README.md").read_text().lower()


@pytest.mark.parametrize("args", [
    ["estimate", str(PLAN), "--out", "a" * 300],
    ["estimate", str(PLAN), "--out", "d/" + "a" * 300 + "/x.md"],
    ["plan", str(SYNTHETIC), "-t", "gcp", "--out", "a" * 300],
    ["generate", str(PLAN), "--out", "a" * 300],
])
def test_names_too_long_for_the_file_system_are_usage_errors(tmp_path: Path, args: list[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _invoke(args)
    assert result.exit_code == 2 and "too long" in _error_line(result)


@pytest.mark.parametrize("args", [["estimate", "a" * 300], ["plan", "a" * 300, "-t", "gcp"]])
def test_an_input_name_too_long_is_a_bad_input(args: list[str]) -> None:
    result = _invoke(args)
    assert result.exit_code == 3 and "too long" in _error_line(result)


def _aws_env(tmp_path: Path, config: str) -> dict[str, str]:
    path = tmp_path / "aws-config"
    path.write_text(config, encoding="utf-8")
    return {"AWS_CONFIG_FILE": str(path), "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
            "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
            "AWS_EC2_METADATA_DISABLED": "true"}


@pytest.mark.parametrize(("config", "code", "says"), [
    ("[default\nregion = us-east-1\n", 3, "cannot be parsed as an AWS config file"),
    ("[default]\ncredential_process = /bin/echo not-json\nregion = us-east-1\n", 4, "did not print JSON credentials"),
    ("[default]\ncredential_process = /bin/echo {\"Version\": 1\nregion = us-east-1\n", 4, "did not print JSON"),
])
def test_a_corrupt_aws_config_or_credential_process_is_one_line(tmp_path: Path, config: str, code: int,
                                                                says: str) -> None:
    env = {key: value for key, value in _aws_env(tmp_path, config).items() if value}
    result = CliRunner().invoke(app, ["inventory", "--regions", "us-east-1", "--services", "sqs", "--endpoint-url",
                                      "http://127.0.0.1:9", "--out", str(tmp_path / "inventory.json")],
                                env={**env, "AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None,  # type: ignore[dict-item]
                                     "AWS_SESSION_TOKEN": None, "AWS_PROFILE": None})  # type: ignore[dict-item]
    assert result.exit_code == code, result.output
    assert says in _error_line(result) and "--debug" not in result.output
    assert not (tmp_path / "inventory.json").exists()
