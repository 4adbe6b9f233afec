"""The generated code's string literals, comments and names hold any text: a literal reads back as exactly its text,
a comment is one line with no control or bidi character (Trojan Source), and both encode as UTF-8."""

from __future__ import annotations

import ast
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from test_preview_target import small_plan_document

from planner.codegen.emit import CONTROL, _comment, _comment_lines, _string, emit_program
from planner.codegen.tree import Ref, ResourceNode, Tree
from planner.core.model.plan import Plan

# Hypothesis leaves surrogates out of characters() unless asked for them by category.
ANY_CODE_POINT = st.text(alphabet=st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=40)


@given(ANY_CODE_POINT)
def test_a_string_literal_reads_back_as_its_text(text: str) -> None:
    literal = _string(text)
    assert ast.literal_eval(literal) == text
    literal.encode("utf-8")  # a lone surrogate is an escape in the source, not a character


def test_an_astral_character_is_one_character_not_a_surrogate_pair() -> None:
    assert _string("𐀀") == '"𐀀"' and ast.literal_eval(_string("𐀀")) == "\U00010000"


@given(ANY_CODE_POINT)
@example("a \ud800 b \u202e")
def test_a_comment_is_one_clean_line(text: str) -> None:
    line = _comment(text)
    assert "\n" not in line and CONTROL.search(line) is None
    line.encode("utf-8")


@given(ANY_CODE_POINT)
@example("a \ud800 b \u202e")
def test_a_wrapped_comment_is_clean_comment_lines(text: str) -> None:
    lines = _comment_lines(f"# note: {text}")
    assert all(line.startswith("# ") and "\n" not in line and CONTROL.search(line) is None for line in lines)
    "\n".join(lines).encode("utf-8")


def _node(index: int, type_token: str, name: str, parent: int | None, inputs: dict[str, Any] | None = None,
          *, custom: bool = True) -> ResourceNode:
    module, class_name = ("gcp.compute", type_token.split(":")[-1]) if custom else ("", "")
    return ResourceNode(index=index, type=type_token, name=name, custom=custom, module=module, class_name=class_name,
                        inputs=inputs or {}, parent=parent)


def test_deferred_values_of_different_attributes_never_share_a_name() -> None:
    """Two groups that read each other: the later one's values reach the earlier one deferred. `db` +
    `private_ip_address` and `db_private` + `ip_address` spell the same name; each keeps a value of its own."""
    reads = {"a": Ref(4, "private_ip_address"), "b": Ref(5, "ip_address")}
    read_back = {"a": Ref(2, "private_ip_address"), "b": Ref(3, "ip_address")}
    tree = Tree(provider="gcp", nodes=[
        _node(0, "planner:gcp:Network", "network", None, custom=False),
        _node(1, "planner:gcp:Data", "data", None, custom=False),
        _node(2, "gcp:compute/instance:Instance", "db", 0),
        _node(3, "gcp:compute/instance:Instance", "db-private", 0),
        _node(4, "gcp:compute/address:Address", "db", 1),
        _node(5, "gcp:compute/address:Address", "db-private", 1),
        _node(6, "gcp:compute/disk:Disk", "reads-data", 0, reads),
        _node(7, "gcp:compute/disk:Disk", "reads-network", 1, read_back),
    ])
    main = emit_program(tree, Plan.model_validate(small_plan_document()), header="test")["__main__.py"]
    deferred = sorted(line.split(",")[0] for line in main.splitlines() if "pulumi.deferred_output()" in line)
    resolved = sorted(line for line in main.splitlines() if line.startswith("resolve_"))
    assert len(deferred) == 2 and len(set(deferred)) == 2, main
    assert len(resolved) == 2 and len({line.split("(", 1)[1] for line in resolved}) == 2, main  # each its own value
