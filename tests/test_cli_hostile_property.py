"""Random and hostile values for every option of every command, and hostile input files, through click's CliRunner.

Each run ends in success or a documented exit code with one `Error:` line: never a traceback, never the last line
of defence ("run with --debug for the traceback" is an error nobody wrote a message for), never "internal error".
A run that succeeds is checked for a silent wrong result (a figure that is NaN, infinite or negative), and a run
that fails for data loss (an existing --out file must be left as it was).

Deterministic (derandomize, no example database) and bounded: the examples per command are counted so the module
stays under a minute on two cores. `TRIED` counts the cases by command, input category and outcome; run with `-s`
to see the table.
"""

from __future__ import annotations

import contextlib
import json
import math
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.cli import app
from planner.core.errors import EXIT_BAD_INPUT, EXIT_COMPLETED_WITH_ERRORS, EXIT_FAILED, EXIT_OK, EXIT_USAGE
from planner.core.model import Plan
from planner.core.model.inventory import Inventory

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
DOCUMENTED_EXITS = {EXIT_OK, EXIT_COMPLETED_WITH_ERRORS, EXIT_USAGE, EXIT_BAD_INPUT, EXIT_FAILED}
UNWRITTEN_ERRORS = ("Traceback (most recent call last)", "run with --debug for the traceback", "internal error")
SENTINEL = "an earlier output, kept unless a run succeeds\n"
TRIED: Counter[tuple[str, str, str]] = Counter()  # (command, input category, outcome) -> runs

# Option values: hostile words, numbers at and past every limit, and random text.
HOSTILE_VALUES = (
    "", " ", "-", "--", "=", "nan", "NaN", "inf", "-inf", "Infinity", "-1", "0", "1e400", "1e-400", str(10**400),
    str(2**63), "-0", "0x10", "1_000", "10Gbps\n", "dev\n", "dev\r\n", "a" * 300, "é日本🚀", "../../etc/passwd",
    "/dev/null", "$(touch /tmp/pwned)", "`id`", "%s%s%n", "\x1b[31mred", "us-east-1=", "=us-east4", "a=b=c",
    "us-east-1=us-east4,us-east-1=europe-west1", "1.5Gbit/s", "100MB/s", "-10Gbps", "0Gbps", "1d12h", "0h", "-30h",
    "99999999999999999999999d", "30", "all", "ec2,,sqs", "ec2,nope", "123456789012", "12345", "default",
)
option_values = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=12),
                          st.integers(-(10**30), 10**30).map(str), st.floats().map(str))
# JSON values a hand-edited file can hold where a number, a string or a list belongs.
hostile_json = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, -1, -190_000.0, 10**400, 2**63, 0, None, True, "", "x" * 500,
                     [], {}, [1, [2]], {"a": {"b": None}}]),
    st.integers(), st.floats(), st.text(max_size=8),
)


