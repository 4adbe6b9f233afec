"""What every target's mapping shares: the results that create nothing, and the mapper's assembly."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from planner.model.plan import ManualWork
from planner.planning.contract import MapFunction, MappedTarget, TargetMapper
from providers.common.catalog import CatalogRef
from providers.common.naming import LabelRules, NameRules


class TargetCatalog(Protocol):
    """What a target's catalog module offers the mapper (providers/<p>/catalog.py)."""

    CATALOGS: tuple[CatalogRef, ...]

    def candidate_regions(self) -> frozenset[str]: ...


class TargetNaming(Protocol):
    """What a target's naming module offers the mapper (providers/<p>/naming.py)."""

    NAME_RULES: NameRules
    LABEL_RULES: LabelRules


def manual(reason: str, work: str, notes: Iterable[str] = ()) -> MappedTarget:
    """An item the target cannot build as it is: `reason` heads the notes, `work` says what to do by hand."""
    return MappedTarget(status="manual", notes=[reason, *notes], manual=ManualWork(reason=reason, work=work))


def skipped(reason: str) -> MappedTarget:
    """An item the target needs nothing for (a provider default, a record the service creates itself)."""
    return MappedTarget(status="skipped", notes=[reason])


def target_mapper(
    provider: str, functions: Mapping[str, MapFunction], catalog: TargetCatalog, naming: TargetNaming
) -> TargetMapper:
    """A target's mapper: its map functions by neutral kind, with its catalog's sources and regions and its naming."""
    return TargetMapper(
        provider=provider,
        functions=functions,
        catalogs=catalog.CATALOGS,
        name_rules=naming.NAME_RULES,
        label_rules=naming.LABEL_RULES,
        regions=tuple(sorted(catalog.candidate_regions())),
    )
