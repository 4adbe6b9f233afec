"""ElastiCache node types: vCPUs and memory per node (data/aws_elasticache_nodes.csv; source and date in data/SOURCES.md).

Read by the inventory (an ElastiCache item's `memory_mib`) and by targets that size a cache from its node type
when the inventory did not record the memory (an older inventory, another source).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from providers.common.catalog import CatalogRef, read_csv

DATA = "providers.aws.data"
MIB_PER_GIB = 1024

CATALOG = CatalogRef(
    name="aws_elasticache_nodes.csv (ElastiCache node vCPU and memory)",
    source="LeanerCloud/ec2-instances-info@f9eafba8 data/elasticache-instances.json (ec2instances.info cache data)",
    price_date="2025-04-24",
)


@dataclass(frozen=True)
class CacheNodeType:
    name: str
    vcpu: int
    memory_gib: float

    @property
    def memory_mib(self) -> int:
        return round(self.memory_gib * MIB_PER_GIB)


@cache
def node_types() -> dict[str, CacheNodeType]:
    """Node type name (`cache.r6g.large`) -> its vCPUs and memory."""
    return {
        row["node_type"]: CacheNodeType(row["node_type"], int(row["vcpu"]), float(row["memory_gib"]))
        for row in read_csv(DATA, "aws_elasticache_nodes.csv")
    }


def node_type(name: object) -> CacheNodeType | None:
    """The node type named `name`, or None for a name the table does not list."""
    return node_types().get(str(name or ""))


def memory_mib(name: object) -> int | None:
    """Memory of one node of type `name` in MiB, or None when the table does not list it."""
    found = node_type(name)
    return found.memory_mib if found else None
