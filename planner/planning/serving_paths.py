"""The serving paths of a plan: each public entry point of the source and the items it needs on the target.

An entry point is a DNS record of a public zone, an internet-facing load balancer
or a CDN. Its chain follows the plan's dependency graph the way a request does:
record -> load balancer or CDN -> listeners -> certificates and backends ->
instance groups or VMs -> their firewalls -> the databases and caches whose
firewalls admit them. `planner preview` checks each chain against the resource
tree and the serving rules (planner/reports/serving.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from planner.core.model.inventory import Inventory
from planner.core.model.plan import PlanItem, PlanServing, ServingPath

PUBLIC_RECORD_TYPES = frozenset({"A", "AAAA", "CNAME"})
FRONT_KINDS = frozenset({"lb", "cdn", "network.ip", "compute.vm"})  # what a record can point at
COMPUTE_KINDS = frozenset({"compute.group", "compute.vm", "container.service", "function"})
DATA_KINDS = frozenset({"db.sql", "db.sql.cluster", "cache", "db.kv", "storage.file"})
# Subscriber protocols that become a Pub/Sub subscription on GCP (SNS docs' protocol names).
SUBSCRIPTION_PROTOCOLS = frozenset({"sqs", "http", "https"})


class ItemGraph:
    """The plan's items with their dependencies both ways."""

    def __init__(self, items: Iterable[PlanItem]) -> None:
        self.items = {item.id: item for item in items}
        self._dependents: dict[str, list[str]] = {}
        for item in self.items.values():
            for dependency in item.depends_on:
                self._dependents.setdefault(dependency, []).append(item.id)

    def dependencies(self, item_id: str, kinds: Iterable[str]) -> list[str]:
        wanted = set(kinds)
        return [i for i in self.items[item_id].depends_on if i in self.items and self.items[i].kind in wanted]

    def dependents(self, item_id: str, kinds: Iterable[str]) -> list[str]:
        wanted = set(kinds)
        return [i for i in self._dependents.get(item_id, []) if self.items[i].kind in wanted]


def _record_next(graph: ItemGraph, item_id: str) -> list[str]:
    return graph.dependencies(item_id, {"dns.zone", *FRONT_KINDS})


def _lb_next(graph: ItemGraph, item_id: str) -> list[str]:
    return graph.dependents(item_id, {"lb.listener"}) + graph.dependencies(item_id, {"network.firewall"})


def _listener_next(graph: ItemGraph, item_id: str) -> list[str]:
    return graph.dependencies(item_id, {"cert", "lb.backend"})


def _backend_next(graph: ItemGraph, item_id: str) -> list[str]:
    groups = graph.dependents(item_id, {"compute.group", "container.service"})
    vms = [vm for vm in graph.dependencies(item_id, {"compute.vm"}) if graph.items[vm].status != "skipped"]
    return groups + vms


def _compute_next(graph: ItemGraph, item_id: str) -> list[str]:
    templates = graph.dependencies(item_id, {"compute.template"})
    firewalls = [f for owner in [item_id, *templates] for f in graph.dependencies(owner, {"network.firewall"})]
    admitting = [rule for firewall in firewalls for rule in graph.dependents(firewall, {"network.firewall"})]
    data = [store for rule in admitting for store in graph.dependents(rule, DATA_KINDS)]
    return templates + firewalls + admitting + data


NEXT_BY_KIND: Mapping[str, Callable[[ItemGraph, str], list[str]]] = {
    "dns.record": _record_next,
    "lb": _lb_next,
    "lb.listener": _listener_next,
    "lb.backend": _backend_next,
    "cdn": lambda graph, item_id: graph.dependencies(item_id, {"cert", "storage.object", "lb"}),
    **{kind: _compute_next for kind in COMPUTE_KINDS},
}


def chain_of(graph: ItemGraph, entry: str) -> list[str]:
    """The items a request to `entry` meets, breadth first, each once."""
    chain, queue = [entry], [entry]
    while queue:
        current = queue.pop(0)
        follow = NEXT_BY_KIND.get(graph.items[current].kind)
        for following in follow(graph, current) if follow else []:
            if following not in chain:
                chain.append(following)
                queue.append(following)
    return chain


def _public_records(graph: ItemGraph) -> list[PlanItem]:
    public_zones = {item.id for item in graph.items.values()
                    if item.kind == "dns.zone" and not item.facts.get("private_zone")}
    return [item for item in graph.items.values() if item.kind == "dns.record"
            and item.facts.get("record_type") in PUBLIC_RECORD_TYPES and set(item.depends_on) & public_zones]


def _entry_name(item: PlanItem) -> str:
    facts = item.facts
    aliases = facts.get("aliases") or []
    return str(facts.get("record_name") or (aliases[0] if aliases else "") or facts.get("dns_name")
               or facts.get("domain_name") or item.source.name)


def serving_paths(items: Iterable[PlanItem]) -> list[ServingPath]:
    """Every public DNS name, then every internet-facing load balancer or CDN no record leads to."""
    graph = ItemGraph(items)
    entries = [record.id for record in _public_records(graph)]
    reached = {front for entry in entries for front in graph.dependencies(entry, FRONT_KINDS)}
    entries += sorted(item.id for item in graph.items.values() if item.id not in reached and (
        item.kind == "cdn" or (item.kind == "lb" and item.facts.get("scheme") == "internet-facing")))
    return [ServingPath(entry=entry, name=_entry_name(graph.items[entry]), chain=chain_of(graph, entry))
            for entry in entries]


def topic_subscribers(inventory: Inventory, item_ids: Mapping[str, str]) -> dict[str, int]:
    """Topic item id -> how many queue or HTTP subscribers the source topic has (each needs a subscription)."""
    counts: dict[str, int] = {}
    for resource in inventory.resources:
        item_id = item_ids.get(resource.id)
        if resource.key == "aws.sns.topic" and item_id:
            subscriptions = resource.props.get("subscriptions") or []
            counts[item_id] = sum(1 for sub in subscriptions if isinstance(sub, dict)
                                  and str(sub.get("protocol")) in SUBSCRIPTION_PROTOCOLS)
    return {item_id: count for item_id, count in sorted(counts.items()) if count}


def plan_serving(inventory: Inventory, items: list[PlanItem]) -> PlanServing:
    item_ids = {item.source.id: item.id for item in items}
    return PlanServing(paths=serving_paths(items), topic_subscribers=topic_subscribers(inventory, item_ids))
