"""VPC endpoints (network.endpoint) -> VPC endpoints of the same service in the rebuilt VPC, the service name
rewritten for the target region; endpoints to other accounts' endpoint services are manual."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import free, unpriced
from providers.aws.kinds._shared import SECURITY_GROUP, SUBNET, VPC, common_fields, linked, linked_one, result
from providers.aws.spec import Spec

# com.amazonaws.<region>.<service>: an AWS service, offered in every region under its own name.
AWS_SERVICE = re.compile(r"^com\.amazonaws\.(?P<region>[a-z]{2}(-[a-z]+)+-\d)\.(?P<service>.+)$")


class VpcEndpointSpec(Spec):
    type: Literal["aws.ec2.vpc_endpoint"] = "aws.ec2.vpc_endpoint"
    vpc_item: str
    service_name: str
    endpoint_type: Literal["Gateway", "Interface", "GatewayLoadBalancer"] = "Gateway"
    private_dns_enabled: bool = False
    subnet_items: list[str] = Field(default_factory=list)
    route_table_items: list[str] = Field(default_factory=list)
    security_group_items: list[str] = Field(default_factory=list)


def map_endpoint(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("requester_managed"):
        return skipped("created by an AWS service for its own use: that service creates it again in the new account")
    matched = AWS_SERVICE.match(str(props.get("service_name") or ""))
    vpc = linked_one(resource, ctx, "vpc_id", VPC)
    if matched is None or vpc is None:
        return manual(f"{props.get('service_name')} is an endpoint service of an account, not an AWS service"
                      if matched is None else "the endpoint's VPC is not in the inventory",
                      "ask the service's owner to allow the new account, then create the endpoint to its service name "
                      "in the target region")
    region = common_fields(resource, ctx)["region"]
    spec = VpcEndpointSpec(
        **common_fields(resource, ctx), vpc_item=vpc, service_name=f"com.amazonaws.{region}.{matched['service']}",
        endpoint_type=str(props.get("endpoint_type") or "Gateway"), private_dns_enabled=bool(props.get("private_dns_enabled")),
        subnet_items=linked(resource, ctx, "subnet_ids", SUBNET),
        route_table_items=linked(resource, ctx, "route_table_ids", "aws.ec2.route_table"),
        security_group_items=linked(resource, ctx, "security_group_ids", SECURITY_GROUP),
    )
    notes = ["a custom endpoint policy is not inventoried: the new endpoint allows full access; set the policy again"] \
        if props.get("custom_policy") else []
    priced = free("gateway VPC endpoint") if spec.endpoint_type == "Gateway" else unpriced("VPC interface endpoint")
    return result("partial" if notes else "mapped", spec, priced, notes)


MAP: dict[str, MapFunction] = {"network.endpoint": map_endpoint}
SPECS: tuple[type[Spec], ...] = (VpcEndpointSpec,)
