"""Builds ECR repositories (container.registry); the operator pushes the images."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.registry import RepositorySpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_repository(group: AwsGroup, item: PlanItem, spec: RepositorySpec) -> pulumi.Resource:
    repository = aws.ecr.Repository(item.id, name=spec.repository_name, **group.tagged(spec))
    return group.exporting(item, repository, repository_url="repository_url")


BUILD: dict[str, AwsBuilder] = {"aws.ecr.repository": build_repository}
