"""Where an output goes: through a symlink, never over a device or a directory (issue 16, data loss)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.core.errors import OutputFileError, UsageError
from planner.core.fileio import check_output_path, write_json_atomic


def test_a_symlinked_output_is_written_through_and_the_link_kept(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "plan.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "plan.json"
    link.symlink_to(real)
    write_json_atomic(link, {"a": 1})
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith('{') and '"a": 1' in real.read_text().replace("\n", " ")


def test_a_device_is_refused_and_left_alone(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a regular file"):
        check_output_path(Path("/dev/null"))
    with pytest.raises(OutputFileError, match="not a regular file"):
        write_json_atomic(Path("/dev/null"), {"a": 1})
    assert Path("/dev/null").is_char_device()


def test_a_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(OutputFileError, match="is a directory"):
        write_json_atomic(folder, {"a": 1})
    assert folder.is_dir()
