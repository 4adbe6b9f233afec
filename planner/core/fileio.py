"""Reading and writing the pipeline's files: atomic writes, clear read errors."""

from __future__ import annotations

import gc
import hashlib
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from json.encoder import c_make_encoder as _c_make_encoder  # type: ignore[attr-defined]
from json.encoder import encode_basestring as _encode_string  # the C version when available, as json.dumps uses
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from pydantic import BaseModel, ValidationError

from planner.core.errors import TOO_DEEP, InputFileError, OutputFileError, UsageError

ModelT = TypeVar("ModelT", bound=BaseModel)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temp file in the same folder, then rename.

    A crash or a full disk leaves the previous file untouched, never half written.
    A write that fails raises `OutputFileError`: one line naming the file and why.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _write_atomic_with(path, lambda handle: handle.write(payload))


def _writable_target(path: Path) -> Path:
    """The file the write replaces: through a symlink to what it points at (the link stays); never a device, a pipe
    or a directory (replacing one would destroy it)."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if target.exists() and not target.is_file():
        what = "a directory" if target.is_dir() else "not a regular file (a device, a pipe or a socket)"
        raise OutputFileError(f"cannot write {path}: {target} is {what}")
    return target


def _write_atomic_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    path = _writable_target(Path(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputFileError(f"cannot write {path}: {_reason(exc)}") from exc
    try:
        # mkstemp creates 0600; give the file the mode a plain open() would (0666 less umask).
        os.fchmod(fd, 0o666 & ~_PROCESS_UMASK)
        with os.fdopen(fd, "wb") as handle:
            write(handle)
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
    try:
        _check_output_path(Path(path), option, directory)
    except OSError as exc:  # a name too long for the file system (ENAMETOOLONG), a loop of symlinks...
        raise UsageError(f"{option} {path}: {exc.strerror or exc}") from None


def _check_output_path(path: Path, option: str, directory: bool) -> None:
    longest = max((part for part in path.parts), key=lambda part: len(os.fsencode(part)), default="")
    if len(os.fsencode(longest)) > MAX_NAME_BYTES:
        raise UsageError(f"{option} {path}: a name in it is too long ({len(os.fsencode(longest))} bytes; file systems "
                         f"take {MAX_NAME_BYTES})")
    if path.exists() and not directory and not path.is_dir() and not Path(os.path.realpath(path)).is_file():
        raise UsageError(f"{option} {path}: exists and is not a regular file (a device, a pipe or a socket)")
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


MAX_NAME_BYTES = 255  # NAME_MAX of ext4, XFS, APFS, NTFS (in UTF-16 units there), tmpfs


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


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Keep Python's cycle collector off a big document while it is read, built or written.

    Loading, planning and writing 100k resources make millions of long-lived objects and no
    reference cycles. The collector's passes over them took ~40% of `build_plan`'s time at
    100k resources (10.3 s -> 6.5 s without them), and one full pass over the loaded
    inventory and plan takes ~1.3 s. So the collector is paused, and on the way out the
    objects made meanwhile are frozen (`gc.freeze`) when they are that many: reference
    counting frees them as always, the collector just never walks them again. Cyclic
    garbage made during such a pause (rare: a caught exception's traceback) is left to
    the process's end; small jobs (tests, the demo) are not frozen.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_count()[0] >= _FREEZE_AFTER_NEW_OBJECTS:
                gc.freeze()
            gc.enable()


_FREEZE_AFTER_NEW_OBJECTS = 500_000  # ~10k resources' worth: below that a full pass costs well under 0.2 s


def dump_json(document: Any) -> str:
    """The canonical JSON text of a document: sorted keys, two-space indent, final newline."""
    return "".join(json_chunks(document))


def write_json_atomic(path: Path, document: Any) -> None:
    """Write `document` as canonical JSON (`dump_json`), streamed: the whole text is never held at once."""
    write_chunks_atomic(path, json_chunks(document))


def write_model_atomic(path: Path, model: BaseModel) -> None:
    """Write a model as canonical JSON, dumping the items of its list fields one at a time (big plans, inventories)."""
    write_json_atomic(path, model_document(model))


def write_chunks_atomic(path: Path, chunks: Iterable[str]) -> None:
    """`write_atomic` for text that comes in pieces (UTF-8)."""
    with cyclic_gc_paused():
        _write_atomic_with(path, lambda handle: _write_chunks(handle, chunks))


def _write_chunks(handle: BinaryIO, chunks: Iterable[str]) -> None:
    pending: list[str] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= _WRITE_BATCH_CHARS:
            handle.write("".join(pending).encode("utf-8"))
            pending, size = [], 0
    handle.write("".join(pending).encode("utf-8"))


_WRITE_BATCH_CHARS = 1 << 20


def sha256_of_json(document: Any) -> str:
    """The SHA-256 of `dump_json(document)`'s UTF-8 bytes, computed piece by piece."""
    digest = hashlib.sha256()
    for chunk in json_chunks(document):
        digest.update(chunk.encode("utf-8"))
    return digest.hexdigest()


