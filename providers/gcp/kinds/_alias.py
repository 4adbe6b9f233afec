"""DNS aliases: the inventoried load balancer, distribution or elastic IP a host name or address points at;
shared by DNS records and CDN origins."""

from __future__ import annotations

from typing import Any

from planner.core.contract import MappingContext
from planner.core.index import index_of
from planner.core.model.inventory import Resource

ALIAS_TARGET_TYPES = frozenset({"aws.elbv2.load_balancer", "aws.elb.load_balancer", "aws.cloudfront.distribution",
                                "aws.ec2.elastic_ip"})


def _strip_host(name: str) -> str:
    name = name.lower().rstrip(".")
    return name.removeprefix("dualstack.")


def resolve_alias(target: str, ctx: MappingContext) -> Resource | None:
    """The inventoried LB, distribution or elastic IP a DNS alias/CNAME/value points at.

    An inventory read from templates or state names an alias's target by its id (the DNS name AWS gives it is not
    known there)."""
    by_id = ctx.resource(target)
    if by_id is not None and by_id.key in ALIAS_TARGET_TYPES:
        return by_id
    index = index_of(ctx)
    found = [*index.lookup(_alias_keys, ("host", _strip_host(target))), *index.lookup(_alias_keys, ("ip", target))]
    return index.in_order(found)[0] if found else None


def _alias_keys(candidate: Resource) -> list[tuple[str, Any]]:
    """What a DNS alias/CNAME/value may name to point at `candidate`: a host name, or an elastic IP's address."""
    keys: list[tuple[str, Any]] = []
    if candidate.key in ("aws.elbv2.load_balancer", "aws.elb.load_balancer") and candidate.props.get("dns_name"):
        keys.append(("host", _strip_host(candidate.props["dns_name"])))
    if candidate.key == "aws.cloudfront.distribution":
        keys.append(("host", _strip_host(str(candidate.props.get("domain_name")))))
    if candidate.key == "aws.ec2.elastic_ip":
        keys.append(("ip", candidate.props.get("public_ip")))
    return keys
