"""Container registries (container.registry) -> ECR repositories; the images are copied separately."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import unpriced
from providers.aws.kinds._shared import common_fields, result
from providers.aws.spec import Spec


class RepositorySpec(Spec):
    type: Literal["aws.ecr.repository"] = "aws.ecr.repository"
    repository_name: str


def map_registry(resource: Resource, ctx: MappingContext) -> MappedTarget:
    name = str(resource.props.get("repository_name") or resource.name)
    spec = RepositorySpec(**common_fields(resource, ctx), repository_name=name)
    return result("mapped", spec, unpriced("ECR"), ["images are copied separately (pull from the old, push to the new repository)"])


MAP: dict[str, MapFunction] = {"container.registry": map_registry}
SPECS: tuple[type[Spec], ...] = (RepositorySpec,)