class JsonArrayStream:
    """A JSON array whose elements are made one at a time while the text is written (see `json_chunks`)."""

    def __init__(self, elements: Callable[[], Iterator[Any]], length: int) -> None:
        self.elements = elements
        self.length = length


def model_document(model: BaseModel) -> dict[str, Any]:
    """`model.model_dump(mode="json", by_alias=True)`, with each list-of-models field left as a `JsonArrayStream`.

    The streamed elements are dumped when written, so a 100k-item plan is never held as dicts.
    """
    streamed = {
        name: value
        for name, value in model.__dict__.items()
        if name in type(model).model_fields and _is_plain_field(type(model), name)
        and isinstance(value, list) and value and all(isinstance(element, BaseModel) for element in value)
    }
    document = model.model_dump(mode="json", by_alias=True, exclude=set(streamed))
    for name, elements in streamed.items():
        document[name] = JsonArrayStream(lambda elements=elements: _dumped(elements), len(elements))
    return document


def _is_plain_field(model_type: type[BaseModel], name: str) -> bool:
    field = model_type.model_fields[name]
    return field.alias is None and field.serialization_alias is None and not field.exclude


def _dumped(models: list[BaseModel]) -> Iterator[dict[str, Any]]:
    return (element.model_dump(mode="json", by_alias=True) for element in models)


# -- canonical JSON, fast: the same text as json.dumps(indent=2, sort_keys=True, ensure_ascii=False) ---------
#
# The standard library encodes indented JSON in pure Python, one generator per nesting
# level. Here a container holding no other container is encoded by the C encoder in one
# call (its item separator carries the indentation); the rest is walked in Python.

_INDENT = "  "
_NEWLINES = ["\n" + _INDENT * level for level in range(1, 65)]
_NEWLINES.insert(0, "\n")
_CONTAINERS = (dict, list, tuple)


def json_chunks(document: Any) -> Iterator[str]:
    """Pieces of `dump_json(document)`: one per element of the top-level containers, then the final newline.

    `JsonArrayStream` values (at the top level or one below) are expanded as they are written.
    """
    yield from _chunks(document, 0)
    yield "\n"


def _chunks(value: Any, level: int) -> Iterator[str]:
    if level > 1 or not isinstance(value, (*_CONTAINERS, JsonArrayStream)):
        out: list[str] = []
        _encode_into(out, value, level)
        yield "".join(out)
        return
    if isinstance(value, dict):
        if not value:
            yield "{}"
            return
        separator = "{" + _NEWLINES[level + 1]
        for key, item in sorted(value.items()):
            yield separator + _key_text(key) + ": "
            yield from _chunks(item, level + 1)
            separator = "," + _NEWLINES[level + 1]
        yield _NEWLINES[level] + "}"
        return
    elements: Iterable[Any] = value.elements() if isinstance(value, JsonArrayStream) else value
    if not (value.length if isinstance(value, JsonArrayStream) else value):
        yield "[]"
        return
    separator = "[" + _NEWLINES[level + 1]
    for item in elements:
        yield separator
        yield from _chunks(item, level + 1)
        separator = "," + _NEWLINES[level + 1]
    yield _NEWLINES[level] + "]"


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value == math.inf:
        return "Infinity"
    if value == -math.inf:
        return "-Infinity"
    return float.__repr__(value)


def _scalar_text(value: Any) -> str:
    if isinstance(value, str):
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, JsonArrayStream):
        return "".join(_chunks(list(value.elements()), 2))
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _key_text(key: Any) -> str:
    if isinstance(key, str):
        return _encode_string(key)
    if isinstance(key, float):
        return _encode_string(_float_text(key))
    if key is True or key is False or key is None:
        return {True: '"true"', False: '"false"', None: '"null"'}[key]
    if isinstance(key, int):
        return _encode_string(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _not_serializable(value: Any) -> Any:
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _leaf_encoder(level: int) -> Callable[[Any, int], Any]:
    """The C encoder (pure-Python fallback) for a container of scalars at `level`, items one line each."""
    separator = "," + _NEWLINES[level + 1]
    if _c_make_encoder is not None:
        return _c_make_encoder(None, _not_serializable, _encode_string, None, ": ", separator, True, False, True)
    encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(separator, ": "), default=_not_serializable)
    return lambda value, _level: encoder.iterencode(value, _one_shot=True)


_LEAF_ENCODERS = [_leaf_encoder(level) for level in range(64)]


def _encode_into(out: list[str], value: Any, level: int) -> None:
    if isinstance(value, str):
        out.append(_encode_string(value))
    elif isinstance(value, dict):
        _dict_into(out, value, level)
    elif isinstance(value, (list, tuple)):
        _list_into(out, value, level)
    else:
        out.append(_scalar_text(value))


