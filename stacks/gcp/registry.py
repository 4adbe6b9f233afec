"""Builds `gcp.artifactregistry.repository` (`container.registry`): an Artifact Registry repository."""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.registry import ArtifactRepositorySpec
from stacks.gcp.base import GcpBuilder, GcpGroup


def build_repository(group: GcpGroup, item: PlanItem, spec: ArtifactRepositorySpec) -> pulumi.Resource:
    repository = gcp.artifactregistry.Repository(item.id, repository_id=spec.name, location=spec.region,
                                                 format=spec.format, labels=spec.labels, opts=group.opts())
    group.export(item, "repository", repository.id)
    return repository


BUILD: dict[str, GcpBuilder] = {"gcp.artifactregistry.repository": build_repository}
