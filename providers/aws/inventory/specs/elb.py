"""Classic Load Balancers."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register
from providers.aws.inventory.specs._common import describe_tags_in_batches, ids


def _arn(item: Item, ctx: JobContext) -> str:
    return ctx.arn("elasticloadbalancing", f"loadbalancer/{item['LoadBalancerName']}")


def _build(item: Item, ctx: JobContext) -> Built:
    instances = ids(item.get("Instances"), "InstanceId")
    subnets = item.get("Subnets", [])
    groups = item.get("SecurityGroups", [])
    listeners = [
        {
            "protocol": description["Listener"].get("Protocol"),
            "port": description["Listener"].get("LoadBalancerPort"),
            "instance_protocol": description["Listener"].get("InstanceProtocol"),
            "instance_port": description["Listener"].get("InstancePort"),
            "certificate_arn": description["Listener"].get("SSLCertificateId"),
        }
        for description in item.get("ListenerDescriptions", [])
    ]
    return Built(
        props={
            "scheme": item.get("Scheme"),
            "dns_name": item.get("DNSName"),
            "listeners": listeners,
            "instance_ids": instances,
            "availability_zones": item.get("AvailabilityZones", []),
            "subnet_ids": subnets,
            "security_group_ids": groups,
            "vpc_id": item.get("VPCId"),
        },
        refs=[*instances, *subnets, *groups],
    )


register(
    ResourceSpec(
        "aws.elb.load_balancer", "elb", "describe_load_balancers", "LoadBalancerDescriptions[]", _arn, _build,
        name_field="LoadBalancerName", page_size=400, enrich=describe_tags_in_batches("LoadBalancerName", "LoadBalancerNames", "LoadBalancerName"),
    ),
)
