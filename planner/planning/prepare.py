"""The inventory as planning reads it: one resource per id, whatever the file holds.

A schema-valid inventory may repeat a resource (the API listed it twice, or a
hand-made file did) and may give one id to resources of two types. Planning
allocates one plan item per id, so before it does: repeats of (key, id) are
merged (`planner.core.merge`), and a resource whose id another type already
uses is planned under a distinct internal id; refs to the shared id go to the
first of them (by source type). Both cases leave a note on the item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.core.merge import merge_inventory
from planner.core.model.inventory import Inventory, Resource


@dataclass
class PreparedInventory:
    inventory: Inventory  # one resource per id
    notes: dict[str, list[str]] = field(default_factory=dict)  # planning id -> notes for its item
    original_ids: dict[str, str] = field(default_factory=dict)  # planning id -> the id the inventory gives


def prepare_inventory(inventory: Inventory) -> PreparedInventory:
    merged = merge_inventory(inventory)
    merge_notes = {(warning.key, warning.id): f"inventory: {warning.message}"
                   for warning in merged.warnings[len(inventory.warnings):]}
    shared = _ids_of_several_types(merged.resources)
    if not merge_notes and not shared:
        return PreparedInventory(merged)
    prepared = PreparedInventory(merged)
    first_key = {resource_id: min(r.key for r in merged.resources if r.id == resource_id) for resource_id in shared}
    taken = {resource.id for resource in merged.resources}
    resources: list[Resource] = []
    for resource in merged.resources:
        planned = resource
        if resource.id in shared and resource.key != first_key[resource.id]:
            planned = resource.model_copy(update={"id": _free_id(f"{resource.id} ({resource.key})", taken)})
            prepared.original_ids[planned.id] = resource.id
            prepared.notes.setdefault(planned.id, []).append(
                f"inventory: this id is also the id of a {first_key[resource.id]}; refs to it are planned as refs "
                "to that one")
        if (note := merge_notes.get((resource.key, resource.id))) is not None:
            prepared.notes.setdefault(planned.id, []).insert(0, note)
        resources.append(planned)
    if shared:
        prepared.inventory = merged.model_copy(update={"resources": resources})
    return prepared


def _ids_of_several_types(resources: list[Resource]) -> set[str]:
    keys_by_id: dict[str, set[str]] = {}
    for resource in resources:
        keys_by_id.setdefault(resource.id, set()).add(resource.key)
    return {resource_id for resource_id, keys in keys_by_id.items() if len(keys) > 1}


def _free_id(candidate: str, taken: set[str]) -> str:
    planning_id, counter = candidate, 2
    while planning_id in taken:
        planning_id, counter = f"{candidate} {counter}", counter + 1
    taken.add(planning_id)
    return planning_id
