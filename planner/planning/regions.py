"""Target regions and zones: the nearest region that can host the source's machines, or --region-map.

For each source region, the candidates are the target regions whose catalog can
host every VM of that source region (some machine type fits its vCPU, memory,
GPUs and architecture); the nearest by great-circle distance wins. Data
residency comes first: a source region in a jurisdiction of
`RESIDENT_JURISDICTIONS` (the EU) keeps to target regions of the same
jurisdiction when one can host its VMs. A user's --region-map entry overrides
the choice. A choice that changes country or jurisdiction says so in the plan's
region notes and on every item it moves. `global` resources (IAM, Route 53,
CloudFront) follow the source region holding the most resources.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from planner import registry
from planner.core.errors import UsageError
from planner.core.members import GONE_STATES
from planner.core.model.inventory import GLOBAL_REGION, Inventory

Region = Any  # providers/common/regions.py Region: provider, region, country, coordinates

# Jurisdictions whose data stays inside when the target has a region there that can host it (GDPR keeps
# personal data in the EU unless a transfer mechanism applies; other countries keep to the nearest region).
RESIDENT_JURISDICTIONS = frozenset({"EU"})
# Where AWS's global services (IAM, Route 53, CloudFront) have their control plane: global resources go near it
# when the inventory has no regional resource to follow.
GLOBAL_SERVICES_HOME = "us-east-1"


def regions(provider: str) -> Mapping[str, Region]:
    return registry.region_table().regions(provider)  # type: ignore[no-any-return]


def great_circle_km(origin: Region, destination: Region) -> float:
    return registry.region_table().great_circle_km(origin, destination)  # type: ignore[no-any-return]


def nearest_region(provider: str, origin: Region, candidates: list[str]) -> str:
    return registry.region_table().nearest_region(provider, origin, candidates)  # type: ignore[no-any-return]


def jurisdiction(region: Region) -> str:
    return registry.region_table().jurisdiction(region)  # type: ignore[no-any-return]


@dataclass
class RegionChoice:
    source_region: str
    target_region: str
    basis: str
    notes: list[str] = field(default_factory=list)  # the plan's region notes
    item_notes: list[str] = field(default_factory=list)  # a note on every item this choice moves


def vm_requirements(inventory: Inventory) -> dict[str, list[dict[str, Any]]]:
    """Neutral machine requirements of the running/stopped instances, by source region."""
    by_region: dict[str, list[dict[str, Any]]] = {}
    for resource in inventory.resources:
        if resource.key != "aws.ec2.instance" or resource.props.get("state") in GONE_STATES:
            continue
        props = resource.props
        by_region.setdefault(resource.region, []).append(
            {
                "instance_type": _text(props.get("instance_type")),
                "vcpu": _count(props.get("vcpu")),
                "memory_gib": _count(props.get("memory_mib")) / 1024,
                "gpu_count": _count(props.get("gpu_count")),
                "gpu_model": _text(props.get("gpu_model")),
                "arch": _text(props.get("architecture")) or "x86_64",
                "burstable": props.get("burstable") is True,
            }
        )
    return by_region


def _count(value: Any) -> int:
    """A count prop (vCPUs, MiB, GPUs) as a non-negative int; 0 for one of the wrong type."""
    return max(0, int(value)) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def primary_region(inventory: Inventory) -> str | None:
    """The source region holding the most resources (ties: alphabetical), for `global` resources."""
    counts = Counter(r.region for r in inventory.resources if r.region != GLOBAL_REGION)
    if not counts:
        regional = [r for r in inventory.source.regions if r != GLOBAL_REGION]
        return sorted(regional)[0] if regional else None
    return min(counts, key=lambda region: (-counts[region], region))


def validate_region_map(region_map: Mapping[str, str], target: str) -> None:
    known = regions(target)
    for source, destination in sorted(region_map.items()):
        if destination not in known:
            raise UsageError(f"--region-map {source}={destination}: {destination!r} is not a {target} region")


def choose_regions(
    inventory: Inventory, target: str, target_catalog: Any, region_map: Mapping[str, str]
) -> dict[str, RegionChoice]:
    """A target region for every source region of the inventory (and `global`)."""
    validate_region_map(region_map, target)
    source_table = regions("aws")
    target_table = regions(target)
    vms = vm_requirements(inventory)
    source_regions = sorted({r.region for r in inventory.resources if r.region != GLOBAL_REGION})
    choices: dict[str, RegionChoice] = {}
    for source in source_regions:
        choice = _choose_one(source, source_table, target_table, target, target_catalog, vms.get(source, []), region_map)
        choices[source] = _with_residency_notes(choice, source_table.get(source), target_table.get(choice.target_region))
    primary = primary_region(inventory)
    if any(r.region == GLOBAL_REGION for r in inventory.resources):
        if GLOBAL_REGION in region_map:
            choices[GLOBAL_REGION] = RegionChoice(GLOBAL_REGION, region_map[GLOBAL_REGION], "from --region-map")
        elif primary is not None and primary in choices:
            follow = choices[primary]
            choices[GLOBAL_REGION] = RegionChoice(GLOBAL_REGION, follow.target_region, f"follows {primary}, the main source region")
        else:
            home = primary or GLOBAL_SERVICES_HOME
            placed = _choose_one(home, source_table, target_table, target, target_catalog, [], region_map)
            choices[GLOBAL_REGION] = RegionChoice(
                GLOBAL_REGION, placed.target_region,
                f"no regional resources: placed as for {home}, where AWS runs its global services "
                "(pass --region-map global=<region> to choose)" if home == GLOBAL_SERVICES_HOME
                else f"follows {home}, a region the inventory was scanned in")
    return choices


def _choose_one(
    source: str,
    source_table: Mapping[str, Region],
    target_table: Mapping[str, Region],
    target: str,
    target_catalog: Any,
    vms: list[dict[str, Any]],
    region_map: Mapping[str, str],
) -> RegionChoice:
    if source in region_map:
        return RegionChoice(source, region_map[source], "from --region-map")
    origin = source_table.get(source)
    if origin is None or not origin.has_coordinates:
        if target == "aws" and source in target_table:
            return RegionChoice(source, source, "same region (a rebuild in a fresh account)")
        raise UsageError(f"no coordinates for source region {source!r}: pass --region-map {source}=<{target} region>")
    offered = set(target_catalog.candidate_regions()) & set(target_table)
    shapes = _distinct(vms)  # thousands of VMs share a few shapes: ask the catalog once per shape
    fitting = sorted(region for region in offered if all(target_catalog.can_host(region, vm) for vm in shapes))
    notes: list[str] = []
    if not fitting:
        fitting = sorted(offered)
        notes.append(f"no {target} region can host every VM of {source}: nearest region chosen; see the VM items")
    fitting = _resident(origin, fitting, target_table, notes)
    chosen = nearest_region(target, origin, fitting)
    destination = target_table[chosen]
    distance = great_circle_km(origin, destination) if destination.has_coordinates else 0.0
    why = "the nearest" if not vms else f"the nearest of {len(fitting)} regions offering machine types for its {len(vms)} VM(s)"
    return RegionChoice(source, chosen, f"{why} ({distance:,.0f} km from {source})", notes)


def _resident(origin: Region, fitting: list[str], target_table: Mapping[str, Region], notes: list[str]) -> list[str]:
    """The candidates in the source's jurisdiction, where it is one whose data stays inside and some can host it."""
    wanted = jurisdiction(origin)
    if wanted not in RESIDENT_JURISDICTIONS:
        return fitting
    inside = [region for region in fitting if jurisdiction(target_table[region]) == wanted]
    if not inside:
        notes.append(f"no target region in the {wanted} can host the VMs of {origin.region}: one outside is chosen")
    return inside or fitting


