"""Reading and writing the pipeline's files: atomic writes, clear read errors."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.errors import InputFileError, OutputFileError, UsageError

ModelT = TypeVar("ModelT", bound=BaseModel)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temp file in the same folder, then rename.

    A crash or a full disk leaves the previous file untouched, never half written.
    A write that fails raises `OutputFileError`: one line naming the file and why.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputFileError(f"cannot write {path}: {_reason(exc)}") from exc
    try:
        # mkstemp creates 0600; give the file the mode a plain open() would (0666 less umask).
        os.fchmod(fd, 0o666 & ~_PROCESS_UMASK)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, OutputFileError):
            raise OutputFileError(f"cannot write {path}: {_reason(exc)}") from exc
        raise


def check_output_path(path: Path, *, option: str = "--out", directory: bool = False) -> None:
    """Fail before any work is done when `path` can obviously not be written.

    Catches the common mistakes (a folder given for a file or the reverse, a
    parent that is a file, a read-only folder) so a long scan is not wasted;
    `write_atomic` still reports anything that goes wrong at write time.
    """
    path = Path(path)
    if path.exists() and path.is_dir() != directory:
        wanted = "a directory" if directory else "a file name, not a directory"
        raise UsageError(f"{option} {path}: exists and is not {wanted}")
    ancestor = path if directory and path.exists() else path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise UsageError(f"{option} {path}: {ancestor} is a file, not a directory")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise UsageError(f"{option} {path}: {ancestor} is not writable")


def _reason(error: OSError) -> str:
    if error.strerror and error.filename and Path(error.filename).name.startswith("."):
        return error.strerror  # the temp file's name means nothing to the user
    if error.strerror and error.filename:
        return f"{error.strerror} ({error.filename})"
    return error.strerror or str(error) or type(error).__name__


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_PROCESS_UMASK = _read_umask()  # read once at import: os.umask is process-wide, not thread-safe


def dump_json(document: Any) -> str:
    """The canonical JSON text of a document: sorted keys, two-space indent, final newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_json_atomic(path: Path, document: Any) -> None:
    write_atomic(path, dump_json(document))


def write_model_atomic(path: Path, model: BaseModel) -> None:
    write_json_atomic(path, model.model_dump(mode="json", by_alias=True))


def read_json(path: Path) -> Any:
    """Parse a JSON file, turning every failure into a one-line `InputFileError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a directory, expected a JSON file") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None


def describe_validation_error(error: ValidationError) -> str:
    """The first problem of a pydantic error as `where: what`, plus how many more."""
    problems = error.errors()
    first = problems[0]
    where = ".".join(_location_part(part) for part in first["loc"]).replace(".[", "[")
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return f"{where or 'document'}: {first['msg']}{more}"


def _location_part(part: str | int) -> str:
    return f"[{part}]" if isinstance(part, int) else str(part)


def load_document(path: Path, model: type[ModelT], *, expected_schema: str) -> ModelT:
    """Read a pipeline file and validate it against `model`.

    A file of another kind (a plan given where an inventory is expected, say) is
    named as such instead of drowning the user in field errors.
    """
    document = read_json(path)
    if not isinstance(document, dict):
        raise InputFileError(f"{path}: expected a JSON object with schema {expected_schema!r}")
    found_schema = document.get("schema")
    if found_schema != expected_schema:
        found = f"schema {found_schema!r}" if found_schema else "no 'schema' field"
        raise InputFileError(f"{path}: expected a {expected_schema!r} file, found {found}")
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        raise InputFileError(f"{path}: {describe_validation_error(exc)}") from None
