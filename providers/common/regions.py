"""Cloud regions with coordinates and countries (data/regions.csv), their jurisdictions (data/jurisdictions.csv)
and great-circle distances."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from providers.common.catalog import read_csv

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius


@dataclass(frozen=True)
class Region:
    provider: str
    region: str
    display_name: str
    country: str
    latitude: float | None
    longitude: float | None
    country_code: str = ""  # ISO 3166-1 alpha-2; empty where the table does not know it

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _coordinate(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def _all_regions() -> dict[str, dict[str, Region]]:
    by_provider: dict[str, dict[str, Region]] = {}
    for row in read_csv("providers.common.data", "regions.csv"):
        region = Region(
            provider=row["provider"],
            region=row["region"],
            display_name=row["display_name"],
            country=row["country"] or row["location"],
            latitude=_coordinate(row["latitude"]),
            longitude=_coordinate(row["longitude"]),
            country_code=row.get("country_code") or "",
        )
        by_provider.setdefault(region.provider, {})[region.region] = region
    return by_provider


def regions(provider: str) -> dict[str, Region]:
    """The regions of a provider by name (empty for a provider the table does not know)."""
    return dict(_all_regions().get(provider, {}))


@cache
def _jurisdictions() -> dict[str, str]:
    return {row["country_code"]: row["jurisdiction"] for row in read_csv("providers.common.data", "jurisdictions.csv")}


def jurisdiction(region: Region) -> str:
    """The legal area a region's data sits in: `EU` for the member states, else its country code ("" if unknown)."""
    return _jurisdictions().get(region.country_code, region.country_code)


def great_circle_km(a: Region, b: Region) -> float:
    """Haversine distance between two regions' coordinates, in kilometres."""
    if not (a.has_coordinates and b.has_coordinates):
        raise ValueError(f"no coordinates for {a.provider}:{a.region} or {b.provider}:{b.region}")
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest_region(provider: str, source: Region, candidates: Iterable[str] | None = None) -> str:
    """The `provider` region nearest to `source` (ties broken by name), among `candidates` if given.

    Candidates without coordinates are ignored; a source without coordinates
    (e.g. aws mx-central-1) raises ValueError: the caller asks for --region-map.
    """
    table = regions(provider)
    names = sorted(table if candidates is None else set(candidates) & set(table))
    located = [table[name] for name in names if table[name].has_coordinates]
    if not located:
        raise ValueError(f"no {provider} region with coordinates among {names or 'the candidates'}")
    if source.provider == provider and source.region in table and (candidates is None or source.region in names):
        return source.region
    return min(located, key=lambda region: (great_circle_km(source, region), region.region)).region
