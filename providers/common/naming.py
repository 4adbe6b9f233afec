"""The shape of a provider's naming and labelling rules (each target fills them in as data)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NameRules:
    """What a resource name may look like on a provider.

    `pattern` is the full-match regex of a valid name; `allowed` is the character
    class (regex, without brackets' negation) a sanitiser keeps, every other run of
    characters becoming `separator`.
    """

    provider: str
    max_length: int
    pattern: str
    allowed: str  # e.g. "a-z0-9-"
    lowercase: bool
    separator: str = "-"
    min_length: int = 1
    description: str = ""


def lowercase_hyphenated(
    provider: str, max_length: int, pattern: str, description: str, *, min_length: int = 1
) -> NameRules:
    """Rules for names of lowercase letters, digits and hyphens (DNS-label style); `pattern` says the rest."""
    return NameRules(
        provider=provider,
        max_length=max_length,
        pattern=pattern,
        allowed="a-z0-9",
        lowercase=True,
        separator="-",
        min_length=min_length,
        description=description,
    )


@dataclass(frozen=True)
class LabelRules:
    """What labels (GCP) or tags (AWS) a resource may carry."""

    provider: str
    max_labels: int
    key_max_length: int
    value_max_length: int
    key_pattern: str  # full-match regex of a valid key
    value_pattern: str  # full-match regex of a valid value
    key_allowed: str  # characters kept in keys (regex class body)
    value_allowed: str  # characters kept in values (regex class body)
    lowercase: bool
    replacement: str = "_"
    key_prefix_if_needed: str = ""  # put before a key that does not start as `key_pattern` requires
    reserved_key_prefixes: tuple[str, ...] = field(default_factory=tuple)  # keys the provider owns: dropped
    description: str = ""
