"""Provider-valid names and labels: the rules' shape (each target fills them in as data) and the sanitisers.

Names are stable (the same inventory gives the same names), unique within a
namespace (one per kind: clouds scope names by resource type) and carry no tool
prefix. A collision keeps the plain name for the resource with the smallest id;
the others get a short hash of their id, so adding a resource never renames
another one that had no collision.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from planner.core.aws_ids import AWS_ID_PATTERN

REDACTED_PREFIX = "redacted-"


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


HASH_LENGTH = 6
ITEM_ID_RULES = lowercase_hyphenated(
    "planner", max_length=100, pattern=r"[a-z][a-z0-9-]*", description="plan item ids: [a-z][a-z0-9-]*"
)


def _ascii(text: str) -> str:
    """Accented letters to their base letter (é -> e); other non-ASCII characters dropped."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def short_hash(text: str, length: int = HASH_LENGTH) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def redaction_token(aws_id: str) -> str:
    """What stands for an AWS id in text that leaves the source account: the same id, the same token."""
    return REDACTED_PREFIX + hashlib.sha256(aws_id.encode("utf-8")).hexdigest()[:12]


def is_aws_owned_arn(text: str) -> bool:
    """An ARN of something AWS owns in every account, with no source account in it: a managed policy
    (`arn:aws:iam::aws:policy/...`), a Step Functions service integration (`arn:aws:states:::sqs:sendMessage`:
    "Integrating services with Step Functions", Step Functions Developer Guide), or an API Gateway service path
    (`arn:aws:apigateway:us-east-1:lambda:path/...`: "Set up Lambda integrations", API Gateway Developer Guide)."""
    parts = text.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return False
    service, region, account, resource = parts[2], parts[3], parts[4], parts[5]
    owned = account == "aws" or (service, region, account) == ("states", "", "") or (
        service == "apigateway" and SERVICE_NAME_PATTERN.fullmatch(account) is not None)
    return owned and not _names_an_account(resource)


# A service path can carry the source account: `...:lambda:path/.../functions/arn:aws:lambda:REGION:ACCOUNT:...`,
# `...:sqs:path/ACCOUNT/QUEUE` (API Gateway Developer Guide, "Set up an API Gateway API with AWS integrations").
ACCOUNT_ID_PATTERN = re.compile(r"(?<![0-9])[0-9]{12}(?![0-9])")
SERVICE_NAME_PATTERN = re.compile(r"[a-z][a-z0-9-]*")  # `lambda`, `s3`, `sqs` where an ARN has its account


def _names_an_account(resource: str) -> bool:
    return "arn:" in resource or ACCOUNT_ID_PATTERN.search(resource) is not None


def without_aws_ids(text: str) -> str:
    """`text` with every AWS id or ARN of the source account replaced by its redaction token."""
    if "-" not in text and "arn:" not in text:
        return text  # no AWS id without either (the fast path for most names and labels)
    return AWS_ID_PATTERN.sub(_token_unless_aws_owned, text)


def _token_unless_aws_owned(match: re.Match[str]) -> str:
    found = match.group(0)
    return found if is_aws_owned_arn(found) else redaction_token(found)


def free_text_without_aws_ids(value: Any, path: str = "") -> tuple[Any, list[str]]:
    """A JSON value (a target spec) with the AWS ids in its strings and keys replaced by their tokens.

    Returns the value and the paths (`labels.note`) of what was rewritten. Keys that start with
    `source` are left as they are: they describe the source for review and are redacted with the
    rest of the plan's descriptive fields where a plan leaves the planner (`planner generate`).
    """
    rewritten: list[str] = []
    return _rewritten(value, path, rewritten), rewritten


def _rewritten(value: Any, path: str, rewritten: list[str]) -> Any:
    if isinstance(value, str):
        clean = without_aws_ids(value)
        if clean != value:
            rewritten.append(path)
        return clean
    if isinstance(value, list):
        return [_rewritten(entry, f"{path}[{index}]", rewritten) for index, entry in enumerate(value)]
    if isinstance(value, dict):
        return {_rewritten_key(key, path, rewritten): entry if str(key).startswith("source")
                else _rewritten(entry, _joined(path, str(key)), rewritten) for key, entry in value.items()}
    return value


