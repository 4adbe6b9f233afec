"""`network.subnet` -> a regional subnetwork of the mapped VPC network."""

from __future__ import annotations

from typing import ClassVar, Literal

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual
from planner.core.model.inventory import Resource
from providers.gcp.kinds._shared import done, free, network_item, region_of, vpc_of
from providers.gcp.spec import GcpSpec


class SubnetworkSpec(GcpSpec):
    type: Literal["gcp.compute.subnetwork"] = "gcp.compute.subnetwork"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ('network',)
    region: str
    network: str  # plan item id of the network
    ip_cidr_range: str
    private_ip_google_access: bool = True


def map_subnet(resource: Resource, ctx: MappingContext) -> MappedTarget:
    vpc = vpc_of(resource, ctx)
    network = network_item(vpc, ctx)
    if network is None or not resource.props.get("cidr_block"):
        return manual("the subnet's VPC or range is not inventoried", "create the subnetwork by hand")
    spec = SubnetworkSpec(name=ctx.target_name(resource), labels=ctx.labels(resource), region=region_of(resource, ctx),
                          network=network, ip_cidr_range=resource.props["cidr_block"])
    notes = [f"GCP subnets are regional: the {resource.props.get('availability_zone')} subnet becomes a "
             "subnetwork spanning the whole region"]
    if resource.props.get("map_public_ip_on_launch"):
        notes.append("public IPs on launch: GCP sets external IPs per instance (the instance items say which)")
    return done("mapped", spec, notes, free("subnetwork"))


MAP: dict[str, MapFunction] = {"network.subnet": map_subnet}
SPECS: tuple[type[GcpSpec], ...] = (SubnetworkSpec,)
