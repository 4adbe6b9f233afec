"""Reading and writing the pipeline's files: atomic writes, clear read errors."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.errors import InputFileError

ModelT = TypeVar("ModelT", bound=BaseModel)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temp file in the same folder, then rename.

    A crash or a full disk leaves the previous file untouched, never half written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates 0600; give the file the mode a plain open() would (0666 less umask).
        os.fchmod(fd, 0o666 & ~_PROCESS_UMASK)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


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
