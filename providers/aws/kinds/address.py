"""Public addresses (network.ip) -> new Elastic IPs (an address cannot move between accounts), priced by the hour.

The instance is associated by the stack's compute group, once it is built.
"""

from __future__ import annotations

from typing import Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.model.inventory import Resource
from providers.aws import catalog
from providers.aws.kinds._pricing import Priced
from providers.aws.kinds._shared import Links, common_fields, result
from providers.aws.spec import Spec

PUBLIC_IPV4_ITEM = "Public IPv4 address / Elastic IP (if unused)"


class ElasticIpSpec(Spec):
    type: Literal["aws.ec2.eip"] = "aws.ec2.eip"
    instance_item: str | None = None
    source_public_ip: str | None = None  # cannot move between accounts; kept for the DNS cutover


def map_ip(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    links = Links(resource, ctx)
    spec = ElasticIpSpec(
        **common_fields(resource, ctx),
        instance_item=links.one("instance_id", "aws.ec2.instance"),
        source_public_ip=props.get("public_ip"),
    )
    priced = Priced()
    priced.hourly(*catalog.rate_or_proxy("VPC", PUBLIC_IPV4_ITEM, ctx.target_region(resource.region)), what="public IPv4")
    return result("partial", spec, priced, [
        f"Elastic IP {props.get('public_ip')} cannot move to another account: the new address differs; update DNS and allow-lists",
        *links.notes,
    ])


MAP: dict[str, MapFunction] = {"network.ip": map_ip}
SPECS: tuple[type[Spec], ...] = (ElasticIpSpec,)
