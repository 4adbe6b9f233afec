"""The generated code's string literals, comments and names hold any text: a literal reads back as exactly its text,
a comment is one line with no control or bidi character (Trojan Source), and both encode as UTF-8."""

from __future__ import annotations

import ast

from hypothesis import example, given
from hypothesis import strategies as st

from planner.codegen.emit import CONTROL, _comment, _comment_lines, _string, _unused_name

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


def test_names_of_deferred_values_are_never_shared() -> None:
    """`db` + `private_ip_address` and `db_private` + `ip_address` spell the same name; the second gets a suffix."""
    taken = {"network_db_private_ip_address"}
    assert _unused_name("network_db_private_ip_address", taken) == "network_db_private_ip_address_2"
    assert _unused_name("network_db_private_ip_address", {*taken, "network_db_private_ip_address_2"}).endswith("_3")
    assert _unused_name("network_web_id", taken) == "network_web_id"
