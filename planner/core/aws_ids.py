"""What an AWS id looks like: one definition for naming (no AWS id in a target
name) and for the generated-project safety scan (no AWS id in generated code)."""

from __future__ import annotations

import re

# Resource ids (8 or 17 hex digits after the prefix) and ARNs of every AWS partition.
AWS_ID_PREFIXES: tuple[str, ...] = (
    "i", "vol", "sg", "sgr", "subnet", "vpc", "vpce", "ami", "snap", "eni", "igw", "eigw", "nat",
    "rtb", "acl", "eipalloc", "eipassoc", "lt", "pcx", "tgw", "dopt", "fs", "fsmt", "key",
)  # fmt: skip
AWS_ID_PATTERN = re.compile(
    r"(?<![A-Za-z0-9])(?:(?:" + "|".join(AWS_ID_PREFIXES) + r")-(?:[0-9a-f]{17}|[0-9a-f]{8})(?![A-Za-z0-9])"
    r"|arn:aws(?:-[a-z]+)*:[^\s\"',;)\]}]*)"
)


def contains_aws_id(text: str) -> bool:
    return AWS_ID_PATTERN.search(text) is not None
