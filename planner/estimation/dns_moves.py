"""The DNS steps that are no cutover downtime but must start before the deadline.

- Delegation: each public zone that moves gets new name servers at its parent; resolvers follow within the
  parent's NS TTL (dns.parent_ns_ttl_seconds), while the old zone must keep answering.
- Registration: a domain registered with Route 53 Domains moves only by a registrar transfer, which takes days
  (dns.registrar_transfer_days) and must be under way before the account is cut off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.core.model import Plan
from planner.estimation.assumptions import Assumptions

HOURS_PER_DAY = 24


@dataclass
class DnsMoves:
    zones: list[str] = field(default_factory=list)  # plan item ids of the public zones whose delegation moves
    delegation_hours: float = 0.0  # the parent's NS TTL: how long the old zone must keep answering
    domains: list[str] = field(default_factory=list)  # plan item ids of Route 53 Domains registrations
    transfer_days: tuple[float, float] = (0.0, 0.0)  # [usual, longest]
    lead_hours: float = 0.0  # how long before the cut-off the longest of these must start
    short_by_hours: float = 0.0  # with --deadline: how much later than that the cut-off falls short


def estimate_dns_moves(plan: Plan, assumptions: Assumptions, deadline_hours: float | None) -> DnsMoves:
    active = [item for item in plan.items if item.status != "skipped"]
    zones = [item.id for item in active if item.kind == "dns.zone" and not item.facts.get("private_zone")]
    domains = [item.id for item in active if item.kind == "dns.domain"]
    usual, longest = (float(days) for days in assumptions["dns.registrar_transfer_days"])
    delegation_hours = float(assumptions["dns.parent_ns_ttl_seconds"]) / 3600 if zones else 0.0
    lead = max(delegation_hours, longest * HOURS_PER_DAY if domains else 0.0)
    short = max(0.0, lead - deadline_hours) if deadline_hours is not None else 0.0
    return DnsMoves(zones, delegation_hours, domains, (usual, longest) if domains else (0.0, 0.0), lead, short)
