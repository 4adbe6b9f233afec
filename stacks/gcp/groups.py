"""The GCP group components: one `ComponentResource` per plan group (`planner:gcp:Network`...), building the spec
types of its group's kinds with the builders of their kind modules (stacks/gcp/<module>.py `BUILD`)."""

from __future__ import annotations

from dataclasses import dataclass

from stacks.common.kinds import group_builders
from stacks.gcp.base import GcpGroup, GcpGroupArgs

BUILDERS_PACKAGE = "stacks.gcp"


@dataclass
class NetworkArgs(GcpGroupArgs):
    """Items of the `network` group."""


class Network(GcpGroup):
    group = "network"
    spec_builders = group_builders(BUILDERS_PACKAGE, "network")


@dataclass
class SecurityArgs(GcpGroupArgs):
    """Items of the `security` group."""


class Security(GcpGroup):
    group = "security"
    spec_builders = group_builders(BUILDERS_PACKAGE, "security")


@dataclass
class StorageArgs(GcpGroupArgs):
    """Items of the `storage` group."""


class Storage(GcpGroup):
    group = "storage"
    spec_builders = group_builders(BUILDERS_PACKAGE, "storage")


@dataclass
class ComputeArgs(GcpGroupArgs):
    """Items of the `compute` group."""


class Compute(GcpGroup):
    group = "compute"
    spec_builders = group_builders(BUILDERS_PACKAGE, "compute")


@dataclass
class DataArgs(GcpGroupArgs):
    """Items of the `data` group."""


class Data(GcpGroup):
    group = "data"
    spec_builders = group_builders(BUILDERS_PACKAGE, "data")


@dataclass
class EdgeArgs(GcpGroupArgs):
    """Items of the `edge` group."""


class Edge(GcpGroup):
    group = "edge"
    spec_builders = group_builders(BUILDERS_PACKAGE, "edge")


@dataclass
class MessagingArgs(GcpGroupArgs):
    """Items of the `messaging` group."""


class Messaging(GcpGroup):
    group = "messaging"
    spec_builders = group_builders(BUILDERS_PACKAGE, "messaging")
