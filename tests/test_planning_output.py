"""Planning at scale: canonical JSON written and hashed in pieces, look-ups through the inventory index."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from fixtures.synthetic_inventory import synthetic_inventory
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.commands.plan import validated_plan_chunks, validated_plan_text
from planner.core.errors import PlannerError
from planner.core.fileio import (
    JsonArrayStream,
    dump_json,
    model_document,
    sha256_of_json,
    write_json_atomic,
    write_model_atomic,
)
from planner.core.index import InventoryIndex, index_of
from planner.core.model.inventory import Inventory, Resource
from planner.core.model.plan import Plan, PlanItem
from planner.planning.engine import build_plan


def _stdlib_text(document: Any) -> str:
    """The canonical text as the standard library makes it: what every planner file has always been."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.tuples(inner, inner),
                            st.dictionaries(st.text(max_size=6), inner, max_size=5)),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_canonical_json_is_the_standard_librarys_text(document: Any) -> None:
    assert dump_json(document) == _stdlib_text(document)


def test_canonical_json_edge_cases_match_the_standard_library() -> None:
    for document in [
        {1.5: "float key", 2.5: 1}, {2: "int key"}, {None: "null key"}, {True: 1}, {"a": {}, "b": [], "c": [[], {}]},
        "é\x00\"\\\n\u2028", 1e16, 1e-05, [float("nan"), float("inf"), -float("inf")], [[[[{"z": [1, {"y": None}]}]]]],
    ]:
        assert dump_json(document) == _stdlib_text(document)


def test_streamed_arrays_and_files_hold_the_same_text(tmp_path: Path) -> None:
    elements = [{"b": [1, 2], "a": "x"}, [], {"c": {"d": None}}]
    streamed = {"z": JsonArrayStream(lambda: iter(elements), len(elements)), "a": 1, "e": JsonArrayStream(lambda: iter([]), 0)}
    expected = _stdlib_text({"z": elements, "a": 1, "e": []})
    assert dump_json(streamed) == expected
    write_json_atomic(tmp_path / "doc.json", streamed)
    assert (tmp_path / "doc.json").read_text(encoding="utf-8") == expected
    assert sha256_of_json(streamed) == hashlib.sha256(expected.encode("utf-8")).hexdigest()


def test_models_are_written_item_by_item_with_the_same_bytes(tmp_path: Path) -> None:
    inventory = Inventory.model_validate(synthetic_inventory())
    plan = build_plan(inventory, "aws")
    for model in (inventory, plan):
        document = model_document(model)
        assert any(isinstance(value, JsonArrayStream) for value in document.values())
        write_model_atomic(tmp_path / "model.json", model)
        assert (tmp_path / "model.json").read_text(encoding="utf-8") == _stdlib_text(model.model_dump(mode="json", by_alias=True))


def test_plan_inventory_hash_is_that_of_the_inventorys_canonical_json() -> None:
    inventory = Inventory.model_validate(synthetic_inventory())
    canonical = _stdlib_text(inventory.model_dump(mode="json", by_alias=True))
    assert build_plan(inventory, "gcp").inventory.sha256 == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_the_plan_command_validates_every_item_it_writes() -> None:
    plan = build_plan(Inventory.model_validate(synthetic_inventory()), "aws")
    assert validated_plan_text(plan) == _stdlib_text(plan.model_dump(mode="json", by_alias=True))
    broken = plan.model_copy(update={"items": [*plan.items[:3], PlanItem.model_construct(**{**plan.items[3].__dict__, "status": "lost"}),
                                               *plan.items[4:]]})
    with pytest.raises(PlannerError, match=r"does not validate: items\[3\]\.status"):
        "".join(validated_plan_chunks(broken))
    duplicated = plan.model_copy(update={"items": [*plan.items, plan.items[0]]})
    with pytest.raises(PlannerError, match="duplicate item ids"):
        "".join(validated_plan_chunks(duplicated))  # checked as the items stream out
    assert Plan.model_validate_json(validated_plan_text(plan)) == plan


def _resource(key: str, rid: str, name: str = "", **props: Any) -> Resource:
    return Resource(key=key, id=rid, region="us-east-1", name=name or rid, props=props)


def _names(resource: Resource) -> list[Any]:
    return [resource.name, resource.props.get("alias"), resource.props.get("tags_list")]


def test_index_groups_in_inventory_order_and_skips_what_cannot_be_a_key() -> None:
    resources = [
        _resource("aws.ec2.instance", "i-2", "web", alias="front", tags_list=["a"]),
        _resource("aws.ec2.volume", "vol-1", "web"),
        _resource("aws.ec2.instance", "i-1", "web", alias="web"),
    ]
    index = InventoryIndex(resources)
    assert [r.id for r in index.of_key("aws.ec2.instance")] == ["i-2", "i-1"]
    assert [r.id for r in index.lookup(_names, "web")] == ["i-2", "vol-1", "i-1"]  # i-1 once, though twice a match
    assert [r.id for r in index.lookup(_names, "web", "aws.ec2.instance")] == ["i-2", "i-1"]
    assert index.lookup(_names, "front")[0].id == "i-2" and not index.lookup(_names, "nothing")
    assert index.group_by(_names) is index.group_by(_names)  # built once
    assert [r.id for r in index.in_order([resources[2], resources[0], resources[2]])] == ["i-2", "i-1"]


def test_contexts_without_an_index_get_one_built_for_them() -> None:
    class BareContext:
        inventory = Inventory.model_validate(synthetic_inventory())

    index = index_of(BareContext())
    assert len(index.of_key("aws.ec2.instance")) == sum(
        1 for r in BareContext.inventory.resources if r.key == "aws.ec2.instance")
