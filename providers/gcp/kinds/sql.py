"""`db.sql` and `db.sql.cluster` -> Cloud SQL instances: the RDS engine's Cloud SQL version, a custom machine
shape from the instance class, replicas and high availability; priced from the catalog."""

from __future__ import annotations

import math
import re
from typing import ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.model.inventory import Resource
from providers.aws import catalog as aws_catalog
from providers.gcp import catalog
from providers.gcp.kinds._shared import done, item_of, number, placement, refs, region_of, zone_of
from providers.gcp.pricing import Priced
from providers.gcp.spec import GcpSpec

PYPI_PULUMI_GCP = "pulumi-gcp 10.2.0 resource docs (PyPI, installed)"

# Cloud SQL database versions (pulumi-gcp 10.2.0 `database_version` docs).
CLOUD_SQL_VERSIONS: dict[str, tuple[str, ...]] = {
    "POSTGRES": ("9_6", "10", "11", "12", "13", "14", "15", "16", "17", "18"),
    "MYSQL": ("5_6", "5_7", "8_0", "8_4"),
    "SQLSERVER_2022": ("STANDARD", "ENTERPRISE", "EXPRESS", "WEB"),
}
# RDS engine -> (Cloud SQL family, what differs or None).
SQL_ENGINES: dict[str, tuple[str, str | None]] = {
    "postgres": ("POSTGRES", None),
    "mysql": ("MYSQL", None),
    "aurora-postgresql": ("POSTGRES", "Aurora PostgreSQL -> Cloud SQL for PostgreSQL: no shared cluster storage; "
                          "readers become asynchronous read replicas (AlloyDB is the closer match if Aurora features are used)"),
    "aurora-mysql": ("MYSQL", "Aurora MySQL -> Cloud SQL for MySQL: no shared cluster storage, backtrack or fast "
                     "clones; readers become asynchronous read replicas"),
    "mariadb": ("MYSQL", "MariaDB is not offered by Cloud SQL: MySQL 8.0 is the target; check MariaDB-only SQL and "
                "system-versioned tables"),
    "sqlserver-se": ("SQLSERVER_2022", "SQL Server Standard"),
    "sqlserver-ee": ("SQLSERVER_2022", "SQL Server Enterprise"),
    "sqlserver-ex": ("SQLSERVER_2022", "SQL Server Express"),
    "sqlserver-web": ("SQLSERVER_2022", "SQL Server Web"),
}
SQLSERVER_EDITIONS = {"sqlserver-se": "STANDARD", "sqlserver-ee": "ENTERPRISE", "sqlserver-ex": "EXPRESS",
                      "sqlserver-web": "WEB"}
# Cloud SQL custom machine shapes (Cloud SQL "instance settings": 1 or an even number of vCPUs up to
# 96; 0.9-6.5 GB per vCPU, a multiple of 256 MB, at least 3.75 GB). Retrieved copy, 2026-11-21.
SQL_MAX_VCPU = 96
SQL_MIN_MEMORY_MB = 3840
SQL_MEMORY_STEP_MB = 256
SQL_MAX_MB_PER_VCPU = 6.5 * 1024
SQL_MIN_MB_PER_VCPU = 0.9 * 1024
SQL_MIN_DISK_GB = 10


class SqlInstanceSpec(GcpSpec):
    type: Literal["gcp.sql.database_instance"] = "gcp.sql.database_instance"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('master', 'network')
    region: str
    zone: str
    database_version: str  # POSTGRES_15
    tier: str  # db-custom-2-7680
    vcpu: int
    memory_mb: int
    edition: Literal["ENTERPRISE"] = "ENTERPRISE"  # db-custom-* tiers need the Enterprise edition
    availability_type: Literal["ZONAL", "REGIONAL"] = "ZONAL"
    disk_size_gb: int
    disk_type: Literal["PD_SSD", "PD_HDD"] = "PD_SSD"
    disk_autoresize: bool = True
    backup_retention_days: int = 7
    master: str | None = None  # plan item id of the primary, for read replicas
    network: str | None = None  # plan item id: private IP through Private Service Access


