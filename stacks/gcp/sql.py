"""Builds `gcp.sql.database_instance` (`db.sql`, `db.sql.cluster`): a Cloud SQL instance, with a generated admin
password kept in Secret Manager."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp
import pulumi_random as random

from planner.core.model.plan import PlanItem
from providers.gcp.kinds.sql import SqlInstanceSpec
from stacks.gcp._shared import private_service_access
from stacks.gcp.base import GcpBuilder, GcpGroup

ADMIN_USER = "admin"
PASSWORD_LENGTH = 32


def _settings(group: GcpGroup, item: PlanItem, spec: SqlInstanceSpec) -> dict[str, Any]:
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


def build_sql(group: GcpGroup, item: PlanItem, spec: SqlInstanceSpec) -> pulumi.Resource:
    depends = [private_service_access(group, item, spec.network)] if spec.network else []
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


BUILD: dict[str, GcpBuilder] = {"gcp.sql.database_instance": build_sql}