def _small_inventory() -> dict[str, Any]:
    """The synthetic inventory's first resource of each of 30 types: every mapper, a fraction of the time."""
    document = json.loads(SYNTHETIC.read_text(encoding="utf-8"))
    seen: set[str] = set()
    kept = []
    for resource in document["resources"]:
        if resource["key"] not in seen and len(kept) < 30:
            seen.add(resource["key"])
            kept.append(resource)
    return {**document, "resources": kept}


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A valid inventory, its plan and its generated project, as documents and paths."""
    folder = tmp_path_factory.mktemp("sources")
    inventory = _small_inventory()
    inventory_path = folder / "inventory.json"
    inventory_path.write_text(json.dumps(inventory), encoding="utf-8")
    plan_path = folder / "plan.json"
    runner = CliRunner()
    assert runner.invoke(app, ["plan", str(inventory_path), "-t", "gcp", "--out", str(plan_path)]).exit_code == 0
    project = folder / "project"
    assert runner.invoke(app, ["generate", str(plan_path), "--out", str(project)]).exit_code == 0
    return {"inventory": inventory, "plan": json.loads(plan_path.read_text(encoding="utf-8")), "project": project,
            "inventory_path": inventory_path, "plan_path": plan_path}


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    print("\ncases tried (command, input, outcome): runs")
    for (command, category, outcome), runs in sorted(TRIED.items()):
        print(f"  {command:9} {category:22} {outcome:10} {runs}")


# -- hostile files -------------------------------------------------------------------------------------------------

def _mutated(document: dict[str, Any], data: st.DataObject, list_field: str) -> dict[str, Any]:
    """The document with one field of one element of `list_field` (or of its props/facts/cost) set to a hostile value."""
    copy = json.loads(json.dumps(document))
    elements = copy[list_field]
    element = elements[data.draw(st.integers(0, len(elements) - 1), label="element")]
    holders = [element, *(element[name] for name in ("props", "facts", "cost", "target", "source", "tags")
                         if isinstance(element.get(name), dict))]
    holder = data.draw(st.sampled_from(holders), label="holder")
    names = sorted(holder) or ["size_bytes"]
    holder[data.draw(st.sampled_from(names), label="field")] = data.draw(hostile_json, label="value")
    return copy


FILE_KINDS = ("valid", "valid", "mutated", "mutated", "mutated", "mutated", "mutated_top", "truncated", "garbage", "not_utf8", "empty", "deep", "other_schema",
              "missing", "directory", "huge_number", "nan_literal")


def _hostile_file(folder: Path, data: st.DataObject, own: dict[str, Any], other: dict[str, Any],
                  list_field: str) -> tuple[Path, str]:
    """A file of one kind (FILE_KINDS) made from `own` (the document the command reads) and `other` (another kind)."""
    kind = data.draw(st.sampled_from(FILE_KINDS), label="file kind")
    path = folder / "input.json"
    text = json.dumps(own)
    writers: dict[str, Callable[[], str | bytes | None]] = {
        "valid": lambda: text,
        "mutated": lambda: json.dumps(_mutated(own, data, list_field)),
        "mutated_top": lambda: json.dumps({**own, data.draw(st.sampled_from(sorted(own)), label="top"):
                                           data.draw(hostile_json, label="top value")}),
        "truncated": lambda: text[: data.draw(st.integers(0, len(text) - 1), label="cut at")],
        "garbage": lambda: data.draw(st.binary(max_size=64), label="bytes"),
        "not_utf8": lambda: b"\xff\xfe" + text.encode("utf-16-le")[:200],
        "empty": lambda: "",
        "deep": lambda: "[" * data.draw(st.integers(900, 200_000), label="depth"),
        "other_schema": lambda: json.dumps(other),
        "missing": lambda: None,
        "directory": lambda: None,
        "huge_number": lambda: text.replace('"resources": [', f'"huge": {"9" * 5000}, "resources": [', 1)
                                   .replace('"items": [', f'"huge": {"9" * 5000}, "items": [', 1),
        "nan_literal": lambda: text.replace("0", "NaN", 1),
    }
    content = writers[kind]()
    if kind == "directory":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    return path, kind


# -- running and judging -------------------------------------------------------------------------------------------

def _options(data: st.DataObject, table: dict[str, st.SearchStrategy[str] | None]) -> list[str]:
    """A random subset of the command's options, each with a drawn value (None: a flag)."""
    chosen = data.draw(st.lists(st.sampled_from(sorted(table)), max_size=3, unique=True), label="options")
    args: list[str] = []
    for name in chosen:
        values = table[name]
        args += [name] if values is None else [name, data.draw(values, label=name)]
    return args


def _judge(command: str, category: str, result: Result, out: Path | None, out_before: str | None) -> None:
    output = result.output
    assert result.exit_code in DOCUMENTED_EXITS, (result.exit_code, output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    for marker in UNWRITTEN_ERRORS:
        assert marker not in output, output
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    if result.exit_code in (EXIT_USAGE, EXIT_BAD_INPUT, EXIT_FAILED):
        assert len(errors) == 1, output
        if out is not None and out_before is not None and out.is_file():
            assert out.read_text(encoding="utf-8") == out_before, "a failed run changed its --out file"
    TRIED[(command, category, {0: "success", 1: "partial"}.get(result.exit_code, f"exit {result.exit_code}"))] += 1


def _run(folder: Path, args: list[str], env: dict[str, str | None] | None = None) -> Result:
    """The command run from `folder`, so that relative paths drawn for --out land there."""
    with contextlib.chdir(folder):
        return CliRunner().invoke(app, args, env=env, catch_exceptions=True)


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _with_old_out(folder: Path, data: st.DataObject, name: str) -> tuple[Path, str | None]:
    out = folder / name
    if data.draw(st.booleans(), label="an earlier --out exists"):
        out.write_text(SENTINEL, encoding="utf-8")
        return out, SENTINEL
    return out, None


def _no_silent_wrong_figure(document: Any) -> None:
    """Every number of an estimate document is finite, and every figure of the contract is >= 0."""
    def walk(value: Any) -> Iterator[float]:
        if isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)
        elif isinstance(value, float):
            yield value
    assert all(math.isfinite(number) for number in walk(document))
    contract = [document["effort_hours"]["p50"], document["effort_hours"]["p90"], document["downtime_hours"],
                document["data_bytes"], *(document["cost"][name] for name in
                                          ("source_monthly_usd", "target_monthly_usd", "egress_one_time_usd"))]
    assert all(figure >= 0 for figure in contract), contract


