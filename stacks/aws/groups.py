"""The AWS stack's group components: one `ComponentResource` per plan group (`planner:aws:Compute`...).

A group builds the spec types of its group's kinds (planner/data/source_types.csv)
with the builders of their kind modules (`stacks/aws/<module>.py` `BUILD`, through
`stacks.common.kinds.group_builders`); the compute group, built after the groups its
instances are linked from, then attaches the instances.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from stacks.aws.base import AwsBuilder, AwsGroup, AwsGroupArgs
from stacks.aws.instance_links import attach_instances
from stacks.common.kinds import group_builders

PACKAGE = "stacks.aws"


@dataclass
class SecurityArgs(AwsGroupArgs):
    """Items of the `security` group."""


class Security(AwsGroup):
    """IAM roles, KMS keys, Secrets Manager secrets (no values), EC2 key pairs."""

    group = "security"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = group_builders(PACKAGE, "security")


@dataclass
class NetworkArgs(AwsGroupArgs):
    """Items of the `network` group."""


class Network(AwsGroup):
    """VPCs, subnets, security groups and their rules, route tables, gateways, Elastic IPs."""

    group = "network"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = group_builders(PACKAGE, "network")


@dataclass
class StorageArgs(AwsGroupArgs):
    """Items of the `storage` group."""


class Storage(AwsGroup):
    """EBS volumes, S3 buckets (versioning, website), EFS file systems, ECR repositories."""

    group = "storage"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = group_builders(PACKAGE, "storage")


@dataclass
class DataArgs(AwsGroupArgs):
    """Items of the `data` group."""


class Data(AwsGroup):
    """RDS instances and read replicas, Aurora clusters and members, ElastiCache, DynamoDB."""

    group = "data"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = group_builders(PACKAGE, "data")


@dataclass
class EdgeArgs(AwsGroupArgs):
    """Items of the `edge` group."""


class Edge(AwsGroup):
    """Certificates, load balancers, listeners, target groups, Route 53, CloudFront."""

    group = "edge"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = group_builders(PACKAGE, "edge")


@dataclass
class ComputeArgs(AwsGroupArgs):
    """Items of the `compute` group."""


class Compute(AwsGroup):
    """EC2 instances, launch templates, Auto Scaling groups, Lambda, ECS, EKS; then the instances' links."""

    group = "compute"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = group_builders(PACKAGE, "compute")

    def finish(self) -> None:
        attach_instances(self)
        super().finish()


@dataclass
class MessagingArgs(AwsGroupArgs):
    """Items of the `messaging` group."""


class Messaging(AwsGroup):
    """SQS queues (with dead-letter redrive) and SNS topics with their queue/function subscriptions."""

    group = "messaging"
    spec_builders: ClassVar[dict[str, AwsBuilder]] = group_builders(PACKAGE, "messaging")
