"""Aliases to the load balancers and distributions this plan rebuilds, found by the DNS name they answer to.

Shared by DNS records (an alias or a CNAME to a rebuilt target) and CDN
distributions (an origin that is a rebuilt load balancer).
"""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MappingContext
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.aws.spec import _Part

# Source type of a possible alias target -> AliasSpec.target_type.
ALIAS_TARGET_TYPES: dict[str, Literal["lb", "cdn"]] = {
    "aws.elbv2.load_balancer": "lb",
    "aws.elb.load_balancer": "lb",
    "aws.cloudfront.distribution": "cdn",
}


class AliasSpec(_Part):
    """An alias to a resource rebuilt by this plan (a load balancer or a distribution)."""

    target_item: str
    target_type: Literal["lb", "cdn"]
    evaluate_target_health: bool = False


def alias_target(alias_dns: str, ctx: MappingContext) -> AliasSpec | None:
    """The rebuilt load balancer or distribution answering to `alias_dns` (or, in an inventory read from templates or
    state, where DNS names are unknown, the one with that id), or None."""
    name = alias_dns.lower().rstrip(".").removeprefix("dualstack.")
    by_id = ctx.resource(alias_dns)
    for resource in [by_id] if by_id is not None else index_of(ctx).lookup(_dns_name, name):
        item_id = ctx.item_id(resource.id)
        target_type = ALIAS_TARGET_TYPES.get(resource.key)
        if item_id and target_type:
            return AliasSpec(target_item=item_id, target_type=target_type)
    return None


def _dns_name(resource: Resource) -> list[str]:
    """The DNS name a resource answers to (load balancers, distributions), as aliases are compared."""
    dns = str(resource.props.get("dns_name") or resource.props.get("domain_name") or "").lower().rstrip(".")
    return [dns] if dns else []
