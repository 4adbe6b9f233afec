"""Putting a generated project on disk: refuse foreign folders, write atomically.

A new (or empty) folder is written in full to a temp folder next to it and
renamed into place, so it appears complete or not at all. A folder written
earlier by `planner generate` (it has the marker) is updated file by file,
each file atomically, the marker last; files the user added are left alone,
and so are files an earlier generation wrote that this one does not.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from planner.core.errors import UsageError
from planner.core.fileio import write_atomic
from planner.stackgen.project import MARKER_FILE, GeneratedProject

FILE_MODE = 0o644


def write_project(project: GeneratedProject, out_dir: Path, *, force: bool = False) -> list[str]:
    """Write `project` into `out_dir`; returns files an earlier generation wrote that this one did not.

    Those are left in place (a stack file of another --stack may hold settings
    the user made); the caller names them.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: exists and is not a directory")
    if _is_empty_or_missing(out_dir):
        _write_fresh(project, out_dir)
        return []
    if not force and not (out_dir / MARKER_FILE).is_file():
        raise UsageError(
            f"{out_dir}: not empty and not written by `planner generate` (no {MARKER_FILE}); "
            "choose an empty or new directory, or pass --force to write into it anyway"
        )
    stale = sorted(set(previous_files(out_dir)) - set(project.files))
    _write_files(project, out_dir)
    return stale


def previous_files(out_dir: Path) -> list[str]:
    """The files the marker of an earlier generation lists ([] when there is none or it is unreadable)."""
    try:
        marker = json.loads((Path(out_dir) / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = marker.get("files") if isinstance(marker, dict) else None
    return [name for name in files if isinstance(name, str)] if isinstance(files, list) else []


def _check_inside(folder: Path, name: str) -> None:
    """Refuse a file whose path leaves `folder` through a symlink (a linked `.github`, a linked file): the project
    is written inside --out only. A link inside that points inside is followed."""
    root = Path(os.path.realpath(folder))
    target = Path(os.path.realpath(folder / name))
    if not target.is_relative_to(root):
        raise UsageError(f"{folder}: {name} would be written outside it, to {target} (a symlink on the way); "
                         "remove the link or choose another --out")


def _is_empty_or_missing(folder: Path) -> bool:
    return not folder.exists() or not any(folder.iterdir())


def _write_fresh(project: GeneratedProject, out_dir: Path) -> None:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    try:
        _write_files(project, staging)
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a project folder is a normal folder
        os.rename(staging, out_dir)  # replaces an empty out_dir too (rename(2))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_files(project: GeneratedProject, folder: Path) -> None:
    names = [*sorted(set(project.files) - {MARKER_FILE}), MARKER_FILE]
    for name in names:
        _check_inside(folder, name)
    for name in names:
        write_atomic(folder / name, project.files[name])
        os.chmod(folder / name, FILE_MODE)  # write_atomic's temp file is private; these are shared files
