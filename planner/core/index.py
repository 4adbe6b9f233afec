"""Look-ups over one inventory, built once per plan instead of a scan per mapped resource.

A mapper that needs "the resources whose X is Y" asks `index_of(ctx).group_by(keys_of, key)`:
the first call walks the inventory once and groups its resources by what
`keys_of` returns; later calls with the same function reuse the groups. Groups
keep the inventory's order, so "the first match" reads as it did with a scan.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

from planner.core.model.inventory import Resource

KeysOf = Callable[[Resource], Iterable[Hashable]]
NO_RESOURCES: tuple[Resource, ...] = ()


class InventoryIndex:
    """Groups of one inventory's resources, each computed on first use and kept."""

    def __init__(self, resources: Sequence[Resource]) -> None:
        self._resources = resources
        self._position = {id(resource): index for index, resource in enumerate(resources)}
        self._of_key: dict[str, list[Resource]] | None = None
        self._groups: dict[tuple[KeysOf, str | None], dict[Hashable, list[Resource]]] = {}

    def of_key(self, key: str) -> Sequence[Resource]:
        """The resources of source type `key`, in inventory order."""
        if self._of_key is None:
            self._of_key = {}
            for resource in self._resources:
                self._of_key.setdefault(resource.key, []).append(resource)
        return self._of_key.get(key, NO_RESOURCES)  # type: ignore[return-value]

    def group_by(self, keys_of: KeysOf, key: str | None = None) -> Mapping[Hashable, Sequence[Resource]]:
        """Resources (of source type `key`, or all) by each value `keys_of` yields for them, in inventory order.

        `keys_of` must be a module-level function: it names the cached grouping.
        Unhashable values are left out (they can never equal a looked-up id or name).
        """
        cache_key = (keys_of, key)
        groups = self._groups.get(cache_key)
        if groups is None:
            groups = {}
            for resource in self._resources if key is None else self.of_key(key):
                for value in _unique_hashable(keys_of(resource)):
                    groups.setdefault(value, []).append(resource)
            self._groups[cache_key] = groups
        return groups

    def lookup(self, keys_of: KeysOf, value: Hashable, key: str | None = None) -> Sequence[Resource]:
        """The resources `keys_of` files under `value` (see `group_by`), in inventory order."""
        return self.group_by(keys_of, key).get(value, NO_RESOURCES)

    def in_order(self, resources: Iterable[Resource]) -> list[Resource]:
        """`resources` without repeats, in inventory order (to merge several look-ups)."""
        unique = {id(resource): resource for resource in resources}
        return sorted(unique.values(), key=lambda resource: self._position.get(id(resource), len(self._position)))


def _unique_hashable(values: Iterable[Any]) -> list[Hashable]:
    found: list[Hashable] = []
    seen: set[Hashable] = set()
    for value in values:
        try:
            if value in seen:
                continue
        except TypeError:
            continue
        seen.add(value)
        found.append(value)
    return found


def index_of(ctx: Any) -> InventoryIndex:
    """The planning context's index; a fresh one for a context that has none (built per call: slow but right)."""
    index = getattr(ctx, "index", None)
    return index if isinstance(index, InventoryIndex) else InventoryIndex(ctx.inventory.resources)
