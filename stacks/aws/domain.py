"""`dns.domain` is a manual item on a fresh AWS account: nothing to build (the plan item says the work)."""

from __future__ import annotations

from stacks.aws.base import AwsBuilder

BUILD: dict[str, AwsBuilder] = {}
