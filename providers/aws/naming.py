"""AWS naming and tagging rules (the `aws` target: a rebuild in another account or region), as data.

Names: AWS limits differ per service; the rules below are the common subset so
one name fits every kind: S3 bucket names (3-63 lowercase letters, digits,
hyphens; start and end alphanumeric) are the strictest of the long names, and
ELB load balancer and target group names allow at most 32 characters
(NAME_RULES_BY_KIND). Tags: at most 50 per resource; keys 1-128 and values
0-256 Unicode characters; letters, digits, spaces and `_ . : / = + - @`; the
`aws:` prefix is reserved for AWS (AWS "Tagging best practices" / tag restrictions).
"""

from __future__ import annotations

from dataclasses import replace

from planner.core.naming import LabelRules, NameRules, lowercase_hyphenated

NAME_RULES = lowercase_hyphenated(
    "aws",
    max_length=63,
    pattern=r"[a-z0-9]([-a-z0-9]*[a-z0-9])?",
    min_length=3,
    description="common subset: 3-63 lowercase letters, digits, hyphens; starts and ends alphanumeric",
)

# Kinds whose AWS resources allow shorter names than NAME_RULES.
ELB_NAME_RULES = replace(
    NAME_RULES,
    max_length=32,
    min_length=1,
    description="ELB load balancer / target group names: at most 32 alphanumerics and hyphens",
)
NAME_RULES_BY_KIND: dict[str, NameRules] = {"lb": ELB_NAME_RULES, "lb.backend": ELB_NAME_RULES}

LABEL_RULES = LabelRules(
    provider="aws",
    max_labels=50,
    key_max_length=128,
    value_max_length=256,
    key_pattern=r"[\w .:/=+\-@]{1,128}",
    value_pattern=r"[\w .:/=+\-@]{0,256}",
    key_allowed=r"\w .:/=+\-@",
    value_allowed=r"\w .:/=+\-@",
    lowercase=False,
    replacement="_",
    reserved_key_prefixes=("aws:",),
    description="<= 50 tags; keys 1-128, values 0-256 characters: letters, digits, spaces, _ . : / = + - @; aws: reserved",
)