PLAN_OPTIONS: dict[str, st.SearchStrategy[str] | None] = {
    "--target": st.one_of(st.sampled_from(["gcp", "aws"]), option_values),
    "--region-map": st.one_of(st.sampled_from(["us-east-1=us-east4", "global=europe-west1", "eu-west-1=us-west-2",
                                                "us-east-1=us-east4,us-east-1=us-west1"]), option_values),
    "--out": st.one_of(st.sampled_from(["plan.json", "new/dir/plan.json", "dir/", ".", "/dev/null", "a" * 300]),
                       option_values),
}


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_plan_takes_hostile_options_and_files(sources: dict[str, Any], tmp_path_factory: pytest.TempPathFactory,
                                              data: st.DataObject) -> None:
    folder = _fresh(tmp_path_factory.getbasetemp() / "fuzz-plan")
    inventory, category = _hostile_file(folder, data, sources["inventory"], sources["plan"], "resources")
    out, before = _with_old_out(folder, data, "plan.json")
    args = ["plan", str(inventory), "--target", "gcp", "--out", str(out), *_options(data, PLAN_OPTIONS)]
    result = _run(folder, args, env={"PLANNER_TARGET": None})
    _judge("plan", category, result, out, before)
    if result.exit_code == EXIT_OK and out.is_file() and "--out" not in args[5:]:
        Plan.load(out)  # what it wrote reads back


ESTIMATE_OPTIONS: dict[str, st.SearchStrategy[str] | None] = {
    "--bandwidth": st.one_of(st.sampled_from(["10Gbps", "1.5Gbit/s", "100MB/s", "1bps", "1e30Gbps"]), option_values),
    "--team": st.one_of(st.sampled_from(["1", "4", "100000", "100001"]), option_values),
    "--deadline": st.one_of(st.sampled_from(["30h", "1m", "1d12h", "99999d"]), option_values),
    "--format": st.one_of(st.sampled_from(["table", "json", "markdown", "html"]), option_values),
    "--no-ranges": None,
    "--ranges": None,
}
ASSUMPTIONS = (
    "link.efficiency: .nan\n", "link.efficiency: -1\n", "link.efficiency: 1e400\n", "cutover.overrides: {nope: offline}\n",
    "cutover.overrides: [1, 2]\n", "data.unknown_store_gib: -5\n", "data.unknown_store_gib: 1e300\n", "no.such: 1\n",
    "calendar.focus_hours_per_day: 0\n", "calendar.days_per_week: 99\n", "[" * 5000, "- a\n- b\n", ": : :\n", "",
    "link.efficiency: 0.5\n", "effort.default_hours: .inf\n",
)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_estimate_takes_hostile_options_and_files(sources: dict[str, Any], tmp_path_factory: pytest.TempPathFactory,
                                                  data: st.DataObject) -> None:
    folder = _fresh(tmp_path_factory.getbasetemp() / "fuzz-estimate")
    plan, category = _hostile_file(folder, data, sources["plan"], sources["inventory"], "items")
    args = ["estimate", str(plan), "--format", "json", "--no-ranges", *_options(data, ESTIMATE_OPTIONS)]
    if data.draw(st.booleans(), label="assumptions file"):
        assumptions = folder / "assumptions.yaml"
        assumptions.write_text(data.draw(st.one_of(st.sampled_from(ASSUMPTIONS), st.text(max_size=40))), encoding="utf-8")
        args += ["--assumptions", str(assumptions)]
    out, before = _with_old_out(folder, data, "estimate.out")
    if before is not None:
        args += ["--out", str(out)]
    result = _run(folder, args)
    _judge("estimate", category, result, out, before)
    if result.exit_code == EXIT_OK and args[-2:] == ["--out", str(out)] and args.count("--format") == 1:
        _no_silent_wrong_figure(json.loads(out.read_text(encoding="utf-8")))
    elif result.exit_code == EXIT_OK and args.count("--format") == 1 and before is None:
        _no_silent_wrong_figure(json.loads(result.stdout))


GENERATE_OPTIONS: dict[str, st.SearchStrategy[str] | None] = {
    "--stack": st.one_of(st.sampled_from(["dev", "prod.eu-1", "dev\n", "a" * 101, "-", "ß"]), option_values),
    "--force": None,
    "--allow-invalid": None,
}


