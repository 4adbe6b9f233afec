"""`container.registry` -> an Artifact Registry Docker repository."""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._shared import done, region_of
from providers.gcp.spec import GcpSpec


class ArtifactRepositorySpec(GcpSpec):
    type: Literal["gcp.artifactregistry.repository"] = "gcp.artifactregistry.repository"
    region: str
    format: Literal["DOCKER"] = "DOCKER"


def map_registry(resource: Resource, ctx: MappingContext) -> MappedTarget:
    spec = ArtifactRepositorySpec(name=ctx.target_name(resource), labels=ctx.labels(resource),
                                  region=region_of(resource, ctx))
    notes = [f"copy the {resource.props.get('image_count', '?')} images (e.g. `gcrane cp`) and repoint image "
             "references to REGION-docker.pkg.dev/PROJECT/REPOSITORY"]
    return done("mapped", spec, notes, pricing.unpriced("no Artifact Registry storage rate in the catalog snapshot: not priced"))


MAP: dict[str, MapFunction] = {"container.registry": map_registry}
SPECS: tuple[type[GcpSpec], ...] = (ArtifactRepositorySpec,)