def _sql_shape(vcpu: float, memory_gib: float) -> tuple[int, int]:
    """Smallest Cloud SQL custom shape (vCPU, memory MB) with at least this vCPU and memory."""
    cpus = 1 if vcpu <= 1 else min(SQL_MAX_VCPU, int(math.ceil(vcpu / 2) * 2))
    memory_mb = max(SQL_MIN_MEMORY_MB, int(math.ceil(memory_gib * 1024 / SQL_MEMORY_STEP_MB) * SQL_MEMORY_STEP_MB))
    while memory_mb > cpus * SQL_MAX_MB_PER_VCPU and cpus < SQL_MAX_VCPU:
        cpus = 2 if cpus == 1 else cpus + 2
    floor = int(math.ceil(cpus * SQL_MIN_MB_PER_VCPU / SQL_MEMORY_STEP_MB) * SQL_MEMORY_STEP_MB)
    return cpus, max(memory_mb, floor)


def _sql_version(engine: str, version: str) -> tuple[str | None, list[str]]:
    family, differs = SQL_ENGINES.get(engine, (None, None))
    if family is None:
        return None, [f"engine {engine} is not offered by Cloud SQL"]
    notes = [differs] if differs and not engine.startswith("sqlserver") else []
    if family == "SQLSERVER_2022":
        notes.append(f"{differs} {version} -> SQL Server 2022 ({SQLSERVER_EDITIONS[engine]}): check compatibility level; "
                     "the licence is billed by Google and not priced here")
        return f"SQLSERVER_2022_{SQLSERVER_EDITIONS[engine]}", notes
    if engine == "mariadb":
        return "MYSQL_8_0", notes
    numbers = re.findall(r"\d+", version)
    major = numbers[0] if numbers else ""
    # MySQL and PostgreSQL before 10 name versions by major.minor (MYSQL_8_0, POSTGRES_9_6), later PostgreSQL by major.
    by_minor = family == "MYSQL" or (major.isdigit() and int(major) < 10)
    wanted = f"{major}_{numbers[1]}" if by_minor and len(numbers) > 1 else major
    supported = CLOUD_SQL_VERSIONS[family]
    if wanted in supported:
        return f"{family}_{wanted}", notes
    newer = [v for v in supported if _version_key(v) > _version_key(wanted)]
    if not newer:
        return None, notes + [f"{engine} {version} is newer than any Cloud SQL version known here ({PYPI_PULUMI_GCP})"]
    notes.append(f"{engine} {version} is not offered by Cloud SQL: {family}_{newer[0]} (a major-version upgrade)")
    return f"{family}_{newer[0]}", notes


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)) or (0,)


def _sql_spec(resource: Resource, ctx: MappingContext, *, instance_class: str, engine: str, version: str,
              multi_az: bool, storage_gib: float, master: str | None) -> tuple[SqlInstanceSpec | None, Priced, list[str]]:
    database_version, notes = _sql_version(engine, version)
    rds = aws_catalog.rds_class(instance_class)
    if database_version is None:
        return None, Priced(None), notes
    if rds is None or rds.vcpu is None or rds.memory_gib is None:
        return None, Priced(None), notes + [f"no vCPU/memory known for {instance_class}"]
    vcpu, memory_mb = _sql_shape(rds.vcpu, rds.memory_gib)
    region = region_of(resource, ctx)
    network, _ = placement(resource, ctx)
    disk_gb = max(SQL_MIN_DISK_GB, int(math.ceil(storage_gib)))
    spec = SqlInstanceSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), region=region, zone=zone_of(region, resource, ctx),
        database_version=database_version, tier=f"db-custom-{vcpu}-{memory_mb}", vcpu=vcpu, memory_mb=memory_mb,
        availability_type="REGIONAL" if multi_az and master is None else "ZONAL", disk_size_gb=disk_gb,
        disk_type="PD_HDD" if resource.props.get("storage_type") == "standard" else "PD_SSD",
        backup_retention_days=max(1, int(number(resource.props.get("backup_retention_days"), 7))),
        master=master, network=network)
    notes.insert(0, f"{instance_class} ({rds.vcpu} vCPU, {rds.memory_gib:g} GiB; specs of the same-named EC2 type) "
                    f"-> {spec.tier}" + (", regional HA (Multi-AZ)" if spec.availability_type == "REGIONAL" else ""))
    notes.append("data moves with Database Migration Service or dump/restore; the admin password is a new "
                 "generated secret (Secret Manager), applications need the new connection details")
    price, basis = catalog.cloud_sql_price(vcpu, memory_mb / 1024, regional=spec.availability_type == "REGIONAL",
                                           storage_gb=disk_gb, region=region, engine=engine)
    priced = Priced(price, [b for b in basis if "$" in b], [b for b in basis if "$" not in b])
    return spec, priced, notes


