"""Neutral kinds -> Google Cloud specs: the GCP target's mapper. Each kind's map function lives in its kind module
(providers/gcp/kinds/<module>.py, named by planner.core.kinds.KIND_MODULES), imported the first time it is needed."""

from __future__ import annotations

from planner.core.contract import target_mapper
from planner.core.kinds import source_types
from providers.common.kinds import KindFunctions
from providers.gcp import catalog, naming

FUNCTIONS = KindFunctions("providers.gcp.kinds")
MAPPER = target_mapper("gcp", FUNCTIONS, catalog, naming)


def kinds_without_mapping() -> list[str]:
    """Neutral kinds of planner/data/source_types.csv this mapper has no function for (should be none)."""
    return sorted({t.kind for t in source_types().values()} - set(FUNCTIONS))


__all__ = ["FUNCTIONS", "MAPPER", "kinds_without_mapping"]
