"""`network.endpoint` -> what a VPC endpoint stands for on Google Cloud.

Gateway endpoints (S3, DynamoDB) need nothing: Private Google Access, on for every mapped subnetwork,
reaches Google APIs from VMs without external addresses. Interface endpoints to AWS services become one
Private Service Connect endpoint for Google APIs per network (`all-apis`), built by the network's first
such item; endpoints to other endpoint services (PrivateLink) need their provider on Google Cloud.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from typing import ClassVar, Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, manual, skipped
from planner.core.index import index_of
from planner.core.model.inventory import Resource
from providers.gcp.kinds._shared import done, free, network_of, vpc_ranges
from providers.gcp.spec import GcpSpec

AWS_SERVICE = re.compile(r"^com\.amazonaws\.[a-z]{2}(-[a-z]+)+-\d\.")  # com.amazonaws.<region>.<service>
# PSC endpoint addresses tried in turn: the first outside every VPC range of the inventory is used.
ADDRESS_CANDIDATES = ("10.255.255.254", "172.31.255.254", "192.168.255.254", "100.100.100.100")
# What an AWS service endpoint stands for among Google APIs (notes only: one PSC endpoint serves all of them).
GOOGLE_API_OF: dict[str, str] = {
    "s3": "Cloud Storage", "dynamodb": "Firestore/Bigtable", "sqs": "Pub/Sub", "sns": "Pub/Sub",
    "secretsmanager": "Secret Manager", "kms": "Cloud KMS", "ecr.api": "Artifact Registry",
    "ecr.dkr": "Artifact Registry", "logs": "Cloud Logging", "monitoring": "Cloud Monitoring",
    "sts": "IAM Service Account Credentials", "execute-api": "API Gateway", "lambda": "Cloud Run functions",
}
PGA_REASON = ("Private Google Access, enabled on every mapped subnetwork, already reaches Google APIs (Cloud Storage, "
              "Firestore) from VMs without external addresses: the gateway endpoint needs no counterpart")


class PscGoogleApisSpec(GcpSpec):
    """A Private Service Connect endpoint for all Google APIs: a global internal address and its forwarding rule."""

    type: Literal["gcp.compute.psc_google_apis"] = "gcp.compute.psc_google_apis"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("network",)
    network: str
    address: str
    endpoint_name: str  # 1-20 lowercase letters and digits, starting with a letter (PSC for Google APIs)
    aws_services: list[str] = Field(default_factory=list)


def _is_aws_interface(resource: Resource) -> bool:
    props = resource.props
    return props.get("endpoint_type") == "Interface" and bool(AWS_SERVICE.match(str(props.get("service_name") or "")))


def _service(resource: Resource) -> str:
    """The AWS service an endpoint reaches: what follows com.amazonaws.<region>. in its service name."""
    name = str(resource.props.get("service_name") or "")
    matched = AWS_SERVICE.match(name)
    return name[matched.end():] if matched else str(resource.props.get("service") or name)


def _siblings(resource: Resource, ctx: MappingContext, network: str) -> list[Resource]:
    """The AWS-service interface endpoints whose VPCs share this endpoint's network, in plan order."""
    found = [r for r in index_of(ctx).of_key(resource.key) if _is_aws_interface(r) and network_of(r, ctx) == network]
    return sorted(found, key=lambda r: str(ctx.item_id(r.id)))


def free_address(ctx: MappingContext) -> str:
    taken = [block for vpc in index_of(ctx).of_key("aws.ec2.vpc") for block in vpc_ranges(vpc)]
    for candidate in ADDRESS_CANDIDATES:
        address = ipaddress.ip_address(candidate)
        if not any(address in block for block in taken if block.version == 4):
            return candidate
    return ADDRESS_CANDIDATES[-1]


def _google_apis(services: list[str]) -> str:
    return ", ".join(f"{s} -> {GOOGLE_API_OF.get(s, 'the Google API that replaces it')}" for s in services)


def _map_interface(resource: Resource, ctx: MappingContext) -> MappedTarget:
    network = network_of(resource, ctx)
    if network is None:
        return manual("the endpoint's VPC is not built on Google Cloud", "create a Private Service Connect endpoint by hand")
    siblings = _siblings(resource, ctx, network)
    if siblings[0].id != resource.id:
        return skipped(f"Google APIs are reached through the Private Service Connect endpoint of item "
                       f"{ctx.item_id(siblings[0].id)} (one per network serves every API)")
    services = sorted({_service(sibling) for sibling in siblings})
    spec = PscGoogleApisSpec(
        name=ctx.target_name(resource), labels=ctx.labels(resource), network=network, address=free_address(ctx),
        endpoint_name="apis" + hashlib.sha256(str(ctx.item_id(resource.id)).encode()).hexdigest()[:8],
        aws_services=services)
    notes = [f"one Private Service Connect endpoint (all-apis) at {spec.address} for the network's interface "
             f"endpoints: {_google_apis(services)}",
             f"{spec.address} lies outside every VPC range of the inventory: change it if it clashes with an "
             "on-premises or peered range; clients use it through the p.googleapis.com DNS zone it creates",
             "endpoint policies and security groups have no counterpart: access is governed by IAM"]
    return done("partial", spec, notes, free("Private Service Connect endpoint (data processed is usage-based)"))


def map_endpoint(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("requester_managed"):
        return skipped("created by an AWS service for its own use: that service's mapping covers it")
    if props.get("endpoint_type") == "Gateway":
        return skipped(PGA_REASON)
    if props.get("endpoint_type") == "GatewayLoadBalancer":
        return manual("a Gateway Load Balancer endpoint inserts an appliance into the traffic path",
                      "deploy the appliance on Google Cloud (Marketplace) behind an internal passthrough load "
                      "balancer used as a route next hop, or use Cloud NGFW")
    if _is_aws_interface(resource):
        return _map_interface(resource, ctx)
    return manual(
        f"{props.get('service_name')} is a PrivateLink endpoint service, not an AWS API",
        "ask the service's provider for a Private Service Connect service attachment on Google Cloud (or publish "
        "your own service with PSC) and create a consumer endpoint for it in the network",
    )


MAP: dict[str, MapFunction] = {"network.endpoint": map_endpoint}
SPECS: tuple[type[GcpSpec], ...] = (PscGoogleApisSpec,)
