"""What `planner demo` leaves in its output folder: no planted secret anywhere, no AWS id in the stack.

The demo runs once for the module (about 15 s), as a real process.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planner.demo.footprint import DATABASE_URL, PLANTED_SECRETS
from planner.stackgen.safety import redaction_token

# Shapes of AWS ids (resource ids, ARNs), written here independently of planner.stackgen.safety.
AWS_ID_SHAPE = re.compile(r"^(?:[a-z]+(?:-[a-z]+)?-(?:[0-9a-f]{8}|[0-9a-f]{17})|arn:aws[a-z-]*:.+)$")
EXPECTED_TOP_LEVEL = {"inventory.json", "plan.json", "stack", "summary.html", "summary.md", "estimate.json"}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "out"
    completed = subprocess.run([sys.executable, "-m", "planner", "demo", "--out", str(out)],
                               capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    return out


def _every_file(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _base64_forms(secret: str) -> list[str]:
    """The secret as it reads inside any base64 text (user data), at each of the three byte alignments."""
    forms = []
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + secret.encode()).decode()
        complete = (offset + len(secret)) // 3 * 4
        forms.append(encoded[4 if offset else 0:complete])
    return forms


def test_the_demo_writes_every_file_of_the_pipeline(demo_dir: Path) -> None:
    assert {path.name for path in demo_dir.iterdir()} == EXPECTED_TOP_LEVEL
    assert (demo_dir / "stack" / "Pulumi.yaml").is_file() and (demo_dir / "stack" / "plan.json").is_file()
    assert not [path for path in demo_dir.parent.iterdir() if path.name.endswith(".tmp")]  # no staging left


def test_no_planted_secret_in_any_output_file(demo_dir: Path) -> None:
    secrets = [*PLANTED_SECRETS.values(), DATABASE_URL]
    needles = {secret: [secret, *_base64_forms(secret)] for secret in secrets}
    files = _every_file(demo_dir)
    assert len(files) >= 12
    leaks = [
        (str(path.relative_to(demo_dir)), secret)
        for path in files
        for secret, forms in needles.items()
        if any(form in path.read_text(encoding="utf-8", errors="replace") for form in forms)
    ]
    assert leaks == []


def test_the_planted_secrets_were_really_planted(demo_dir: Path) -> None:
    """Guard against a vacuous check: the names of what held the secrets are in the inventory."""
    inventory = json.loads((demo_dir / "inventory.json").read_text())
    names = {resource["name"] for resource in inventory["resources"]}
    assert {"soapbox/prod/postgres-master", "soapbox/prod/payments"} <= names
    lambda_props = [resource["props"] for resource in inventory["resources"] if resource["key"] == "aws.lambda.function"]
    assert any("PAYMENTS_API_KEY" in json.dumps(props) for props in lambda_props)  # the name stays, the value goes


def _aws_ids_of(inventory: dict[str, object]) -> set[str]:
    ids: set[str] = set()
    for resource in inventory["resources"]:  # type: ignore[attr-defined]
        for value in (resource["id"], *resource.get("refs", [])):
            if isinstance(value, str) and AWS_ID_SHAPE.match(value):
                ids.add(value)
    return ids


def test_no_aws_id_or_account_id_anywhere_in_the_stack(demo_dir: Path) -> None:
    inventory = json.loads((demo_dir / "inventory.json").read_text())
    aws_ids = _aws_ids_of(inventory)
    assert len(aws_ids) > 50  # instances, volumes, subnets, ARNs...
    account_id = inventory["source"]["account_id"]
    hits = [
        (str(path.relative_to(demo_dir)), needle)
        for path in _every_file(demo_dir / "stack")
        for text in [path.read_text(encoding="utf-8", errors="replace")]
        for needle in (*aws_ids, account_id)
        if needle in text
    ]
    assert hits == []


def test_the_stack_plan_copy_is_redacted_by_token_and_otherwise_the_same(demo_dir: Path) -> None:
    plan = json.loads((demo_dir / "plan.json").read_text())
    copy = json.loads((demo_dir / "stack" / "plan.json").read_text())
    assert [item["id"] for item in copy["items"]] == [item["id"] for item in plan["items"]]
    for original, redacted in zip(plan["items"], copy["items"], strict=True):
        source_id = original["source"]["id"]
        if AWS_ID_SHAPE.match(source_id):
            assert redacted["source"]["id"] == redaction_token(source_id)
        assert redacted["target"] == original["target"] or _differs_only_in_source_fields(original, redacted)
        assert redacted["depends_on"] == original["depends_on"] and redacted["status"] == original["status"]


def _differs_only_in_source_fields(original: dict[str, object], redacted: dict[str, object]) -> bool:
    before, after = original["target"], redacted["target"]
    assert isinstance(before, dict) and isinstance(after, dict)
    return _source_fields_aside(before) == _source_fields_aside(after)


def _source_fields_aside(spec: object) -> object:
    """The spec without its `source*` fields (the source's description, redacted in generated projects), at any depth."""
    if isinstance(spec, list):
        return [_source_fields_aside(entry) for entry in spec]
    if isinstance(spec, dict):
        return {key: _source_fields_aside(value) for key, value in spec.items() if not key.startswith("source")}
    return spec
