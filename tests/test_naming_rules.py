"""Names and labels under each provider's rules (property-based with hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.naming import (
    NameAllocator,
    sanitize_labels,
    sanitize_labels_with_notes,
    sanitize_name,
    without_aws_ids,
)
from providers.aws import naming as aws_naming
from providers.gcp import naming as gcp_naming

ALL_NAME_RULES = [gcp_naming.NAME_RULES, aws_naming.NAME_RULES, *aws_naming.NAME_RULES_BY_KIND.values()]
any_text = st.text(max_size=200)
fallbacks = st.sampled_from(["vm", "bucket", "disk", "", "9x", "Zone"])


@settings(max_examples=300, deadline=None)
@given(text=any_text, fallback=fallbacks)
def test_sanitized_names_are_always_valid(text: str, fallback: str) -> None:
    for rules in ALL_NAME_RULES:
        name = sanitize_name(text, rules, fallback=fallback)
        assert re.fullmatch(rules.pattern, name), (rules.provider, text, name)
        assert rules.min_length <= len(name) <= rules.max_length


def test_gcp_names_follow_rfc1035_and_keep_meaning() -> None:
    rules = gcp_naming.NAME_RULES
    assert sanitize_name("Web Server #1", rules) == "web-server-1"
    assert sanitize_name("Café_Prod", rules) == "cafe-prod"
    assert sanitize_name("123", rules, fallback="vm") == "vm-123"
    assert sanitize_name("", rules, fallback="bucket") == "bucket"
    assert len(sanitize_name("a" * 300, rules)) == 63
    assert not sanitize_name("planner", rules).startswith("planner-")  # no tool prefix is added


@settings(max_examples=200, deadline=None)
@given(names=st.lists(st.text(max_size=80), min_size=1, max_size=30))
def test_allocator_gives_unique_valid_stable_names(names: list[str]) -> None:
    rules = gcp_naming.NAME_RULES
    keys = [f"id-{index}" for index in range(len(names))]
    first = NameAllocator(rules)
    allocated = [first.allocate(key, name, namespace="vm") for key, name in zip(keys, names)]
    assert len(set(allocated)) == len(allocated)
    assert all(re.fullmatch(rules.pattern, name) and len(name) <= 63 for name in allocated)
    again = NameAllocator(rules)
    assert [again.allocate(key, name, namespace="vm") for key, name in zip(keys, names)] == allocated
    assert [first.allocate(key, "ignored", namespace="vm") for key in keys] == allocated


def test_collisions_keep_the_first_name_and_namespaces_are_separate() -> None:
    allocator = NameAllocator(gcp_naming.NAME_RULES)
    assert allocator.allocate("i-1", "web", namespace="vm") == "web"
    second = allocator.allocate("i-2", "Web", namespace="vm")
    assert second.startswith("web-") and len(second) == len("web-") + 6
    assert allocator.allocate("vol-1", "web", namespace="disk") == "web"


label_tags = st.dictionaries(st.text(max_size=140), st.text(max_size=300), max_size=90)


@settings(max_examples=200, deadline=None)
@given(tags=label_tags)
def test_gcp_labels_are_always_valid(tags: dict[str, str]) -> None:
    rules = gcp_naming.LABEL_RULES
    labels, notes = sanitize_labels_with_notes(tags, rules)
    assert len(labels) <= 64
    for key, value in labels.items():
        assert re.fullmatch(r"[a-z][a-z0-9_-]{0,62}", key), key
        assert re.fullmatch(r"[a-z0-9_-]{0,63}", value), value
    assert len(labels) + len(notes) == len(tags)  # every tag is a label or a note saying why not


@settings(max_examples=200, deadline=None)
@given(tags=label_tags)
def test_aws_tags_are_always_valid(tags: dict[str, str]) -> None:
    rules = aws_naming.LABEL_RULES
    labels = sanitize_labels(tags, rules)
    assert len(labels) <= 50
    for key, value in labels.items():
        assert re.fullmatch(rules.key_pattern, key) and not key.lower().startswith("aws:")
        assert re.fullmatch(rules.value_pattern, value)


def test_label_examples_and_notes() -> None:
    tags = {"Name": "Web 1", "Cost Center": "R&D", "aws:cloudformation:stack-name": "x", "1st": "Y"}
    labels, notes = sanitize_labels_with_notes(tags, gcp_naming.LABEL_RULES)
    assert labels == {"name": "web_1", "cost_center": "r_d", "tag_1st": "y"}
    assert any("aws:cloudformation:stack-name" in note and "reserved" in note for note in notes)
    aws_labels = sanitize_labels(tags, aws_naming.LABEL_RULES)
    assert aws_labels["Cost Center"] == "R_D" and "Name" in aws_labels


def test_too_many_labels_are_dropped_with_a_note() -> None:
    tags = {f"k{index:03d}": "v" for index in range(70)}
    labels, notes = sanitize_labels_with_notes(tags, gcp_naming.LABEL_RULES)
    assert len(labels) == 64 and len(notes) == 6 and "at most 64" in notes[0]


def test_colliding_label_keys_get_a_suffix() -> None:
    labels = sanitize_labels({"Team": "a", "team": "b"}, gcp_naming.LABEL_RULES)
    assert labels == {"team": "a", "team_2": "b"}


ACCOUNT = "123456789012"


@pytest.mark.parametrize("arn", [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:states:::sqs:sendMessage",
    "arn:aws:apigateway:us-east-1:s3:path/{bucket}/{key}",
])
def test_arns_of_what_aws_owns_are_kept(arn: str) -> None:
    assert without_aws_ids(f"uses {arn}") == f"uses {arn}"


@pytest.mark.parametrize("arn", [
    f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:{ACCOUNT}:function:fn/invocations",
    f"arn:aws:apigateway:eu-west-1:sqs:path/{ACCOUNT}/jobs",
    f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:fn",
])
def test_a_service_path_that_carries_the_source_account_is_redacted(arn: str) -> None:
    text = without_aws_ids(f"integration {arn} here")
    assert ACCOUNT not in text and text.startswith("integration ") and text.endswith(" here")
