"""Builds EC2 key pairs (compute.keypair) from the public key in config `planner:publicKey-<item id>`; manual without it."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.keypair import KeyPairSpec
from stacks.aws._shared import PLANNER_CONFIG, planner_setting
from stacks.aws.base import AwsBuilder, AwsGroup


def build_key_pair(group: AwsGroup, item: PlanItem, spec: KeyPairSpec) -> pulumi.Resource | None:
    config_key = f"publicKey-{item.id}"
    public_key = planner_setting(config_key)
    if not public_key:
        group.manual(
            item,
            f"key pair {spec.key_name!r}: the public key is not in the inventory and config {PLANNER_CONFIG}:{config_key} is not set",
            f"`pulumi config set {PLANNER_CONFIG}:{config_key} \"$(cat key.pub)\"` and run again",
        )
        return None
    return aws.ec2.KeyPair(item.id, key_name=spec.key_name, public_key=public_key, **group.tagged(spec))


BUILD: dict[str, AwsBuilder] = {"aws.ec2.key_pair": build_key_pair}
