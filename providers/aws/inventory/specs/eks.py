"""EKS clusters and their managed node groups."""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register


def _describe(ctx: JobContext, item: Item) -> None:
    client = ctx.client()
    name = item["_value"]
    item.update(guarded(ctx, lambda: client.describe_cluster(name=name), {}).get("cluster", {}))
    paginator = client.get_paginator("list_nodegroups")
    pages = guarded(ctx, lambda: list(paginator.paginate(clusterName=name, PaginationConfig={"PageSize": 100})), [])
    names = [nodegroup for page in pages for nodegroup in page.get("nodegroups", [])]
    item["_nodegroups"] = [
        guarded(ctx, lambda nodegroup=nodegroup: client.describe_nodegroup(clusterName=name, nodegroupName=nodegroup), {}).get(
            "nodegroup", {}
        )
        for nodegroup in names
    ]


def _build(item: Item, ctx: JobContext) -> Built:
    vpc = item.get("resourcesVpcConfig", {})
    subnets = vpc.get("subnetIds", [])
    groups = [*vpc.get("securityGroupIds", []), *([vpc["clusterSecurityGroupId"]] if vpc.get("clusterSecurityGroupId") else [])]
    nodegroups = [
        {
            "name": nodegroup.get("nodegroupName"),
            "instance_types": nodegroup.get("instanceTypes", []),
            "desired_size": nodegroup.get("scalingConfig", {}).get("desiredSize"),
            "min_size": nodegroup.get("scalingConfig", {}).get("minSize"),
            "max_size": nodegroup.get("scalingConfig", {}).get("maxSize"),
            "capacity_type": nodegroup.get("capacityType"),
            "ami_type": nodegroup.get("amiType"),
            "disk_size_gib": nodegroup.get("diskSize"),
        }
        for nodegroup in item.get("_nodegroups", [])
        if nodegroup
    ]
    return Built(
        props={
            "version": item.get("version"),
            "endpoint": item.get("endpoint"),
            "status": item.get("status"),
            "platform_version": item.get("platformVersion"),
            "node_groups": nodegroups,
            "subnet_ids": subnets,
            "security_group_ids": groups,
            "vpc_id": vpc.get("vpcId"),
            "role_arn": item.get("roleArn"),
        },
        refs=[*subnets, *groups, item.get("roleArn")],
        name=item.get("name") or item.get("_value"),
    )


register(
    ResourceSpec(
        "aws.eks.cluster", "eks", "list_clusters", "clusters[]",
        lambda item, ctx: item.get("arn") or ctx.arn("eks", f"cluster/{item['_value']}"), _build,
        tags_field="tags", page_size=100, detail=_describe,
    ),
)
