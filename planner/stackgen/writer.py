"""Putting a generated project on disk: refuse foreign folders, write atomically.

A new (or empty) folder is written in full to a temp folder next to it and
renamed into place, so it appears complete or not at all. A folder written
earlier by `planner generate` (it has the marker) is updated file by file,
each file atomically, the marker last; files the user added are left alone,
and so are files an earlier generation wrote that this one does not, unless
--update removes them (a group module the new plan no longer has).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planner.core.errors import UsageError
from planner.core.fileio import write_atomic
from planner.stackgen.project import MARKER_FILE, GeneratedProject

FILE_MODE = 0o644
STACK_FILE = re.compile(r"Pulumi\.[^/]+\.ya?ml")  # a stack's settings: never removed by --update


@dataclass(frozen=True)
class WrittenProject:
    """What a generation changed in the folder, file names relative to it."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # owned by the earlier generation, not by this one (--update)
    stale: list[str] = field(default_factory=list)  # the same, left in place (without --update)
    lines_added: int = 0
    lines_removed: int = 0


def write_project(project: GeneratedProject, out_dir: Path, *, force: bool = False, update: bool = False) -> WrittenProject:
    """Write `project` into `out_dir`; what changed there.

    Files an earlier generation wrote that this one does not are left in place (a
    stack file of another --stack may hold settings the user made) and named, unless
    `update`: then the earlier generation's program modules and files are removed,
    stack files excepted. With `update`, `out_dir` must be an earlier generation, and
    a file it owns that was edited since is refused unless `force`.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: exists and is not a directory")
    has_marker = (out_dir / MARKER_FILE).is_file()
    if update and not has_marker:
        raise UsageError(f"--update {out_dir}: not a folder written by `planner generate` (no {MARKER_FILE}); "
                         "write a new project with --out")
    if _is_empty_or_missing(out_dir):
        _write_fresh(project, out_dir)
        return WrittenProject(added=sorted(project.files), lines_added=sum(_lines(text) for text in project.files.values()))
    if not force and not has_marker:
        raise UsageError(
            f"{out_dir}: not empty and not written by `planner generate` (no {MARKER_FILE}); "
            "choose an empty or new directory, or pass --force to write into it anyway"
        )
    if update and not force:
        _refuse_edited(out_dir)
    obsolete = sorted(set(previous_files(out_dir)) - set(project.files))
    removed = [name for name in obsolete if update and not STACK_FILE.fullmatch(name)]
    for name in removed:  # all checked before anything is written: a refusal leaves the folder as it was
        _check_removable(out_dir, name)
    written = _compare(project, out_dir, removed=removed, stale=[name for name in obsolete if name not in removed])
    _write_files(project, out_dir)
    for name in removed:
        (out_dir / name).unlink(missing_ok=True)
    return written


def edited_files(out_dir: Path) -> list[str]:
    """Files of an earlier generation whose content differs from what it wrote (its marker's sha256)."""
    hashes = read_marker(out_dir).get("sha256")
    if not isinstance(hashes, dict):
        return []
    edited = []
    for name, digest in sorted(hashes.items()):
        if STACK_FILE.fullmatch(str(name)):
            continue
        path = Path(out_dir) / str(name)
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            edited.append(str(name))
    return edited


def _refuse_edited(out_dir: Path) -> None:
    edited = edited_files(out_dir)
    if edited:
        shown = ", ".join(edited[:5]) + (f" and {len(edited) - 5} more" if len(edited) > 5 else "")
        raise UsageError(f"--update {out_dir}: {shown} changed since `planner generate` wrote them; commit them "
                         "(the update then shows as a diff against your edit) and pass --force, or undo the edit")


def _compare(project: GeneratedProject, out_dir: Path, *, removed: list[str], stale: list[str]) -> WrittenProject:
    written = WrittenProject(removed=removed, stale=stale)
    plus = minus = 0
    for name, content in sorted(project.files.items()):
        path = out_dir / name
        old = path.read_bytes() if path.is_file() else None
        if old == content:
            written.unchanged.append(name)
            continue
        (written.changed if old is not None else written.added).append(name)
        new_lines, old_lines = Counter(content.splitlines()), Counter((old or b"").splitlines())
        plus += (new_lines - old_lines).total()
        minus += (old_lines - new_lines).total()
    for name in removed:
        path = out_dir / name
        minus += _lines(path.read_bytes()) if path.is_file() else 0
    return replace(written, lines_added=plus, lines_removed=minus)


def _lines(content: bytes) -> int:
    return content.count(b"\n")


def read_marker(out_dir: Path) -> dict[str, Any]:
    """The marker an earlier generation left in `out_dir` ({} when there is none or it is unreadable)."""
    try:
        marker = json.loads((Path(out_dir) / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return marker if isinstance(marker, dict) else {}


def previous_files(out_dir: Path) -> list[str]:
    """The files the marker of an earlier generation lists ([] when there is none or it is unreadable)."""
    files = read_marker(out_dir).get("files")
    return [name for name in files if isinstance(name, str)] if isinstance(files, list) else []


def _check_inside(folder: Path, name: str) -> None:
    """Refuse a file whose path leaves `folder` through a symlink (a linked `.github`, a linked file): the project
    is written inside --out only. A link inside that points inside is followed."""
    root = Path(os.path.realpath(folder))
    target = Path(os.path.realpath(folder / name))
    if not target.is_relative_to(root):
        raise UsageError(f"{folder}: {name} would be written outside it, to {target} (a symlink on the way); "
                         "remove the link or choose another --out")


def _check_removable(folder: Path, name: str) -> None:
    """A file --update may remove: inside `folder`, and a file or link (a marker naming `.` or a folder is not ours)."""
    _check_inside(folder, name)
    path = folder / name
    if path.is_dir() and not path.is_symlink():
        raise UsageError(f"--update {folder}: its {MARKER_FILE} lists {name!r}, a directory; generated projects "
                         "list files only (restore the marker from version control, or write anew with --out)")


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