def map_sql(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    engine = str(props.get("engine") or "")
    cluster_id = props.get("cluster_id")
    master = item_of(props.get("read_replica_source"), ctx)
    if cluster_id:
        cluster = ctx.resource(cluster_id) or next(iter(refs(resource, ctx, "aws.rds.cluster")), None)
        members = list((cluster.props.get("member_ids") if cluster else None) or [])
        if cluster is not None and members and members[0] == resource.id:
            return skipped(f"first member of cluster {cluster.name}: the Cloud SQL primary is item {ctx.item_id(cluster.id)}")
        master = item_of(cluster.id if cluster else None, ctx)
    if engine.startswith("oracle") or engine.startswith("db2") or engine not in SQL_ENGINES:
        return manual(f"engine {engine} is not offered by Cloud SQL",
                       "move to Oracle Database@Google Cloud / Bare Metal Solution, or port the schema to PostgreSQL")
    spec, priced, notes = _sql_spec(
        resource, ctx, instance_class=str(props.get("instance_class")), engine=engine,
        version=str(props.get("engine_version") or ""), multi_az=bool(props.get("multi_az")),
        storage_gib=number(props.get("allocated_storage_gib"), SQL_MIN_DISK_GB), master=master)
    if spec is None:
        return manual("; ".join(notes), "size and version the Cloud SQL instance by hand")
    if master:
        notes.append(f"read replica of item {master} (asynchronous replication)")
    status = "partial" if len(notes) > 2 or engine not in ("postgres", "mysql") else "mapped"
    return done(status, spec, notes, priced)


def map_sql_cluster(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    engine = str(props.get("engine") or "")
    members = [m for m in (ctx.resource(i) for i in props.get("member_ids") or []) if m is not None]
    if engine not in SQL_ENGINES:
        return manual(f"engine {engine} is not offered by Cloud SQL", "choose a target database by hand")
    if not members:
        return manual("the cluster has no inventoried member instance (serverless?): its size is unknown",
                       "size the Cloud SQL instance from the cluster's ACU usage")
    writer = members[0]
    storage = number(props.get("allocated_storage_gib")) or number(writer.props.get("allocated_storage_gib"))
    spec, priced, notes = _sql_spec(
        resource, ctx, instance_class=str(writer.props.get("instance_class")), engine=engine,
        version=str(props.get("engine_version") or ""), multi_az=bool(props.get("multi_az")) or len(members) > 1,
        storage_gib=storage or SQL_MIN_DISK_GB, master=None)
    if spec is None:
        return manual("; ".join(notes), "size and version the Cloud SQL instance by hand")
    notes.append(f"primary sized from member {writer.name}; the other {len(members) - 1} member(s) become read replicas")
    if not storage:
        notes.append(f"cluster storage size is not in the inventory: {SQL_MIN_DISK_GB} GB with automatic growth")
    return done("partial", spec, notes, priced)


MAP: dict[str, MapFunction] = {"db.sql": map_sql, "db.sql.cluster": map_sql_cluster}
SPECS: tuple[type[GcpSpec], ...] = (SqlInstanceSpec,)
