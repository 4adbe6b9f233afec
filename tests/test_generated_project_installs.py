"""The demo's generated project stands on its own: a clean virtual environment made from its requirements.txt alone
(public packages from the index, no planner) runs it under Pulumi's mocks, and it registers the same cloud resources,
with the same inputs, parents and dependencies, as the builders in `stacks/` do for the plan.

Both runs go through tests/standalone_mock_run.py (pulumi only), one in each interpreter. Needs the package index
(pip's cache after `make test` set-up holds the pinned wheels); marked slow.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest
import yaml

from planner.pulumi_mocks import CALL_PLACEHOLDERS, COMPUTED_PLACEHOLDERS

pytestmark = pytest.mark.slow
RUNNER = Path(__file__).parent / "standalone_mock_run.py"
REPO_STACKS = Path(__file__).resolve().parent.parent / "stacks"
PROJECT_NAME = "clean-venv"
CONFIG = {"gcp:project": "clean-venv-project", "gcp:region": "us-east4", "aws:region": "us-east-1"}
INSTALL_TIMEOUT_S = 1200


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`planner demo`'s output folder (its plan.json and the project generated from it in stack/)."""
    out = tmp_path_factory.mktemp("demo") / "out"
    completed = subprocess.run([sys.executable, "-m", "planner", "demo", "--out", str(out)],
                               capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def clean_python(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The interpreter of a new virtual environment with the generated project's requirements.txt installed."""
    environment = tmp_path_factory.mktemp("clean") / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(environment)
    python = environment / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                "-r", str(demo / "stack" / "requirements.txt")],
                               capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
    assert installed.returncode == 0, installed.stderr[-3000:]
    return python


def _mock_run(python: Path, folder: Path, config: dict[str, str]) -> list[dict[str, Any]]:
    spec = {"folder": str(folder), "project": PROJECT_NAME, "stack": "dev", "config": config,
            "computed": COMPUTED_PLACEHOLDERS, "calls": CALL_PLACEHOLDERS}
    completed = subprocess.run([str(python), str(RUNNER), json.dumps(spec)], capture_output=True, text=True,
                               timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)


def _stack_config(project: Path) -> dict[str, str]:
    """The generated stack file's settings, its placeholders given test values."""
    settings = yaml.safe_load((project / "Pulumi.dev.yaml").read_text())["config"]
    return {key: CONFIG.get(key, str(value)) for key, value in settings.items()}


def test_clean_environment_has_no_planner(clean_python: Path) -> None:
    for package in ("planner", "stacks", "providers"):
        probe = subprocess.run([str(clean_python), "-c", f"import {package}"], capture_output=True, text=True,
                               cwd=clean_python.parent)  # not the checkout, whose folders import as packages
        assert probe.returncode != 0 and "ModuleNotFoundError" in probe.stderr, package


def test_requirements_are_public_pins_only(demo: Path) -> None:
    lines = [line for line in (demo / "stack" / "requirements.txt").read_text().splitlines()
             if line and not line.startswith("#")]
    names = {line.split("==")[0] for line in lines}
    assert names == {"pulumi", "pulumi-gcp", "pulumi-random", "pulumi-policy"}
    assert all("==" in line for line in lines)


def test_generated_project_creates_what_the_builders_create(demo: Path, clean_python: Path) -> None:
    project = demo / "stack"
    generated = _mock_run(clean_python, project, _stack_config(project))
    built = _mock_run(Path(sys.executable), REPO_STACKS, {**CONFIG, "planner:plan": str(demo / "plan.json")})
    by_urn = {resource["urn"]: resource for resource in built}
    assert len(generated) == len(built) and len(built) > 100
    assert sorted(resource["urn"] for resource in generated) == sorted(by_urn)
    different = [resource["urn"] for resource in generated if resource != by_urn[resource["urn"]]]
    assert different == []
    custom = [resource for resource in generated if resource["custom"]]
    assert {resource["type"].split(":")[0] for resource in custom} >= {"gcp", "random"}


def test_the_standalone_runner_compares_the_options_the_planner_records() -> None:
    """tests/standalone_mock_run.py imports nothing of the planner, so it holds its own copy of the list."""
    import standalone_mock_run

    from planner.pulumi_mocks import RESOURCE_OPTIONS

    assert standalone_mock_run.RESOURCE_OPTIONS == RESOURCE_OPTIONS
