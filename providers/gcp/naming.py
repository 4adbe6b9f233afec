"""Google Cloud naming and labelling rules, as data.

Names: most Compute Engine / Cloud SQL / Pub/Sub... resources follow RFC 1035:
1-63 characters, lowercase letters, digits and hyphens, starting with a letter
and not ending with a hyphen (Compute Engine "Naming resources"). Labels: at most
64 per resource; keys 1-63 characters starting with a lowercase letter, values up
to 63 characters; lowercase letters, digits, underscores and hyphens (Resource
Manager "Labels" requirements; international characters are allowed by Google
but kept to ASCII here so every API accepts them).
"""

from __future__ import annotations

from planner.core.naming import LabelRules, lowercase_hyphenated

NAME_RULES = lowercase_hyphenated(
    "gcp",
    max_length=63,
    pattern=r"[a-z]([-a-z0-9]*[a-z0-9])?",
    description="RFC 1035: 1-63 lowercase letters, digits, hyphens; starts with a letter, ends with a letter or digit",
)

LABEL_RULES = LabelRules(
    provider="gcp",
    max_labels=64,
    key_max_length=63,
    value_max_length=63,
    key_pattern=r"[a-z][a-z0-9_-]{0,62}",
    value_pattern=r"[a-z0-9_-]{0,63}",
    key_allowed="a-z0-9_-",
    value_allowed="a-z0-9_-",
    lowercase=True,
    replacement="_",
    key_prefix_if_needed="tag_",
    reserved_key_prefixes=("aws:", "goog-"),
    description="<= 64 labels; keys [a-z][a-z0-9_-]{0,62}; values [a-z0-9_-]{0,63}",
)
