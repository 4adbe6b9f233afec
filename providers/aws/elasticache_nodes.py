"""ElastiCache node types: vCPUs and memory per node (data/aws_elasticache_nodes.csv) and on-demand hourly
prices per region and engine (data/aws_elasticache_prices.csv); source and date in data/SOURCES.md.

Read by the inventory (an ElastiCache item's `memory_mib`), by targets that size a cache from its node type
when the inventory did not record the memory (an older inventory, another source), and by the source pricing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from providers.common.catalog import CatalogRef, Rate, read_csv

DATA = "providers.aws.data"
MIB_PER_GIB = 1024
PRICES = "aws_elasticache_prices.csv"
PRICES_SOURCE = ("LeanerCloud/ec2-instances-info@f9eafba8 data/elasticache-instances.json (ec2instances.info cache data, "
                 "not AWS directly)")
PRICES_DATE = "2025-04-24"
PROXY_REGION = "us-east-1"

CATALOG = CatalogRef(
    name="aws_elasticache_nodes.csv (ElastiCache node vCPU and memory)",
    source="LeanerCloud/ec2-instances-info@f9eafba8 data/elasticache-instances.json (ec2instances.info cache data)",
    price_date="2025-04-24",
)
PRICES_CATALOG = CatalogRef(
    name=f"{PRICES} (ElastiCache node-hours per node type, engine and region, on-demand)",
    source=PRICES_SOURCE,
    price_date=PRICES_DATE,
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


@cache
def _prices() -> dict[tuple[str, str, str], float]:
    """(region, engine, node type) -> USD per node-hour, on-demand."""
    return {(row["region"], row["engine"], row["node_type"]): float(row["price_usd"]) for row in read_csv(DATA, PRICES)}


def _node_rate(node_type: str, engine: str, region: str, price: float) -> Rate:
    return Rate("aws", "ElastiCache", f"ElastiCache {engine} {node_type} on-demand", "", region, "node-hour", price,
                f"{PRICES_SOURCE}, {PRICES}", PRICES_DATE)


def node_price(node_type: str, engine: str, region: str) -> tuple[Rate | None, list[str]]:
    """Hourly on-demand rate of one node in `region`, else the us-east-1 rate as a stated proxy, else None (noted)."""
    engine = engine.lower()
    price = _prices().get((region, engine, node_type))
    if price is not None:
        return _node_rate(node_type, engine, region, price), []
    proxy = _prices().get((PROXY_REGION, engine, node_type))
    if proxy is None:
        return None, [f"no ElastiCache {engine} price for node type {node_type!r} in the catalog snapshot: not priced"]
    return _node_rate(node_type, engine, PROXY_REGION, proxy), [
        f"ElastiCache {engine} {node_type}: us-east-1 price used as a proxy for {region} (no price for it there in "
        "the snapshot)"]
