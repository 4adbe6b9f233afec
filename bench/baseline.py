"""The in-run baseline for the inventory: a plain sequential boto3 listing.

One list/describe call per resource type, through boto3's paginators with
their default page sizes, one region after the other; child types that AWS
only lists per parent (listeners per load balancer, record sets per zone, ECS
services per cluster) are listed per parent. Nothing more: no per-item detail
calls, no threads, no batching. It covers the types the planner's inventory
covers (issue 2), so the two read the same footprint.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.config import Config

GLOBAL_REGION = "us-east-1"
_CONFIG = Config(retries={"max_attempts": 3, "mode": "standard"}, read_timeout=300)


@dataclass(frozen=True)
class ListCall:
    """One listing: `service.operation(**params)`, items under `result_key`."""

    type_key: str
    service: str
    operation: str
    result_key: str
    params: tuple[tuple[str, Any], ...] = ()
    global_service: bool = False


@dataclass(frozen=True)
class ChildListCall:
    """A listing per parent item: `operation(**{param: parent[parent_field]})`."""

    type_key: str
    parent_type: str
    service: str
    operation: str
    result_key: str
    param: str
    parent_field: str | None = None  # None: the parent item itself is the value (ECS cluster ARNs)


LIST_CALLS: tuple[ListCall, ...] = (
    ListCall("aws.ec2.instance", "ec2", "describe_instances", "Reservations"),
    ListCall("aws.ec2.volume", "ec2", "describe_volumes", "Volumes"),
    ListCall("aws.ec2.elastic_ip", "ec2", "describe_addresses", "Addresses"),
    ListCall("aws.ec2.key_pair", "ec2", "describe_key_pairs", "KeyPairs"),
    ListCall("aws.ec2.launch_template", "ec2", "describe_launch_templates", "LaunchTemplates"),
    ListCall("aws.ec2.vpc", "ec2", "describe_vpcs", "Vpcs"),
    ListCall("aws.ec2.subnet", "ec2", "describe_subnets", "Subnets"),
    ListCall("aws.ec2.security_group", "ec2", "describe_security_groups", "SecurityGroups"),
    ListCall("aws.ec2.route_table", "ec2", "describe_route_tables", "RouteTables"),
    ListCall("aws.ec2.internet_gateway", "ec2", "describe_internet_gateways", "InternetGateways"),
    ListCall("aws.ec2.nat_gateway", "ec2", "describe_nat_gateways", "NatGateways"),
    ListCall("aws.elbv2.load_balancer", "elbv2", "describe_load_balancers", "LoadBalancers"),
    ListCall("aws.elbv2.target_group", "elbv2", "describe_target_groups", "TargetGroups"),
    ListCall("aws.elb.load_balancer", "elb", "describe_load_balancers", "LoadBalancerDescriptions"),
    ListCall("aws.autoscaling.group", "autoscaling", "describe_auto_scaling_groups", "AutoScalingGroups"),
    ListCall("aws.rds.instance", "rds", "describe_db_instances", "DBInstances"),
    ListCall("aws.rds.cluster", "rds", "describe_db_clusters", "DBClusters"),
    ListCall("aws.elasticache.replication_group", "elasticache", "describe_replication_groups", "ReplicationGroups"),
    ListCall("aws.elasticache.cluster", "elasticache", "describe_cache_clusters", "CacheClusters"),
    ListCall("aws.dynamodb.table", "dynamodb", "list_tables", "TableNames"),
    ListCall("aws.efs.file_system", "efs", "describe_file_systems", "FileSystems"),
    ListCall("aws.lambda.function", "lambda", "list_functions", "Functions"),
    ListCall("aws.sqs.queue", "sqs", "list_queues", "QueueUrls"),
    ListCall("aws.sns.topic", "sns", "list_topics", "Topics"),
    ListCall("aws.acm.certificate", "acm", "list_certificates", "CertificateSummaryList"),
    ListCall("aws.ecs.cluster", "ecs", "list_clusters", "clusterArns"),
    ListCall("aws.ecs.task_definition", "ecs", "list_task_definitions", "taskDefinitionArns"),
    ListCall("aws.eks.cluster", "eks", "list_clusters", "clusters"),
    ListCall("aws.ecr.repository", "ecr", "describe_repositories", "repositories"),
    ListCall("aws.secretsmanager.secret", "secretsmanager", "list_secrets", "SecretList"),
    ListCall("aws.kms.key", "kms", "list_keys", "Keys"),
    ListCall("aws.s3.bucket", "s3", "list_buckets", "Buckets", global_service=True),
    ListCall("aws.route53.zone", "route53", "list_hosted_zones", "HostedZones", global_service=True),
    ListCall("aws.cloudfront.distribution", "cloudfront", "list_distributions", "DistributionList", global_service=True),
    ListCall("aws.iam.role", "iam", "list_roles", "Roles", global_service=True),
)

CHILD_LIST_CALLS: tuple[ChildListCall, ...] = (
    ChildListCall("aws.elbv2.listener", "aws.elbv2.load_balancer", "elbv2", "describe_listeners", "Listeners", "LoadBalancerArn", "LoadBalancerArn"),
    ChildListCall("aws.ecs.service", "aws.ecs.cluster", "ecs", "list_services", "serviceArns", "cluster"),
    ChildListCall("aws.route53.record_set", "aws.route53.zone", "route53", "list_resource_record_sets", "ResourceRecordSets", "HostedZoneId", "Id"),
)


def list_account(endpoint_url: str, regions: list[str], credentials: dict[str, str]) -> dict[str, int]:
    """List every type in every region, sequentially; return the count per type."""
    counts: dict[str, int] = {}
    clients = _ClientCache(endpoint_url, credentials)
    scopes = [(region, False) for region in regions] + [(GLOBAL_REGION, True)]
    for region, global_scope in scopes:
        items_by_type: dict[str, list[Any]] = {}
        for call in LIST_CALLS:
            if call.global_service != global_scope:
                continue
            items_by_type[call.type_key] = list(_paginate(clients.get(call.service, region), call.operation, call.result_key, dict(call.params)))
        for child in CHILD_LIST_CALLS:
            if child.parent_type not in items_by_type:
                continue
            service_client = clients.get(child.service, region)
            items_by_type[child.type_key] = [
                item
                for parent in items_by_type[child.parent_type]
                for item in _paginate(service_client, child.operation, child.result_key, {child.param: parent[child.parent_field] if child.parent_field else parent})
            ]
        for type_key, items in items_by_type.items():
            counts[type_key] = counts.get(type_key, 0) + _count(type_key, items)
    return counts


def _count(type_key: str, items: list[Any]) -> int:
    if type_key == "aws.ec2.instance":  # describe_instances pages reservations, each holding instances
        return sum(len(reservation["Instances"]) for reservation in items)
    if type_key == "aws.cloudfront.distribution":
        return sum(len(page.get("Items", [])) for page in items)
    return len(items)


def _paginate(service_client: Any, operation: str, result_key: str, params: dict[str, Any]) -> Iterator[Any]:
    if service_client.can_paginate(operation):
        for page in service_client.get_paginator(operation).paginate(**params):
            value = page.get(result_key, [])
            yield from (value if isinstance(value, list) else [value])
        return
    value = getattr(service_client, operation)(**params).get(result_key, [])
    yield from (value if isinstance(value, list) else [value])


class _ClientCache:
    def __init__(self, endpoint_url: str, credentials: dict[str, str]) -> None:
        self._endpoint_url = endpoint_url
        self._session = boto3.session.Session(**credentials)  # one session, as boto3.client() would share
        self._clients: dict[tuple[str, str], Any] = {}

    def get(self, service: str, region: str) -> Any:
        key = (service, region)
        if key not in self._clients:
            self._clients[key] = self._session.client(service, region_name=region, endpoint_url=self._endpoint_url, config=_CONFIG)
        return self._clients[key]