@settings(max_examples=120, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_generate_takes_hostile_options_and_files(sources: dict[str, Any], tmp_path_factory: pytest.TempPathFactory,
                                                  data: st.DataObject) -> None:
    folder = _fresh(tmp_path_factory.getbasetemp() / "fuzz-generate")
    plan, category = _hostile_file(folder, data, sources["plan"], sources["inventory"], "items")
    out_name = data.draw(st.one_of(st.sampled_from(["project", "project/", "new/deep/project", "input.json", "a" * 300]),
                                   option_values), label="--out")
    mode = data.draw(st.sampled_from(["--out", "--out", "--update", "both"]), label="mode")
    target = str(folder / out_name) if out_name else ""
    if mode in {"--update", "both"} and data.draw(st.booleans(), label="an earlier project to update"):
        shutil.copytree(sources["project"], folder / "project", dirs_exist_ok=True)
    where = {"--out": ["--out", target], "--update": ["--update", target],
             "both": ["--out", target, "--update", str(folder / "project")]}[mode]
    args = ["generate", str(plan), *where, *_options(data, GENERATE_OPTIONS)]
    result = _run(folder, args)
    _judge("generate", category, result, None, None)


PREVIEW_OPTIONS: dict[str, st.SearchStrategy[str] | None] = {
    "--json": None,
    "--timeout": st.one_of(st.sampled_from(["600", "1", "0", "-5", "86401", "1e9", "abc"]), option_values),
}


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_preview_takes_hostile_projects(sources: dict[str, Any], tmp_path_factory: pytest.TempPathFactory,
                                        data: st.DataObject) -> None:
    folder = _fresh(tmp_path_factory.getbasetemp() / "fuzz-preview")
    project = folder / "project"
    shutil.copytree(sources["project"], project)
    broken = data.draw(st.sampled_from(["none", "Pulumi.yaml", "Pulumi.dev.yaml", "plan.json", "__main__.py",
                                        "missing", "file", "empty"]), label="broken")
    if broken in {"Pulumi.yaml", "Pulumi.dev.yaml", "plan.json", "__main__.py"}:
        text = (project / broken).read_text(encoding="utf-8")
        (project / broken).write_text(data.draw(st.one_of(
            st.just(text[: len(text) // 2]), st.just("[" * 3000), st.just(": : :"), st.text(max_size=30),
            st.just(text.replace("0", "NaN", 1))), label="content"), encoding="utf-8")
    elif broken == "missing":
        shutil.rmtree(project)
    elif broken == "file":
        shutil.rmtree(project)
        project.write_text("not a project", encoding="utf-8")
    elif broken == "empty":
        shutil.rmtree(project)
        project.mkdir()
    args = ["preview", str(project), *_options(data, PREVIEW_OPTIONS)]
    if data.draw(st.booleans(), label="--stack"):
        args += ["--stack", data.draw(st.one_of(st.just("dev"), option_values), label="stack")]
    result = _run(folder, args)
    _judge("preview", broken, result, None, None)


INVENTORY_OPTIONS: dict[str, st.SearchStrategy[str] | None] = {
    "--regions": st.one_of(st.sampled_from(["us-east-1", "all", "us-east-1,us-east-1", "mars-north-9", "US-EAST-1"]),
                           option_values),
    "--services": st.one_of(st.sampled_from(["sqs", "sqs,sqs", "nope", "ec2,,sqs"]), option_values),
    "--concurrency": st.one_of(st.sampled_from(["1", "0", "-1", "100000", str(10**400)]), option_values),
    "--profile": st.one_of(st.just("no-such-profile"), option_values),
    "--role-name": option_values,
    "--accounts": option_values,
    "--force": None,
    "--deadline": st.one_of(st.sampled_from(["30m", "45s", "0s", "-1h", "1d", "99999999999999999999d", "soon"]),
                            option_values),
    "--resume": st.one_of(st.sampled_from(["missing.partial.json", "/dev/null", ".", "inventory.json"]),
                          option_values),
    "--organization": None,
    "--progress": None,
    "--no-progress": None,
    "--account-id": st.one_of(st.sampled_from(["123456789012", "12345", "0" * 12, "1234567890123"]), option_values),
}


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_inventory_takes_hostile_options(moto_server_url: str, tmp_path_factory: pytest.TempPathFactory,
                                        data: st.DataObject) -> None:
    folder = _fresh(tmp_path_factory.getbasetemp() / "fuzz-inventory")
    out, before = _with_old_out(folder, data, "inventory.json")
    out_arg = data.draw(st.one_of(st.just(str(out)), st.sampled_from(["dir/", "a" * 300, "/dev/null"])), label="--out")
    args = ["inventory", "--endpoint-url", moto_server_url, "--regions", "us-east-1", "--services", "sqs",
            "--out", out_arg, *_options(data, INVENTORY_OPTIONS)]
    result = _run(folder, args, env={"AWS_PROFILE": None})
    _judge("inventory", "options", result, out, before)


TERRAFORM_STATE: dict[str, Any] = {
    "version": 4, "terraform_version": "1.9.0", "serial": 1, "lineage": "fuzz", "outputs": {},
    "resources": [
        {"mode": "managed", "type": "aws_sqs_queue", "name": "jobs", "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
         "instances": [{"schema_version": 0, "attributes": {"id": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
                                                             "name": "jobs", "arn": "arn:aws:sqs:us-east-1:123456789012:jobs"}}]},
        {"mode": "managed", "type": "aws_s3_bucket", "name": "media", "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
         "instances": [{"schema_version": 0, "attributes": {"id": "media", "bucket": "media",
                                                             "arn": "arn:aws:s3:::media", "region": "us-east-1"}}]},
    ],
}
TEMPLATE = {"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {"Size": {"Type": "Number", "Default": 20}},
            "Resources": {"Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "jobs"}},
                          "Disk": {"Type": "AWS::EC2::Volume", "Properties": {"Size": {"Ref": "Size"},
                                                                               "AvailabilityZone": "us-east-1a"}}}}
PARAMETER_FILES = ("Size: 30\n", "Size: -1\n", "Size: .nan\n", "Size: 1e400\n", "[{ParameterKey: Size}]\n",
                   '[{"ParameterKey": "Size", "ParameterValue": "40"}]', "{Parameters: {Size: 50}}\n", "Nope: 1\n",
                   "[" * 5000, ": : :\n", "", "- a\n- b\n", "Size: {Ref: Size}\n")


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_offline_inventory_takes_hostile_state_and_parameter_files(tmp_path_factory: pytest.TempPathFactory,
                                                                   data: st.DataObject) -> None:
    """`--from-terraform` with a hostile state file, or `--from-cloudformation` with a hostile `--parameters` file."""
    folder = _fresh(tmp_path_factory.getbasetemp() / "fuzz-offline")
    out, before = _with_old_out(folder, data, "inventory.json")
    if data.draw(st.booleans(), label="terraform"):
        state, category = _hostile_file(folder, data, TERRAFORM_STATE, {"schema": "planner.plan/1"}, "resources")
        args = ["inventory", "--from-terraform", str(state), "--out", str(out)]
        command = "inventory --from-terraform"
    else:
        template = folder / "template.json"
        template.write_text(json.dumps(TEMPLATE), encoding="utf-8")
        parameters = folder / "parameters.yaml"
        parameters.write_text(data.draw(st.one_of(st.sampled_from(PARAMETER_FILES), st.text(max_size=40)),
                                        label="parameters"), encoding="utf-8")
        args = ["inventory", "--from-cloudformation", str(template), "--parameters", str(parameters), "--out", str(out)]
        command, category = "inventory --parameters", "parameters"
    if data.draw(st.booleans(), label="--account-id"):
        args += ["--account-id", data.draw(st.one_of(st.just("123456789012"), option_values), label="account")]
    result = _run(folder, args)
    _judge(command, category, result, out, before)
    if result.exit_code == EXIT_OK:
        Inventory.model_validate_json(out.read_text(encoding="utf-8"))  # what it wrote reads back


DEMO_ARGUMENTS = (
    ["--target", "azure"], ["--target", ""], ["--out", "/dev/null"], ["--out", "a-file"], ["--out", "a" * 300],
    ["--out", ""], ["--bogus"], ["--target"],
)


@pytest.mark.parametrize("arguments", DEMO_ARGUMENTS, ids=[" ".join(a)[:30] for a in DEMO_ARGUMENTS])
def test_demo_refuses_bad_arguments_in_one_line(tmp_path: Path, arguments: list[str]) -> None:
    """Each of these fails before the demo starts its emulator: one line, a usage or input exit code."""
    (tmp_path / "a-file").write_text(SENTINEL, encoding="utf-8")
    result = _run(tmp_path, ["demo", *arguments])
    assert result.exit_code in (EXIT_USAGE, EXIT_BAD_INPUT), result.output
    _judge("demo", "arguments", result, tmp_path / "a-file", SENTINEL)
