"""Source types -> neutral kinds: one table (planner/data/source_types.csv).

Targets map kinds, never AWS types, so a new source or target is N+M work.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class SourceType:
    source_type: str
    kind: str
    group: str
    stateful: bool
    title: str


@cache
def source_types() -> dict[str, SourceType]:
    text = resources.files("planner.data").joinpath("source_types.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return {
        row["source_type"]: SourceType(
            source_type=row["source_type"],
            kind=row["kind"],
            group=row["group"],
            stateful=row["stateful"] == "true",
            title=row["title"],
        )
        for row in rows
    }


def kind_of(source_type: str) -> SourceType | None:
    """The neutral kind of a source type, or None for a type the table does not know."""
    return source_types().get(source_type)


# Neutral kind -> the module that handles it on every target, with the same name on both sides:
# `providers/<target>/kinds/<module>.py` (its spec models, its map functions and their data tables)
# and `stacks/<target>/<module>.py` (its builders). Kinds that share most of their logic share a module.
# Adding a kind: a row here, one module per side for each target, and a test.
KIND_MODULES: dict[str, str] = {
    "compute.vm": "vm",
    "compute.template": "instance_template",
    "compute.group": "instance_group",
    "compute.keypair": "keypair",
    "storage.block": "disk",
    "storage.object": "bucket",
    "storage.file": "file_share",
    "network.vpc": "vpc",
    "network.subnet": "subnet",
    "network.firewall": "firewall",
    "network.route_table": "routes",
    "network.gateway": "routes",
    "network.nat": "nat",
    "network.ip": "address",
    "lb": "lb",
    "lb.listener": "lb",
    "lb.backend": "backend",
    "db.sql": "sql",
    "db.sql.cluster": "sql",
    "cache": "cache",
    "db.kv": "kv",
    "function": "function",
    "queue": "queue",
    "topic": "topic",
    "events.bus": "events",
    "events.rule": "events",
    "stream": "stream",
    "api": "api",
    "workflow": "workflow",
    "function.trigger": "function_trigger",
    "config.parameter": "parameter",
    "monitoring.alarm": "alarm",
    "dns.zone": "dns",
    "dns.record": "dns",
    "cdn": "cdn",
    "cert": "cert",
    "container.cluster": "container_cluster",
    "container.service": "container_service",
    "container.task": "container_service",
    "container.registry": "registry",
    "secret": "secret",
    "kms.key": "kms",
    "identity.role": "role",
    "search": "search",
    "identity.user_pool": "user_pool",
    "email.identity": "email",
    "logs.group": "log_group",
    "storage.snapshot": "snapshot",
    "db.snapshot": "snapshot",
    "compute.image": "image",
    "dns.domain": "domain",
    "db.warehouse": "warehouse",
    "network.endpoint": "endpoint",
    "network.peering": "peering",
    "lb.rule": "lb_rule",
}


def kind_module_names() -> tuple[str, ...]:
    """Every kind module name, once each, in table order."""
    return tuple(dict.fromkeys(KIND_MODULES.values()))