def _rewritten_key(key: Any, path: str, rewritten: list[str]) -> Any:
    if not isinstance(key, str) or (clean := without_aws_ids(key)) == key:
        return key
    rewritten.append(_joined(path, f"<key {clean}>"))
    return clean


def _joined(path: str, key: str) -> str:
    short = without_aws_ids(key if len(key) <= 40 else key[:39] + "…")
    return f"{path}.{short}" if path else short


def _trim(text: str, rules: NameRules, length: int) -> str:
    return text[:length].rstrip(rules.separator)


def sanitize_name(text: str, rules: NameRules, *, fallback: str = "r", reserve: int = 0) -> str:
    """`text` made valid under `rules`, leaving `reserve` characters free for a suffix.

    Runs of characters the provider refuses become one separator; a name that
    would start wrongly or be too short gets `fallback` in front (a word such as
    the kind's, e.g. 'vm'); an empty one becomes `fallback` alone.
    """
    room = max(1, rules.max_length - reserve)
    cleaned = _ascii(without_aws_ids(text))
    if rules.lowercase:
        cleaned = cleaned.lower()
    refused, separators, valid = _name_patterns(rules)
    cleaned = without_aws_ids(refused.sub(rules.separator, cleaned))  # "VOL-0ABC1234" is one once lowercased
    cleaned = separators.sub(rules.separator, cleaned).strip(rules.separator)
    candidate = _trim(cleaned, rules, room)
    if candidate and len(candidate) >= rules.min_length and valid.fullmatch(candidate):
        return candidate
    base = _trim(_fallback_word(fallback, rules), rules, room)
    joined = _trim(f"{base}{rules.separator}{cleaned}" if cleaned else base, rules, room)
    if re.fullmatch(rules.pattern, joined) and len(joined) >= rules.min_length:
        return joined
    return _pad(base, rules, room)


