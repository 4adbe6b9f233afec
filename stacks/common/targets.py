"""Reading an item's target spec, with errors that name the item and the field."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from planner.core.errors import PlannerError, one_line
from planner.core.model.plan import PlanItem
from stacks.common.errors import ItemBuildError

_MISSING = object()


@contextmanager
def building(item: PlanItem) -> Iterator[None]:
    """Re-raise any failure while building `item` as one line naming it.

    A provider class refusing an argument raises TypeError
    (`Instance._internal_init() missing 1 required positional argument: 'boot_disk'`);
    this turns it into `plan item 'web-1' (compute.vm): TypeError: ...`.
    """
    try:
        yield
    except PlannerError:
        raise
    except Exception as exc:  # noqa: BLE001 - re-raised with the item named
        raise ItemBuildError(f"({item.kind}) {type(exc).__name__}: {_one_line(exc)}", item_id=item.id) from exc


def spec(item: PlanItem) -> dict[str, Any]:
    """The item's target spec; an error for a mapped/partial item without one."""
    if item.target is None:
        raise ItemBuildError(f"status {item.status!r} but no target spec", item_id=item.id)
    return item.target


def field(item: PlanItem, name: str, default: Any = _MISSING) -> Any:
    """`item.target[name]`, dotted names allowed (`disk.size_gb`); missing and no default is an error."""
    value: Any = spec(item)
    for part in name.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif default is not _MISSING:
            return default
        else:
            raise ItemBuildError(f"({item.kind}) target spec has no field {name!r}", item_id=item.id)
    return value


def _one_line(exc: BaseException) -> str:
    return one_line(str(exc)) or type(exc).__name__
