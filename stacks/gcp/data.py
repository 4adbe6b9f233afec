"""Data: Cloud SQL (with generated admin passwords kept secret), Memorystore, Firestore."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_gcp as gcp
import pulumi_random as random

from planner.core.model.plan import PlanItem
from providers.gcp import specs as s
from stacks.gcp.base import GcpGroup, GcpGroupArgs

ADMIN_USER = "admin"
PASSWORD_LENGTH = 32
PSA_PREFIX_LENGTH = 16  # the /16 Google's Private Service Access guide reserves for managed services


@dataclass
class DataArgs(GcpGroupArgs):
    """Items of the `data` group."""


def _private_service_access(group: GcpGroup, item: PlanItem, network_id: str) -> pulumi.Resource:
    """One Private Service Access range and peering per VPC network (Cloud SQL private IP, Memorystore)."""

    def create() -> pulumi.Resource:
        network = group.ref(item, network_id)
        reserved = gcp.compute.GlobalAddress(
            f"{network_id}-psa-range", purpose="VPC_PEERING", address_type="INTERNAL",
            prefix_length=PSA_PREFIX_LENGTH, network=network, opts=group.opts())
        return gcp.servicenetworking.Connection(
            f"{network_id}-psa", network=network, service="servicenetworking.googleapis.com",
            reserved_peering_ranges=[reserved.name], opts=group.opts())

    return group.shared(("psa", network_id), create)


def _settings(group: GcpGroup, item: PlanItem, spec: s.SqlInstanceSpec) -> dict[str, Any]:
    family = spec.database_version.split("_")[0]
    backups: dict[str, Any] = {"enabled": spec.master is None}
    if spec.master is None:
        backups["backup_retention_settings"] = {"retained_backups": spec.backup_retention_days}
        backups["point_in_time_recovery_enabled" if family == "POSTGRES" else "binary_log_enabled"] = (
            family in ("POSTGRES", "MYSQL"))
    ip: dict[str, Any] = {"ipv4_enabled": spec.network is None, "ssl_mode": "ENCRYPTED_ONLY"}
    if spec.network:
        ip["private_network"] = group.ref(item, spec.network)
    return {
        "tier": spec.tier, "edition": spec.edition, "availability_type": spec.availability_type,
        "disk_size": spec.disk_size_gb, "disk_type": spec.disk_type, "disk_autoresize": spec.disk_autoresize,
        "user_labels": spec.labels, "location_preference": {"zone": spec.zone},
        "backup_configuration": backups, "ip_configuration": ip,
    }


def build_sql(group: GcpGroup, item: PlanItem, spec: s.SqlInstanceSpec) -> pulumi.Resource:
    depends = [_private_service_access(group, item, spec.network)] if spec.network else []
    password = None if spec.master else random.RandomPassword(
        f"{item.id}-admin-password", length=PASSWORD_LENGTH, special=True, override_special="-_", opts=group.opts())
    secret_password = pulumi.Output.secret(password.result) if password else None
    instance = gcp.sql.DatabaseInstance(
        item.id, name=spec.name, region=spec.region, database_version=spec.database_version,
        settings=_settings(group, item, spec), deletion_protection=True,
        master_instance_name=group.ref(item, spec.master, "name") if spec.master else None,
        root_password=secret_password if spec.database_version.startswith("SQLSERVER") else None,
        opts=group.opts(depends_on=depends))
    group.export(item, "connection_name", instance.connection_name)
    if password is None:
        return instance
    gcp.sql.User(f"{item.id}-admin", instance=instance.name, name=ADMIN_USER, password=secret_password,
                 opts=group.opts())
    secret = gcp.secretmanager.Secret(
        f"{item.id}-admin-password", secret_id=f"{spec.name}-admin-password"[:255], replication={"auto": {}},
        labels=spec.labels, opts=group.opts())
    gcp.secretmanager.SecretVersion(f"{item.id}-admin-password", secret=secret.id, secret_data=secret_password,
                                    opts=group.opts())
    group.export(item, "admin_user", ADMIN_USER)
    group.export(item, "admin_password_secret", secret.id)
    return instance


def build_redis(group: GcpGroup, item: PlanItem, spec: s.RedisSpec) -> pulumi.Resource:
    extra: dict[str, Any] = {}
    if spec.tier == "STANDARD_HA":
        extra["replica_count"] = spec.replica_count
        if spec.replica_count > 1:
            extra["read_replicas_mode"] = "READ_REPLICAS_ENABLED"
    instance = gcp.redis.Instance(
        item.id, name=spec.name, region=spec.region, tier=spec.tier, memory_size_gb=spec.memory_size_gb,
        redis_version=spec.redis_version, labels=spec.labels, auth_enabled=True,
        transit_encryption_mode="SERVER_AUTHENTICATION",
        authorized_network=group.ref(item, spec.network) if spec.network else None, **extra, opts=group.opts())
    group.export(item, "host", instance.host)
    return instance


def build_memcache(group: GcpGroup, item: PlanItem, spec: s.MemcacheSpec) -> pulumi.Resource:
    depends = [_private_service_access(group, item, spec.network)] if spec.network else []
    instance = gcp.memcache.Instance(
        item.id, name=spec.name, region=spec.region, node_count=spec.node_count, labels=spec.labels,
        node_config={"cpu_count": spec.cpu_count, "memory_size_mb": spec.memory_size_mb},
        memcache_version=spec.memcache_version,
        authorized_network=group.ref(item, spec.network) if spec.network else None,
        opts=group.opts(depends_on=depends))
    group.export(item, "discovery_endpoint", instance.discovery_endpoint)
    return instance


def build_firestore(group: GcpGroup, item: PlanItem, spec: s.FirestoreSpec) -> pulumi.Resource:
    return gcp.firestore.Database(
        item.id, name=spec.name, location_id=spec.location_id, type=spec.database_type,
        point_in_time_recovery_enablement=("POINT_IN_TIME_RECOVERY_ENABLED" if spec.point_in_time_recovery
                                           else "POINT_IN_TIME_RECOVERY_DISABLED"),
        delete_protection_state="DELETE_PROTECTION_ENABLED", opts=group.opts())


class Data(GcpGroup):
    group = "data"
    spec_builders = {
        "gcp.sql.database_instance": build_sql,
        "gcp.redis.instance": build_redis,
        "gcp.memcache.instance": build_memcache,
        "gcp.firestore.database": build_firestore,
    }