def _with_residency_notes(choice: RegionChoice, origin: Region | None, destination: Region | None) -> RegionChoice:
    """The choice with a note when it moves data to another country or jurisdiction."""
    if origin is None or destination is None or not (origin.country_code and destination.country_code):
        return choice
    if origin.country_code == destination.country_code:
        return choice
    source_area, target_area = jurisdiction(origin), jurisdiction(destination)
    moved = (f"{choice.source_region} ({origin.display_name}, {origin.country_code}) -> {choice.target_region} "
             f"({destination.display_name}, {destination.country_code}, {choice.basis})")
    if source_area != target_area:
        note = (f"data residency: {moved} takes the data out of {_area(source_area)} into {_area(target_area)}: "
                "check the legal basis for the transfer, or pass --region-map to keep it inside")
    else:
        note = f"data residency: {moved} moves the data to another country within {_area(source_area)}"
    choice.notes.append(note)
    choice.item_notes.append(note)
    return choice


def _area(code: str) -> str:
    return "the EU" if code == "EU" else code


def _distinct(vms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`vms` without repeated requirements, first occurrences in order."""
    distinct: dict[tuple[tuple[str, str], ...], dict[str, Any]] = {}
    for vm in vms:
        distinct.setdefault(tuple(sorted((name, repr(value)) for name, value in vm.items())), vm)
    return list(distinct.values())


def pick_zone(zones: tuple[str, ...], seed: str) -> str:
    """One of `zones`, chosen by a hash of `seed`: stable across runs, spread across zones."""
    digest = int(hashlib.sha256(seed.encode("utf-8")).hexdigest(), 16)
    return sorted(zones)[digest % len(zones)]