_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})
_KEY_PREFIXES: dict[str, str] = {}  # '"key": ' by key: the same field names come back on every item


def _key_prefix(key: Any) -> str:
    prefix = _KEY_PREFIXES.get(key) if type(key) is str else None
    if prefix is None:
        prefix = _key_text(key) + ": "
        if type(key) is str and len(_KEY_PREFIXES) < 10_000:
            _KEY_PREFIXES[key] = prefix
    return prefix


def _value_into(out: list[str], separator: str, item: Any, level: int) -> None:
    """`separator` then `item` (an element or a key's value at `level`)."""
    kind = type(item)
    if kind is str:
        out.append(separator + _encode_string(item))
    elif kind is dict or kind is list or kind is tuple or not (kind in _SCALAR_TYPES or not isinstance(item, _CONTAINERS)):
        out.append(separator)
        _encode_into(out, item, level)
    else:
        out.append(separator + _scalar_text(item))


def _dict_into(out: list[str], value: dict[Any, Any], level: int) -> None:
    if not value:
        out.append("{}")
        return
    newline = _NEWLINES[level + 1]
    if level < 63 and _SCALAR_TYPES.issuperset(map(type, value.values())):
        # No container inside: one C call, its item separator carrying the indentation.
        text = "".join(_LEAF_ENCODERS[level](value, 0))
        out.append("{" + newline + text[1:-1] + _NEWLINES[level] + "}")
        return
    separator = "{" + newline
    inner = level + 1
    prefixes = _KEY_PREFIXES
    for key, item in sorted(value.items()):
        prefix = prefixes.get(key) if type(key) is str else None
        kind = type(item)
        if kind is str:  # the common cases inline: this loop runs for every key of every item
            out.append(separator + (prefix or _key_prefix(key)) + _encode_string(item))
        elif kind is int or kind is bool or kind is float or item is None:
            out.append(separator + (prefix or _key_prefix(key)) + _scalar_text(item))
        else:
            _value_into(out, separator + (prefix or _key_prefix(key)), item, inner)
        separator = "," + newline
    out.append(_NEWLINES[level] + "}")


def _list_into(out: list[str], value: list[Any] | tuple[Any, ...], level: int) -> None:
    if not value:
        out.append("[]")
        return
    newline = _NEWLINES[level + 1]
    if level < 63 and _SCALAR_TYPES.issuperset(map(type, value)):
        text = "".join(_LEAF_ENCODERS[level](value, 0))
        out.append("[" + newline + text[1:-1] + _NEWLINES[level] + "]")
        return
    separator = "[" + newline
    inner = level + 1
    for item in value:
        _value_into(out, separator, item, inner)
        separator = "," + newline
    out.append(_NEWLINES[level] + "]")


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
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise InputFileError(f"{path}: {TOO_DEEP}") from None
    except ValueError as exc:  # an integer of more digits than Python reads (sys.get_int_max_str_digits)
        raise InputFileError(f"{path}: not valid JSON: {exc}") from None
    refuse_lone_surrogates(text, document, path)
    return document


# JSON may escape half of a UTF-16 pair alone ("\ud800"): valid JSON, but no text; no output could hold it.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def refuse_lone_surrogates(text: str, document: Any, path: Path) -> None:
    """InputFileError when the parsed `document` (of JSON or YAML `text`) holds a lone surrogate; cheap when it
    cannot (no escape of one in the text)."""
    if not SURROGATE_ESCAPE.search(text):
        return
    try:
        json.dumps(document, ensure_ascii=False, default=str).encode("utf-8")  # YAML may hold dates, tags
    except UnicodeEncodeError as exc:
        code_point = ord(str(exc.object)[exc.start])
        raise InputFileError(f"{path}: holds \\u{code_point:04x}, half of a UTF-16 pair alone, which is not text; "
                             "fix or remove that string") from None



def describe_validation_error(error: ValidationError) -> str:
    """The first problem of a pydantic error as `where: what`, plus how many more."""
    problems = error.errors()
    first = problems[0]
    where = ".".join(_location_part(part) for part in first["loc"]).replace(".[", "[")
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return f"{where or 'document'}: {first['msg'].removeprefix('Value error, ')}{more}"


def _location_part(part: str | int) -> str:
    return f"[{part}]" if isinstance(part, int) else str(part)


def load_document(path: Path, model: type[ModelT], *, expected_schema: str) -> ModelT:
    """Read a pipeline file and validate it against `model`.

    A file of another kind (a plan given where an inventory is expected, say) is
    named as such instead of drowning the user in field errors.
    """
    with cyclic_gc_paused():
        return _load_document(path, model, expected_schema)


def _load_document(path: Path, model: type[ModelT], expected_schema: str) -> ModelT:
    return validate_document(read_json(path), path, model, expected_schema=expected_schema)


def validate_document(document: Any, path: Path, model: type[ModelT], *, expected_schema: str) -> ModelT:
    """`load_document` for a document already read from `path` (errors name the file)."""
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
