"""The pipeline's files: schema checks and one-line errors on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.core.errors import InputFileError
from planner.core.fileio import write_atomic
from planner.core.model import Inventory, Plan


def _inventory_document() -> dict:
    return {
        "schema": "planner.inventory/1",
        "generated_at": "2026-11-21T00:00:00Z",
        "tool": {"name": "planner", "version": "0.1.0"},
        "source": {"provider": "aws", "account_id": "123456789012", "regions": ["us-east-1"]},
        "resources": [
            {"key": "aws.ec2.vpc", "id": "vpc-1", "region": "us-east-1", "name": "main", "tags": {}, "props": {}, "refs": []}
        ],
        "errors": [],
    }


def test_valid_inventory_loads(tmp_path: Path) -> None:
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(_inventory_document()))
    inventory = Inventory.load(path)
    assert inventory.resources[0].id == "vpc-1"
    assert inventory.by_id()["vpc-1"].key == "aws.ec2.vpc"


def test_truncated_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(_inventory_document(), indent=1)[:120])
    with pytest.raises(InputFileError, match=r"not valid JSON at line \d+, column \d+"):
        Inventory.load(path)


def test_plan_given_as_inventory_is_named(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"schema": "planner.plan/1"}))
    with pytest.raises(InputFileError, match="expected a 'planner.inventory/1' file, found schema 'planner.plan/1'"):
        Inventory.load(path)


def test_missing_field_points_at_the_resource(tmp_path: Path) -> None:
    document = _inventory_document()
    del document["resources"][0]["id"]
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(document))
    with pytest.raises(InputFileError, match=r"resources\[0\]\.id: Field required"):
        Inventory.load(path)


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        Plan.load(tmp_path / "absent.json")


def test_atomic_write_keeps_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.json"
    path.write_text("old")

    def failing_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("planner.core.fileio.os.replace", failing_replace)
    with pytest.raises(OSError):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