@lru_cache(maxsize=64)
def _name_patterns(rules: NameRules) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(runs of refused characters, runs of separators, a valid name) for `rules`, compiled once."""
    return (re.compile(f"[^{rules.allowed}]+"), re.compile(f"{re.escape(rules.separator)}+"),
            re.compile(rules.pattern))


def _fallback_word(fallback: str, rules: NameRules) -> str:
    word = re.sub(f"[^{rules.allowed}]+", "", _ascii(fallback).lower() if rules.lowercase else _ascii(fallback))
    return word if word and re.fullmatch(rules.pattern, word[0]) else f"r{word}"


def _pad(base: str, rules: NameRules, room: int) -> str:
    """A name made of `base` padded to min_length with its own hash: always valid."""
    padded = base
    while len(padded) < rules.min_length:
        padded += short_hash(padded, 1) if re.fullmatch(rules.pattern, padded + "a") else "a"
    return padded[:room]


class NameAllocator:
    """Gives each resource (by a stable key such as its source id) one unique, valid name per namespace.

    Call `allocate` in a deterministic order (the engine sorts by namespace then key);
    calling it again for the same key returns the same name.
    """

    def __init__(self, rules: NameRules) -> None:
        self.rules = rules
        self._by_key: dict[tuple[str, str], str] = {}
        self._taken: dict[str, set[str]] = {}

    def allocate(self, key: str, preferred: str, *, namespace: str = "", fallback: str = "r") -> str:
        if (namespace, key) in self._by_key:
            return self._by_key[(namespace, key)]
        taken = self._taken.setdefault(namespace, set())
        name = sanitize_name(preferred, self.rules, fallback=fallback)
        length = HASH_LENGTH
        while name in taken:
            suffix = short_hash(key, length)
            stem = sanitize_name(preferred, self.rules, fallback=fallback, reserve=len(suffix) + len(self.rules.separator))
            name = f"{stem}{self.rules.separator}{suffix}"
            length += 2
        taken.add(name)
        self._by_key[(namespace, key)] = name
        return name


def _clean_label_part(text: str, allowed: str, rules: LabelRules, max_length: int) -> str:
    """`text` as a label key or value: AWS ids replaced by their tokens, refused characters replaced, trimmed."""
    cleaned = _ascii(without_aws_ids(text)) if rules.lowercase else without_aws_ids(text)
    if rules.lowercase:
        cleaned = cleaned.lower()
    cleaned = without_aws_ids(re.sub(f"[^{allowed}]", rules.replacement, cleaned))
    return cleaned[:max_length]


@lru_cache(maxsize=1 << 16)  # the same few tag keys come back on every resource
def sanitize_label_key(key: str, rules: LabelRules) -> str | None:
    """A valid label key for `key`, or None when nothing usable is left."""
    cleaned = _clean_label_part(key, rules.key_allowed, rules, rules.key_max_length)
    if cleaned.strip(rules.replacement + " ") == "":
        return None
    if not re.fullmatch(rules.key_pattern, cleaned):
        cleaned = (rules.key_prefix_if_needed + cleaned)[: rules.key_max_length]
    return cleaned if re.fullmatch(rules.key_pattern, cleaned) else None


@lru_cache(maxsize=1 << 16)
def sanitize_label_value(value: str, rules: LabelRules) -> str:
    cleaned = _clean_label_part(value, rules.value_allowed, rules, rules.value_max_length)
    return cleaned if re.fullmatch(rules.value_pattern, cleaned) else ""


def sanitize_labels_with_notes(tags: Mapping[str, str], rules: LabelRules) -> tuple[dict[str, str], list[str]]:
    """Tags as valid labels, plus notes for every tag dropped or merged. Deterministic (sorted keys)."""
    labels: dict[str, str] = {}
    notes: list[str] = []
    for key in sorted(tags):
        if key.lower().startswith(tuple(prefix.lower() for prefix in rules.reserved_key_prefixes)):
            notes.append(f"tag {key!r} dropped: the prefix is reserved for the provider")
            continue
        label_key = sanitize_label_key(key, rules)
        if label_key is None:
            notes.append(f"tag {key!r} dropped: no valid {rules.provider} label key can be made from it")
            continue
        label_key = _unique_key(label_key, labels, rules)
        if label_key is None:
            notes.append(f"tag {key!r} dropped: its label key collides with another tag's")
            continue
        if len(labels) >= rules.max_labels:
            notes.append(f"tag {key!r} dropped: {rules.provider} allows at most {rules.max_labels} labels")
            continue
        labels[label_key] = sanitize_label_value(str(tags[key]), rules)
        if _names_aws_id(key, rules) or _names_aws_id(str(tags[key]), rules):
            notes.append(f"tag {key!r}: the AWS id in it replaced by its redaction token ({REDACTED_PREFIX}...) "
                         "in the label: no label names the source account")
    return labels, notes


def _names_aws_id(text: str, rules: LabelRules) -> bool:
    """Whether a label made of `text` under `rules` would have named an AWS id."""
    shown = text.lower() if rules.lowercase else text
    return without_aws_ids(text) != text or without_aws_ids(shown) != shown


def _unique_key(key: str, taken: Mapping[str, str], rules: LabelRules) -> str | None:
    if key not in taken:
        return key
    for counter in range(2, 100):
        suffix = f"{rules.replacement}{counter}"
        candidate = key[: rules.key_max_length - len(suffix)] + suffix
        if candidate not in taken and re.fullmatch(rules.key_pattern, candidate):
            return candidate
    return None


def sanitize_labels(tags: Mapping[str, str], rules: LabelRules) -> dict[str, str]:
    """Tags as labels that `rules` accept (keys sorted, invalid characters replaced, extras dropped)."""
    return sanitize_labels_with_notes(tags, rules)[0]
