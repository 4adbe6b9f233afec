"""`planner demo` end to end through click: emulator, seed, the real inventory engine, inventory.json."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import app
from planner.commands import demo as demo_command
from planner.core.model.inventory import Inventory
from planner.demo.emulator import DEMO_ACCESS_KEY_ID
from planner.demo.seed import SeedSummary


def test_demo_writes_an_inventory_with_every_seeded_resource(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summaries: list[SeedSummary] = []
    real_seed = demo_command.seed_footprint

    def recording_seed(*args: object, **kwargs: object) -> SeedSummary:
        summaries.append(real_seed(*args, **kwargs))  # type: ignore[arg-type]
        return summaries[-1]

    monkeypatch.setattr(demo_command, "seed_footprint", recording_seed)
    monkeypatch.setenv("AWS_PROFILE", "someone-elses-profile")
    out_dir = tmp_path / "out"

    result = CliRunner().invoke(app, ["demo", "--out", str(out_dir)])

    assert result.exit_code == 0, result.output
    [summary] = summaries
    inventory = Inventory.load(out_dir / "inventory.json")
    assert sorted(inventory.source.regions) == sorted(summary.regions)
    assert summary.not_found_in(inventory.resources) == []
    assert f"{summary.total}/{summary.total} seeded found" in result.output
    media = next(r for r in inventory.resources if r.key == "aws.s3.bucket" and r.name == summary.media_bucket)
    assert media.props["size_source"] == "cloudwatch"
    assert abs(media.props["size_bytes"] - summary.media_bucket_bytes) < 0.01 * summary.media_bucket_bytes
    text = (out_dir / "inventory.json").read_text(encoding="utf-8")
    leaked = [secret for secret in summary.planted_secrets if secret in text]
    assert leaked == []
    assert os.environ["AWS_PROFILE"] == "someone-elses-profile"
    assert os.environ.get("AWS_ACCESS_KEY_ID") != DEMO_ACCESS_KEY_ID


def test_demo_rejects_an_unknown_target() -> None:
    result = CliRunner().invoke(app, ["demo", "--target", "azure"])
    assert result.exit_code == 2
    assert "azure" in result.output


def test_every_stage_is_named_once_and_inventory_comes_first() -> None:
    names = [stage.name for stage in demo_command.STAGES]
    assert names[0] == "inventory"
    assert len(names) == len(set(names))
