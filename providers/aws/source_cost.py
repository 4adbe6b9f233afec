"""The SOURCE side's monthly run cost from AWS list prices (providers/aws/catalog.py).

One pricing function per source type; a type without a function, or a figure the
catalog lacks, gives no price and a note saying so (never an invented number).
Usage-based charges (requests, data processed, LCUs) are not in the inventory and
are left out, with a note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from planner.core.members import GONE_STATES
from planner.core.model.inventory import GLOBAL_REGION, Resource
from planner.core.props import bytes_by_storage_class
from providers.aws import catalog as aws
from providers.aws import elasticache_nodes
from providers.common.catalog import GIB, HOURS_PER_MONTH, Rate

# gp3 includes 3,000 IOPS and 125 MiB/s at no charge (AWS EBS pricing page).
GP3_FREE_IOPS = 3000
GP3_FREE_THROUGHPUT_MIBPS = 125

# Resources AWS does not charge for by themselves (AWS VPC, EC2, ELB, IAM, ECS and ACM pricing pages).
NO_CHARGE: dict[str, str] = {
    "aws.ec2.vpc": "VPC",
    "aws.ec2.subnet": "subnet",
    "aws.ec2.security_group": "security group",
    "aws.ec2.route_table": "route table",
    "aws.ec2.internet_gateway": "internet gateway",
    "aws.ec2.key_pair": "key pair",
    "aws.ec2.launch_template": "launch template",
    "aws.autoscaling.launch_configuration": "launch configuration",
    "aws.autoscaling.group": "Auto Scaling group itself (its members' costs are added to its item)",
    "aws.elbv2.listener": "listener (the load balancer is priced)",
    "aws.elbv2.target_group": "target group",
    "aws.iam.role": "IAM role",
    "aws.ecs.cluster": "ECS cluster (its tasks' capacity is priced where it runs)",
    "aws.ecs.task_definition": "task definition",
    "aws.route53.record_set": "record set (queries are usage-based)",
    "aws.ec2.vpc_peering_connection": "peering connection itself (data across it is usage-based)",
    "aws.elbv2.listener_rule": "listener rule (the load balancer is priced)",
    "aws.ses.identity": "verified identity (sending is usage-based)",
    "aws.ec2.image": "AMI itself (its storage is billed on its snapshots)",
    "aws.events.event_bus": "event bus itself (events published to it are usage-based; EventBridge pricing page)",
    "aws.events.rule": "rule itself (EventBridge charges per event published, not per rule)",
    "aws.lambda.event_source_mapping": "event source mapping (its invocations are the function's usage)",
}


@dataclass
class SourceCost:
    monthly_usd: float | None = None
    basis: list[str] = field(default_factory=list)  # sourced figures used
    notes: list[str] = field(default_factory=list)  # fallbacks and what is not priced
    complete: bool = True  # False when a component could not be priced

    def add(self, rate: Rate | None, quantity: float, fallback_notes: list[str], what: str) -> None:
        self.notes.extend(fallback_notes)
        if rate is None:
            self.complete = False
            if not fallback_notes:
                self.notes.append(f"{what}: not priced (no rate in the AWS catalog snapshot)")
            return
        self.monthly_usd = round((self.monthly_usd or 0.0) + rate.unit_price_usd * quantity, 2)
        self.basis.append(f"source {what}: {quantity:g} {rate.unit} x {rate.basis}")


def _region(resource: Resource) -> str:
    return aws.PRICED_REGION if resource.region == GLOBAL_REGION else resource.region


def _number(value: object) -> float:
    try:
        return float(value or 0)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def _instance(resource: Resource, cost: SourceCost) -> None:
    state = resource.props.get("state", "running")
    if state in GONE_STATES:
        cost.monthly_usd = 0.0
        cost.basis.append("source: instance terminated, no charge")
        return
    if state in {"stopped", "stopping"}:
        cost.monthly_usd = 0.0
        cost.basis.append("source: instance stopped, no compute charge (its volumes are priced separately)")
        return
    instance_type = str(resource.props.get("instance_type", ""))
    price, note = aws.instance_price(instance_type, _region(resource))
    if note:
        cost.notes.append(note)
    if price is None:
        cost.complete = False
        return
    if resource.props.get("platform") == "windows":
        cost.notes.append("Windows licence not in the catalog (Linux on-demand price used)")
        cost.complete = False
    cost.monthly_usd = round(price * HOURS_PER_MONTH, 2)
    basis = aws.instance_quote(instance_type, _region(resource)).basis
    cost.basis.append(f"source EC2 {instance_type}: ${price:g}/hour x {HOURS_PER_MONTH} h (Linux on-demand, {basis})")


def _volume(resource: Resource, cost: SourceCost) -> None:
    region, props = _region(resource), resource.props
    volume_type = str(props.get("volume_type", "gp2"))
    rate, notes = aws.ebs_rate(volume_type, region)
    cost.add(rate, _number(props.get("size_gib")), notes, f"EBS {volume_type} storage")
    iops, throughput = _number(props.get("iops")), _number(props.get("throughput_mibps"))
    if volume_type in {"io1", "io2"} and iops:
        item = "EBS io1 provisioned IOPS" if volume_type == "io1" else "EBS io2 provisioned IOPS (first tier)"
        _add_rate(cost, "EBS", item, region, iops, f"{volume_type} provisioned IOPS")
    if volume_type == "gp3" and iops > GP3_FREE_IOPS:
        _add_rate(cost, "EBS", "EBS gp3 provisioned IOPS (above free baseline)", region, iops - GP3_FREE_IOPS,
                  "gp3 IOPS above 3,000")
    if volume_type == "gp3" and throughput > GP3_FREE_THROUGHPUT_MIBPS:
        _add_rate(cost, "EBS", "EBS gp3 provisioned throughput (above free baseline)", region,
                  throughput - GP3_FREE_THROUGHPUT_MIBPS, "gp3 throughput above 125 MiB/s")


def _add_rate(cost: SourceCost, service: str, item: str, region: str, quantity: float, what: str) -> None:
    found, notes = aws.rate_or_proxy(service, item, region)
    cost.add(found, quantity, notes, what)


def _bucket(resource: Resource, cost: SourceCost) -> None:
    region, props = _region(resource), resource.props
    by_class = bytes_by_storage_class(props)
    for storage_class in sorted(by_class):
        rate, notes = aws.s3_rate(storage_class, region)
        cost.add(rate, _number(by_class[storage_class]) / GIB, notes, f"S3 {storage_class} storage")
    if props.get("size_source") in {"unknown", "listing-truncated"}:
        cost.notes.append(f"bucket size is {props.get('size_source')}: the storage price may be understated")
    cost.notes.append("S3 requests and transfer are usage-based: not priced")


def _nat(resource: Resource, cost: SourceCost) -> None:
    rate, notes = aws.nat_gateway_rate(_region(resource))
    cost.add(rate, HOURS_PER_MONTH, notes, "NAT gateway hours")
    cost.notes.append("NAT data processed is usage-based: not priced")


def _lb(resource: Resource, cost: SourceCost) -> None:
    lb_type = "classic" if resource.key == "aws.elb.load_balancer" else str(resource.props.get("type", "application"))
    rate, notes = aws.lb_hourly_rate(lb_type, _region(resource))
    cost.add(rate, HOURS_PER_MONTH, notes, f"{lb_type} load balancer hours")
    cost.notes.append("load balancer capacity units / data processed are usage-based: not priced")


def _elastic_ip(resource: Resource, cost: SourceCost) -> None:
    if resource.props.get("instance_id") or resource.props.get("network_interface_id"):
        cost.complete = False
        cost.notes.append("an attached public IPv4 address is charged by AWS, but the catalog prices only unused ones: not priced")
        return
    _add_rate(cost, "VPC", "Public IPv4 address / Elastic IP (if unused)", _region(resource), HOURS_PER_MONTH,
              "unused Elastic IP hours")


def _rds_instance(resource: Resource, cost: SourceCost) -> None:
    region, props = _region(resource), resource.props
    multi_az = bool(props.get("multi_az"))
    instance_class, engine = str(props.get("instance_class", "")), str(props.get("engine", ""))
    rate, notes = aws.rds_instance_rate(instance_class, engine, multi_az, region)
    cost.add(rate, HOURS_PER_MONTH, notes, f"RDS {instance_class} hours")
    if props.get("cluster_id"):
        return  # Aurora storage is billed at the cluster
    storage_type = str(props.get("storage_type", "gp2"))
    storage_rate, storage_notes = aws.rds_storage_rate(storage_type, multi_az, region)
    cost.add(storage_rate, _number(props.get("allocated_storage_gib")), storage_notes, f"RDS {storage_type} storage")
    iops_rate, iops_notes = aws.rds_iops_rate(storage_type, multi_az, region)
    if iops_rate is not None or iops_notes:  # io1: provisioned IOPS are billed on their own
        cost.add(iops_rate, _number(props.get("iops")), iops_notes, f"RDS {storage_type} provisioned IOPS")


def _cache_nodes(resource: Resource, cost: SourceCost) -> None:
    props = resource.props
    node_type, engine = str(props.get("node_type") or ""), str(props.get("engine") or "redis")
    nodes = _number(props.get("num_nodes"))
    if not nodes:
        cost.complete = False
        cost.notes.append("ElastiCache: the number of nodes is not in the inventory: not priced")
        return
    rate, notes = elasticache_nodes.node_price(node_type, engine, _region(resource))
    cost.add(rate, nodes * HOURS_PER_MONTH, notes, f"ElastiCache {nodes:g} x {node_type} node-hours")
    cost.notes.append("ElastiCache backup storage and data transfer are usage-based: not priced")


def _service_rate(cost: SourceCost, service: str, item: str, region: str, quantity: float, what: str) -> None:
    found, notes = aws.service_rate(service, item, region)
    cost.add(found, quantity, notes, what)


def _hosted_zone(resource: Resource, cost: SourceCost) -> None:
    _service_rate(cost, "Route 53", "Route 53 hosted zone", _region(resource), 1, "Route 53 hosted zone month")
    cost.notes.append("Route 53 queries are usage-based: not priced")


def _eks(resource: Resource, cost: SourceCost) -> None:
    _service_rate(cost, "EKS", "EKS cluster", _region(resource), HOURS_PER_MONTH, "EKS cluster hours")
    extended, _ = aws.service_rate("EKS", "EKS cluster (extended support)", _region(resource))
    if extended is not None:
        cost.notes.append(f"EKS standard-support rate used: a Kubernetes version in extended support is billed "
                          f"${extended.unit_price_usd:g}/hour (the support calendar of version "
                          f"{resource.props.get('version')} is not in the catalog)")
    cost.notes.append("EKS worker nodes are priced on their EC2 instances; Fargate pods are usage-based: not priced")


EFS_STORAGE_ITEMS: dict[bool, str] = {False: "EFS Standard storage", True: "EFS One Zone storage"}


def _efs(resource: Resource, cost: SourceCost) -> None:
    props = resource.props
    if props.get("size_bytes") is None:
        cost.complete = False
        cost.notes.append("EFS: the file system size is not in the inventory: storage not priced")
        return
    item = EFS_STORAGE_ITEMS[bool(props.get("availability_zone"))]
    _service_rate(cost, "EFS", item, _region(resource), _number(props.get("size_bytes")) / GIB, item)
    cost.notes.append("EFS size includes any Infrequent Access / Archive data, priced here at the Standard rate "
                      "(an upper bound for that part)")
    if props.get("throughput_mode") == "provisioned":
        cost.complete = False
        cost.notes.append("EFS provisioned throughput: not priced (the snapshot's rate is a usage-based line)")
    cost.notes.append("EFS requests and data access are usage-based: not priced")


DYNAMODB_CAPACITY_ITEMS: dict[str, str] = {
    "read_capacity": "DynamoDB provisioned read capacity unit",
    "write_capacity": "DynamoDB provisioned write capacity unit",
}
DYNAMODB_STORAGE_ITEMS: dict[str, str] = {"STANDARD": "DynamoDB Standard table storage"}


def _dynamodb(resource: Resource, cost: SourceCost) -> None:
    region, props = _region(resource), resource.props
    if props.get("billing_mode") == "PROVISIONED":
        for prop, item in DYNAMODB_CAPACITY_ITEMS.items():
            _service_rate(cost, "DynamoDB", item, region, _number(props.get(prop)), item)
    else:
        cost.notes.append("DynamoDB on-demand read/write requests are usage-based: not priced")
    if _number(props.get("gsi_count")):
        cost.complete = False
        cost.notes.append("DynamoDB global secondary indexes (their storage and any provisioned capacity) are not in "
                          "the inventory: not priced")
    table_class = str(props.get("table_class") or "STANDARD")
    storage = DYNAMODB_STORAGE_ITEMS.get(table_class)
    if storage is None or props.get("size_bytes") is None:
        cost.complete = False
        cost.notes.append(f"DynamoDB {table_class} table storage: no rate or no table size in the snapshot: not priced")
    else:
        _service_rate(cost, "DynamoDB", storage, region, _number(props.get("size_bytes")) / GIB, storage)
    if props.get("replica_regions"):
        cost.complete = False
        cost.notes.append("DynamoDB global table replication (replicated writes) is not priced")
    cost.notes.append("DynamoDB backups and streams are usage-based: not priced; the free tier is not deducted")


FARGATE_ITEMS: tuple[str, ...] = ("Fargate vCPU", "Fargate memory")


def _ecs_service(resource: Resource, cost: SourceCost) -> None:
    launch_type, desired = resource.props.get("launch_type"), _number(resource.props.get("desired_count"))
    if launch_type == "EC2":
        cost.monthly_usd = 0.0
        cost.basis.append("source: ECS on EC2 has no charge of its own (its container instances are priced as EC2)")
        return
    if launch_type == "FARGATE" and not desired:
        cost.monthly_usd = 0.0
        cost.basis.append("source: Fargate service with no desired tasks, no charge")
        return
    cost.complete = False
    if launch_type != "FARGATE":
        cost.notes.append(f"ECS launch type {launch_type or 'unknown'} (capacity provider): its capacity is not priced")
        return
    rates = [aws.service_rate("Fargate", item, _region(resource))[0] for item in FARGATE_ITEMS]
    listed = ", ".join(f"${found.unit_price_usd:g}/{found.unit}" for found in rates if found is not None)
    cost.notes.append(f"Fargate: {desired:g} tasks, but the task vCPU/memory are on the task definition (a separate "
                      f"resource): not priced (catalog rates: {listed or 'none'})")


def _not_in_catalog(service: str) -> Callable[[Resource, SourceCost], None]:
    def price(resource: Resource, cost: SourceCost) -> None:
        cost.complete = False
        cost.notes.append(f"no {service} rate in the AWS catalog snapshot: source cost not priced")

    return price


PRICERS: dict[str, Callable[[Resource, SourceCost], None]] = {
    "aws.ec2.instance": _instance,
    "aws.ec2.volume": _volume,
    "aws.ec2.elastic_ip": _elastic_ip,
    "aws.ec2.nat_gateway": _nat,
    "aws.elbv2.load_balancer": _lb,
    "aws.elb.load_balancer": _lb,
    "aws.s3.bucket": _bucket,
    "aws.rds.instance": _rds_instance,
    "aws.rds.cluster": _not_in_catalog("Aurora cluster storage / I/O"),
    "aws.elasticache.replication_group": _cache_nodes,
    "aws.elasticache.cluster": _cache_nodes,
    "aws.dynamodb.table": _dynamodb,
    "aws.efs.file_system": _efs,
    "aws.lambda.function": _not_in_catalog("Lambda (usage-based)"),
    "aws.sqs.queue": _not_in_catalog("SQS (usage-based)"),
    "aws.sns.topic": _not_in_catalog("SNS (usage-based)"),
    "aws.apigateway.rest_api": _not_in_catalog("API Gateway (usage-based)"),
    "aws.apigatewayv2.api": _not_in_catalog("API Gateway (usage-based)"),
    "aws.sfn.state_machine": _not_in_catalog("Step Functions (usage-based)"),
    "aws.kinesis.stream": _not_in_catalog("Kinesis shard-hour / on-demand stream"),
    "aws.ssm.parameter": _not_in_catalog("Parameter Store advanced-tier (standard parameters carry no charge)"),
    "aws.cloudwatch.alarm": _not_in_catalog("CloudWatch alarm"),
    "aws.route53.zone": _hosted_zone,
    "aws.cloudfront.distribution": _not_in_catalog("CloudFront (usage-based)"),
    "aws.acm.certificate": _not_in_catalog("ACM private certificate"),
    "aws.ecs.service": _ecs_service,
    "aws.eks.cluster": _eks,
    "aws.ecr.repository": _not_in_catalog("ECR storage"),
    "aws.secretsmanager.secret": _not_in_catalog("Secrets Manager"),
    "aws.kms.key": _not_in_catalog("KMS customer key"),
    "aws.opensearch.domain": _not_in_catalog("OpenSearch Service instance / storage"),
    "aws.cognito.user_pool": _not_in_catalog("Cognito (monthly active users, usage-based)"),
    "aws.logs.log_group": _not_in_catalog("CloudWatch Logs storage"),
    "aws.ec2.snapshot": _not_in_catalog("EBS snapshot storage"),
    "aws.rds.snapshot": _not_in_catalog("RDS snapshot storage"),
    "aws.route53domains.domain": _not_in_catalog("Route 53 domain registration"),
    "aws.redshift.cluster": _not_in_catalog("Redshift node"),
    "aws.ec2.vpc_endpoint": _not_in_catalog("VPC endpoint (interface endpoints are billed hourly, gateway ones are free)"),
}


def source_cost(resource: Resource) -> SourceCost:
    """The resource's monthly list-price cost on AWS today, with its basis and notes."""
    cost = SourceCost()
    if resource.key in NO_CHARGE:
        cost.monthly_usd = 0.0
        cost.basis.append(f"source: no AWS charge for the {NO_CHARGE[resource.key]}")
        return cost
    if resource.key == "aws.acm.certificate" and resource.props.get("type") in {"AMAZON_ISSUED", "IMPORTED"}:
        cost.monthly_usd = 0.0
        cost.basis.append("source: public ACM certificates (issued or imported) carry no AWS charge")
        return cost
    if resource.key == "aws.kms.key" and resource.props.get("key_manager") == "AWS":
        cost.monthly_usd = 0.0
        cost.basis.append("source: AWS-managed KMS keys carry no monthly key charge")
        return cost
    pricer = PRICERS.get(resource.key)
    if pricer is None:
        cost.complete = False
        cost.notes.append(f"no source pricing for {resource.key}: not priced")
        return cost
    pricer(resource, cost)
    return cost
